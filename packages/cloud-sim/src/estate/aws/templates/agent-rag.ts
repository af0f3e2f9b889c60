import { externalPrincipalId } from '@aispm/core';
import type { S3Bucket } from '../../../aws/model.ts';
import {
  allow,
  bucketResources,
  CHAT_MODELS,
  chars,
  doc,
  EMBEDDING_MODELS,
  exposeToInternet,
  fakeAwsSecret,
  iso,
  LOWER_ALNUM,
  serviceTrust,
  UPPER_ALNUM,
  uuid,
} from '../common.ts';
import type { WorkloadBuilder } from '../workload.ts';
import { agentCore } from './agentcore.ts';

/** What the parts of one agent + RAG workload share. */
interface Rag {
  w: WorkloadBuilder;
  name: string;
  kbBucket: S3Bucket;
  kbBucketArn: string;
}
interface Collection {
  collArn: string;
  collName: string;
  broadData: boolean;
  /** Epoch milliseconds, as OpenSearch Serverless reports them. */
  created: number;
}
interface KnowledgeBase {
  kbArn: string;
  kbId: string;
}
interface Tools {
  agentId: string;
  agentArn: string;
  writes: boolean;
  tools: { groupId: string; groupName: string; fnArn: string; roleArn: string }[];
}

/** The retrieval lineage of one agent (for planting paths through it). */
export interface AgentRagIds {
  kbBucket: S3Bucket;
  kbBucketArn: string;
  knowledgeBase: string;
  agent: string;
  /** Whether a tool of the agent can write (its own grants). */
  writes: boolean;
  /** The roles of the Lambda functions behind the agent's action groups. */
  toolRoles: string[];
}

// (c) agent + action groups (Lambda tools) + knowledge base (S3 + OSS) + guardrail
export function agentRag(w: WorkloadBuilder): AgentRagIds {
  const { rng, r, level } = w;
  const name = `${w.team}-assist-${chars(rng, LOWER_ALNUM, 4)}`;
  const kbExposure = level === 'exposed' && rng.chance(0.3) ? ('external-read' as const) : undefined;
  const kbBucket = w.b.bucket('kb-docs', r, level, { exposure: kbExposure, sensitive: rng.chance(0.5) });
  const kbBucketArn = `arn:aws:s3:::${kbBucket.Name}`;
  const rag: Rag = { w, name, kbBucket, kbBucketArn };
  const collection = vectorCollection(rag);
  const kb = knowledgeBase(rag, collection);
  const guardrailId = guardrail(rag);
  const tools = agentTools(rag);
  agent(rag, kb, guardrailId, tools);
  agentCore(w, { name, kbBucketName: kbBucket.Name, kbBucketArn, writes: tools.writes });

  // exposure paths
  if (tools.writes && level === 'exposed') w.b.invokeTargets.push(tools.agentArn);
  if (level === 'exposed' && kbExposure === undefined) w.vendorRole(name, kbBucket.Name);
  return {
    kbBucket,
    kbBucketArn,
    knowledgeBase: kb.kbArn,
    agent: tools.agentArn,
    writes: tools.writes,
    toolRoles: tools.tools.map((t) => t.roleArn),
  };
}

/** An OpenSearch Serverless vector collection with its network and encryption policies. */
function vectorCollection(rag: Rag): Collection {
  const { w, name } = rag;
  const { rng, r, acct, truth, level } = w;
  const collId = chars(rng, LOWER_ALNUM, 20);
  const collName = `kb-${name}`.slice(0, 32);
  const collArn = `arn:aws:aoss:${r}:${acct}:collection/${collId}`;
  const publicNet = level === 'exposed' || (level === 'sloppy' && rng.chance(0.4));
  const ossCmk = level === 'hardened' || rng.chance(0.4);
  const broadData = level === 'exposed' && rng.chance(0.6);
  const ossKey = ossCmk ? w.b.key(r).Arn : undefined;
  const created = w.time(20, 300) * 1000;
  const oss = w.state.oss;
  oss.collections.push({
    id: collId,
    name: collName,
    status: 'ACTIVE',
    type: 'VECTORSEARCH',
    description: `Vectors for ${name}`,
    arn: collArn,
    kmsKeyArn: ossKey ?? 'auto',
    standbyReplicas: 'ENABLED',
    createdDate: created,
    lastModifiedDate: created,
    collectionEndpoint: `https://${collId}.${r}.aoss.amazonaws.com`,
    dashboardEndpoint: `https://${collId}.${r}.aoss.amazonaws.com/_dashboards`,
  });
  const rules = [
    { ResourceType: 'collection', Resource: [`collection/${collName}`] },
    { ResourceType: 'dashboard', Resource: [`collection/${collName}`] },
  ];
  oss.securityPolicies.push({
    type: 'network',
    name: `${collName}-net`.slice(0, 32),
    policyVersion: `MTY${rng.hex(12)}`,
    description: 'network access',
    policy: [
      publicNet
        ? { Rules: rules, AllowFromPublic: true }
        : { Rules: rules, AllowFromPublic: false, SourceVPCEs: [`vpce-${rng.hex(17)}`] },
    ],
    createdDate: created,
    lastModifiedDate: created,
  });
  oss.securityPolicies.push({
    type: 'encryption',
    name: `${collName}-enc`.slice(0, 32),
    policyVersion: `MTY${rng.hex(12)}`,
    description: 'encryption at rest',
    policy: {
      Rules: [rules[0]],
      ...(ossKey ? { AWSOwnedKey: false, KmsARN: ossKey } : { AWSOwnedKey: true }),
    },
    createdDate: created,
    lastModifiedDate: created,
  });

  truth.asset(collArn, 'vector-store', 'AWS::OpenSearchServerless::Collection', acct, r, collName);
  if (publicNet) {
    truth.risk(collArn, 'vector-store-public-network', 'Network policy AllowFromPublic is true');
    exposeToInternet(truth, collArn);
  }
  if (!ossKey) truth.risk(collArn, 'no-cmk-encryption', 'Encryption policy uses an AWS-owned key');
  if (broadData)
    truth.risk(
      collArn,
      'vector-store-broad-access',
      'Data access policy grants aoss:* on the index to "*"-like principals',
    );
  w.clean(collArn);
  return { collArn, collName, broadData, created };
}

/** The knowledge base over the documents bucket, its role, and the collection's data access policy. */
function knowledgeBase(rag: Rag, collection: Collection): KnowledgeBase {
  const { w, name, kbBucket, kbBucketArn } = rag;
  const { rng, r, acct, truth } = w;
  const { collArn, collName, broadData, created } = collection;
  const oss = w.state.oss;
  const kbRole = w.executionRole(`BedrockKB-${name}`, 'bedrock.amazonaws.com', [
    allow(['s3:GetObject', 's3:ListBucket'], bucketResources(kbBucket.Name)),
    allow(['aoss:APIAccessAll'], collArn),
    allow(['bedrock:InvokeModel'], `arn:aws:bedrock:${r}::foundation-model/*`),
  ]);
  const dataPrincipals = [
    kbRole.Arn,
    ...(broadData
      ? [`arn:aws:iam::${rng.pick(w.b.ctx.foreignAccounts)}:root`, `arn:aws:iam::${acct}:root`]
      : []),
  ];
  oss.accessPolicies.push({
    type: 'data',
    name: `${collName}-data`.slice(0, 32),
    policyVersion: `MTY${rng.hex(12)}`,
    description: 'data access',
    policy: [
      {
        Rules: [
          {
            ResourceType: 'index',
            Resource: [`index/${collName}/*`],
            Permission: broadData
              ? ['aoss:*']
              : ['aoss:ReadDocument', 'aoss:WriteDocument', 'aoss:CreateIndex', 'aoss:DescribeIndex'],
          },
          {
            ResourceType: 'collection',
            Resource: [`collection/${collName}`],
            Permission: ['aoss:DescribeCollectionItems'],
          },
        ],
        Principal: dataPrincipals,
      },
    ],
    createdDate: created,
    lastModifiedDate: created,
  });

  const kbId = chars(rng, UPPER_ALNUM, 10);
  const kbArn = `arn:aws:bedrock:${r}:${acct}:knowledge-base/${kbId}`;
  const embed = rng.pick(EMBEDDING_MODELS);
  const embedArn = `arn:aws:bedrock:${r}::foundation-model/${embed}`;
  const kbCreated = iso(w.time(20, 300));
  const dsId = chars(rng, UPPER_ALNUM, 10);
  w.state.knowledgeBases.push({
    knowledgeBase: {
      knowledgeBaseId: kbId,
      name: `kb-${name}`,
      knowledgeBaseArn: kbArn,
      description: `Documents for ${name}`,
      roleArn: kbRole.Arn,
      knowledgeBaseConfiguration: {
        type: 'VECTOR',
        vectorKnowledgeBaseConfiguration: { embeddingModelArn: embedArn },
      },
      storageConfiguration: {
        type: 'OPENSEARCH_SERVERLESS',
        opensearchServerlessConfiguration: {
          collectionArn: collArn,
          vectorIndexName: 'bedrock-kb-index',
          fieldMapping: { vectorField: 'embedding', textField: 'text', metadataField: 'metadata' },
        },
      },
      status: 'ACTIVE',
      createdAt: kbCreated,
      updatedAt: kbCreated,
    },
    dataSources: [
      {
        knowledgeBaseId: kbId,
        dataSourceId: dsId,
        name: `docs-${name}`,
        description: 'S3 documents',
        status: 'AVAILABLE',
        dataSourceConfiguration: {
          type: 'S3',
          s3Configuration: { bucketArn: kbBucketArn, inclusionPrefixes: ['docs/'] },
        },
        dataDeletionPolicy: 'RETAIN',
        createdAt: kbCreated,
        updatedAt: kbCreated,
      },
    ],
  });
  truth.asset(kbArn, 'knowledge-base', 'AWS::Bedrock::KnowledgeBase', acct, r, `kb-${name}`);
  truth.edge('stores-vectors-in', kbArn, collArn);
  truth.edge('reads-from', kbArn, kbBucketArn);
  truth.edge('runs-as', kbArn, kbRole.Arn);
  truth.edge('uses-model', kbArn, embedArn);
  return { kbArn, kbId };
}

/** A guardrail (absent on some exposed workloads); returns its id. */
function guardrail(rag: Rag): string | undefined {
  const { w, name } = rag;
  const { rng, r, acct, truth, level } = w;
  const hasGuardrail = level !== 'exposed' || rng.chance(0.4);
  let guardrailId: string | undefined;
  if (hasGuardrail) {
    guardrailId = chars(rng, LOWER_ALNUM, 12);
    const gArn = `arn:aws:bedrock:${r}:${acct}:guardrail/${guardrailId}`;
    const strength =
      level === 'hardened' ? 'HIGH' : rng.pick(['HIGH', 'MEDIUM', 'LOW', 'NONE', 'ABSENT'] as const);
    const gKms = level === 'hardened' || rng.chance(0.4);
    const gKey = gKms ? w.b.key(r).Arn : undefined;
    const filters = ['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT'].map((type) => ({
      type,
      inputStrength: 'HIGH',
      outputStrength: 'HIGH',
    }));
    if (strength !== 'ABSENT')
      filters.push({ type: 'PROMPT_ATTACK', inputStrength: strength, outputStrength: 'NONE' });
    const gCreated = iso(w.time(20, 300));
    w.state.guardrails.push({
      name: `guard-${name}`,
      guardrailId,
      guardrailArn: gArn,
      version: 'DRAFT',
      description: `Guardrail for ${name}`,
      status: 'READY',
      contentPolicy: { filters },
      sensitiveInformationPolicy: { piiEntities: [{ type: 'EMAIL', action: 'ANONYMIZE' }] },
      createdAt: gCreated,
      updatedAt: gCreated,
      blockedInputMessaging: 'Sorry, I cannot help with that.',
      blockedOutputsMessaging: 'Sorry, I cannot answer that.',
      kmsKeyArn: gKey,
    });
    truth.asset(gArn, 'guardrail', 'AWS::Bedrock::Guardrail', acct, r, `guard-${name}`);
    guardrailPolicy(w, gArn);
    if (gKey) w.b.encryptedBy(gArn, r);
    else truth.risk(gArn, 'no-cmk-encryption', 'Guardrail has no kmsKeyArn');
    if (strength === 'LOW' || strength === 'NONE' || strength === 'ABSENT') {
      truth.risk(
        gArn,
        'guardrail-weak',
        `PROMPT_ATTACK filter ${strength === 'ABSENT' ? 'missing' : `input strength ${strength}`}`,
      );
    }
    w.clean(gArn);
  }
  return guardrailId;
}

/**
 * The guardrail's resource-based policy, in the statement patterns AWS documents for guardrails (only
 * `bedrock:ApplyGuardrail` and `bedrock:GetGuardrail` can be granted): a hardened workload shares it with its own
 * organisation for ApplyGuardrail (aws:PrincipalOrgID, as an organisation-enforced guardrail needs: the clean
 * twin); an exposed one lets a partner account outside the organisation apply and read it (planted); sloppy
 * ones have none. Drawn from its own fork, so the resources after it keep their ids.
 */
export function guardrailPolicy(w: WorkloadBuilder, gArn: string): void {
  if (w.level === 'sloppy') return;
  if (w.level === 'hardened') {
    w.state.guardrailPolicies[gArn] = doc({
      Sid: 'OrganizationApplyGuardrail',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'bedrock:ApplyGuardrail',
      Resource: gArn,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': w.b.ctx.estate.organizationId } },
    });
    return;
  }
  const foreign = w.rng.fork('guardrail-policy').pick(w.b.ctx.foreignAccounts);
  w.state.guardrailPolicies[gArn] = doc({
    Sid: 'PartnerApplyGuardrail',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${foreign}:root` },
    Action: ['bedrock:ApplyGuardrail', 'bedrock:GetGuardrail'],
    Resource: gArn,
  });
  const ext = externalPrincipalId('aws', foreign);
  w.truth.asset(ext, 'external-principal', 'aispm::ExternalPrincipal', 'global', 'global', foreign);
  w.truth.edge('can-invoke', ext, gArn);
  w.truth.edge('can-read', ext, gArn);
  w.truth.risk(
    gArn,
    'guardrail-policy-external-access',
    `Resource policy lets account ${foreign} apply and read the guardrail's configuration`,
  );
}

/** Tools: Lambda functions behind action groups, with their roles. */
function agentTools(rag: Rag): Tools {
  const { w, name, kbBucket, kbBucketArn } = rag;
  const { rng, r, acct, truth, level } = w;
  const agentId = chars(rng, UPPER_ALNUM, 10);
  const agentArn = `arn:aws:bedrock:${r}:${acct}:agent/${agentId}`;
  const writes = level === 'exposed' || (level === 'sloppy' && rng.chance(0.3));
  const toolCount = rng.int(1, 2);
  const tools: { groupId: string; groupName: string; fnArn: string; roleArn: string }[] = [];
  for (let t = 0; t < toolCount; t++) {
    const fnName = `${name}-tool-${t + 1}`;
    const fnArn = `arn:aws:lambda:${r}:${acct}:function:${fnName}`;
    const canWrite = writes && t === 0;
    const toolRole = w.b.role(
      `AgentTool-${fnName}`,
      serviceTrust('lambda.amazonaws.com'),
      [
        allow(
          ['logs:CreateLogStream', 'logs:PutLogEvents'],
          `arn:aws:logs:${r}:${acct}:log-group:/aws/lambda/${fnName}:*`,
        ),
        canWrite
          ? allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], bucketResources(kbBucket.Name))
          : allow(['s3:GetObject'], `${kbBucketArn}/*`),
      ],
      { path: '/service-role/' },
    );
    w.clean(toolRole.Arn);
    w.state.lambdas.push({
      FunctionName: fnName,
      FunctionArn: fnArn,
      Runtime: 'python3.12',
      Role: toolRole.Arn,
      Handler: 'app.handler',
      CodeSize: rng.int(2000, 90000),
      Description: `Action group tool ${t + 1} for ${name}`,
      Timeout: 30,
      MemorySize: 256,
      LastModified: iso(w.time(10, 200)).replace('Z', '+0000'),
      Environment: { TABLE_NAME: `${name}-records`, LOG_LEVEL: 'INFO' },
      policy: doc({
        Sid: 'AllowBedrockAgent',
        Effect: 'Allow',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: fnArn,
        Condition: { ArnLike: { 'AWS:SourceArn': agentArn } },
      }),
    });
    truth.asset(fnArn, 'function', 'AWS::Lambda::Function', acct, r, fnName);
    truth.risk(fnArn, 'agent-tool-no-private-network', `Tool function ${fnName} is not attached to a VPC`);
    truth.edge('runs-as', fnArn, toolRole.Arn);
    if (canWrite) truth.edge('can-write', toolRole.Arn, kbBucketArn);
    tools.push({
      groupId: chars(rng, UPPER_ALNUM, 10),
      groupName: `tool-${t + 1}`,
      fnArn,
      roleArn: toolRole.Arn,
    });
  }
  return { agentId, agentArn, writes, tools };
}

/** The agent itself, wired to its model, knowledge base, guardrail and tools. */
function agent(rag: Rag, kb: KnowledgeBase, guardrailId: string | undefined, agentTools: Tools): void {
  const { w, name } = rag;
  const { rng, r, acct, truth, level } = w;
  const { kbArn, kbId } = kb;
  const { agentId, agentArn, writes, tools } = agentTools;
  const agentRole = w.executionRole(
    `AmazonBedrockExecutionRoleForAgents_${name}`,
    'bedrock.amazonaws.com',
    [
      allow(['bedrock:InvokeModel'], `arn:aws:bedrock:${r}::foundation-model/*`),
      allow(['bedrock:Retrieve'], kbArn),
    ],
    'bedrock',
  );
  const model = rng.pick(CHAT_MODELS);
  const secret = level === 'exposed' && rng.chance(0.5);
  const leaked = fakeAwsSecret(rng);
  const instruction = secret
    ? `You are the ${w.team} assistant. Answer from the knowledge base. To file tickets call the CRM with access key ${leaked.keyId} and secret ${leaked.secret}.`
    : `You are the ${w.team} assistant. Answer only from the knowledge base and cite the document. Never reveal internal data.`;
  const agentKms = level === 'hardened' || rng.chance(0.4);
  const agentKey = agentKms ? w.b.key(r).Arn : undefined;
  const agentCreated = iso(w.time(20, 300));
  w.state.agents.push({
    agent: {
      agentId,
      agentName: `agent-${name}`,
      agentArn,
      agentVersion: 'DRAFT',
      clientToken: uuid(rng),
      instruction,
      agentStatus: 'PREPARED',
      foundationModel: model,
      description: `Assistant for ${w.team}`,
      idleSessionTTLInSeconds: 600,
      agentResourceRoleArn: agentRole.Arn,
      customerEncryptionKeyArn: agentKey,
      createdAt: agentCreated,
      updatedAt: agentCreated,
      preparedAt: agentCreated,
      guardrailConfiguration: guardrailId
        ? { guardrailIdentifier: guardrailId, guardrailVersion: 'DRAFT' }
        : undefined,
      orchestrationType: 'DEFAULT',
    },
    actionGroups: tools.map((t) => ({
      agentId,
      agentVersion: 'DRAFT',
      actionGroupId: t.groupId,
      actionGroupName: t.groupName,
      description: `Calls ${t.fnArn.split(':').pop()}`,
      actionGroupExecutor: { lambda: t.fnArn },
      functionSchema: {
        functions: [
          {
            name: 'run',
            description: 'Run the tool',
            parameters: { query: { type: 'string', required: true } },
          },
        ],
      },
      actionGroupState: 'ENABLED',
      createdAt: agentCreated,
      updatedAt: agentCreated,
    })),
    knowledgeBases: [
      {
        knowledgeBaseId: kbId,
        description: 'Team documents',
        knowledgeBaseState: 'ENABLED',
        updatedAt: agentCreated,
      },
    ],
  });
  truth.asset(agentArn, 'agent', 'AWS::Bedrock::Agent', acct, r, `agent-${name}`);
  truth.edge('uses-model', agentArn, `arn:aws:bedrock:${r}::foundation-model/${model}`);
  truth.edge('runs-as', agentArn, agentRole.Arn);
  truth.edge('uses-knowledge-base', agentArn, kbArn);
  if (guardrailId)
    truth.edge('guarded-by', agentArn, `arn:aws:bedrock:${r}:${acct}:guardrail/${guardrailId}`);
  else truth.risk(agentArn, 'agent-no-guardrail', 'Agent has no guardrailConfiguration');
  if (agentKey) w.b.encryptedBy(agentArn, r);
  else truth.risk(agentArn, 'no-cmk-encryption', 'Agent has no customerEncryptionKeyArn');
  if (secret)
    truth.risk(agentArn, 'secret-in-agent-instructions', 'Agent instruction contains an AWS access key pair');
  if (writes)
    truth.risk(agentArn, 'agent-excessive-agency', 'A tool Lambda role can s3:PutObject / s3:DeleteObject');
  for (const t of tools) {
    const groupAsset = `${agentArn}/action-group/${t.groupId}`;
    truth.asset(groupAsset, 'agent-tool', 'AWS::Bedrock::AgentActionGroup', acct, r, t.groupName);
    truth.edge('uses-tool', agentArn, groupAsset);
    truth.edge('implemented-by', groupAsset, t.fnArn);
  }
  w.clean(agentArn);
}
