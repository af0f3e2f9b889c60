import { readFileSync } from 'node:fs';
import { AssetRecordSchema, EdgeRecordSchema, type GraphBatch, kindOf } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { normalizeBedrock } from '../src/aws/bedrock/normalize.ts';
import { normalizeBedrockAgent } from '../src/aws/bedrock-agent/normalize.ts';
import { normalizeIam } from '../src/aws/iam/normalize.ts';
import { normalizeKms } from '../src/aws/kms/normalize.ts';
import { normalizeLambda } from '../src/aws/lambda/normalize.ts';
import { normalizeOpenSearchServerless } from '../src/aws/opensearch-serverless/normalize.ts';
import { normalizeOrganization } from '../src/aws/organizations/normalize.ts';
import { normalizeS3 } from '../src/aws/s3/normalize.ts';
import { normalizeSageMaker } from '../src/aws/sagemaker/normalize.ts';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are recorded API payloads, typed by the normaliser inputs.
const fixture = (path: string): any =>
  JSON.parse(readFileSync(new URL(`./fixtures/aws/${path}`, import.meta.url), 'utf8'));

const A = '111122223333';
const R = 'us-east-1';
const scope = { accountId: A, region: R };

const edgesOf = (b: GraphBatch) => b.edges.map((e) => `${e.kind} ${e.from} -> ${e.to}`).sort();
const asset = (b: GraphBatch, id: string) => {
  const a = b.assets.find((x) => x.id === id);
  if (!a) throw new Error(`no asset ${id}; have ${b.assets.map((x) => x.id).join(', ')}`);
  return a;
};

/** Every normaliser output must satisfy the core schemas and use the resource-type table's kinds. */
function expectValid(b: GraphBatch) {
  for (const a of b.assets) {
    expect(() => AssetRecordSchema.parse(a)).not.toThrow();
    expect(kindOf('aws', a.nativeType)).toBe(a.kind);
    expect(JSON.stringify(a)).not.toMatch(
      /AKIAIOSFODNN7EXAMPLE|SuperSecretValue123|sk-proj-|hf_abcdef|tok_live|secretsecretsecret/,
    );
  }
  for (const e of b.edges) expect(() => EdgeRecordSchema.parse(e)).not.toThrow();
}

describe('iam normalizer (GetAccountAuthorizationDetails + ListAccessKeys)', () => {
  const details = fixture('iam/get-account-authorization-details.json');
  const keys = fixture('iam/list-access-keys.json');
  const batch = normalizeIam(
    {
      details,
      accessKeys: Object.fromEntries(
        Object.entries(keys).map(([u, o]) => [u, (o as { AccessKeyMetadata: unknown[] }).AccessKeyMetadata]),
      ),
    } as never,
    { accountId: A, region: 'global' },
  );

  it('emits roles, users, groups and access keys under their ARNs', () => {
    expectValid(batch);
    expect(batch.assets.map((a) => `${a.nativeType} ${a.id}`).sort()).toEqual([
      `AWS::IAM::AccessKey arn:aws:iam::${A}:user/alice/access-key/AKIAEXAMPLEALICEKEY1`,
      `AWS::IAM::AccessKey arn:aws:iam::${A}:user/alice/access-key/AKIAEXAMPLEALICEKEY2`,
      `AWS::IAM::Group arn:aws:iam::${A}:group/ml-engineers`,
      `AWS::IAM::Role arn:aws:iam::${A}:role/VendorAccess`,
      `AWS::IAM::Role arn:aws:iam::${A}:role/service-role/SageMakerExec`,
      `AWS::IAM::User arn:aws:iam::${A}:user/alice`,
    ]);
    expect(batch.assets.every((a) => a.region === 'global' && a.accountId === A)).toBe(true);
  });

  it('links users to groups and keys', () => {
    expect(edgesOf(batch)).toEqual([
      `has-key arn:aws:iam::${A}:user/alice -> arn:aws:iam::${A}:user/alice/access-key/AKIAEXAMPLEALICEKEY1`,
      `has-key arn:aws:iam::${A}:user/alice -> arn:aws:iam::${A}:user/alice/access-key/AKIAEXAMPLEALICEKEY2`,
      `member-of arn:aws:iam::${A}:user/alice -> arn:aws:iam::${A}:group/ml-engineers`,
    ]);
  });

  it('URL-decodes policy documents and resolves managed policies to their default version', () => {
    const group = asset(batch, `arn:aws:iam::${A}:group/ml-engineers`);
    expect(group.properties.attachedPolicies).toEqual([
      {
        name: 'TrainingDataRead',
        arn: `arn:aws:iam::${A}:policy/TrainingDataRead`,
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::training-data/*' }],
        },
      },
    ]);
    const alice = asset(batch, `arn:aws:iam::${A}:user/alice`);
    expect((alice.properties.inlinePolicies as { document: unknown }[])[0]?.document).toMatchObject({
      Statement: [{ Action: 'bedrock:InvokeModel' }],
    });
    expect(alice.properties.activeAccessKeys).toBe(1);
    expect(alice.tags).toEqual({ team: 'ml' });
  });

  it('records trust principals, the boundary and AWS managed policies whose document was not returned', () => {
    const exec = asset(batch, `arn:aws:iam::${A}:role/service-role/SageMakerExec`);
    expect(exec.properties.trustedServices).toEqual(['sagemaker.amazonaws.com']);
    expect(exec.properties.permissionsBoundary).toMatchObject({
      arn: `arn:aws:iam::${A}:policy/MlBoundary`,
      document: { Statement: [{ Action: ['s3:*', 'sagemaker:*'] }] },
    });
    expect(exec.properties.attachedPolicies).toEqual([
      {
        name: 'AmazonSageMakerFullAccess',
        arn: 'arn:aws:iam::aws:policy/AmazonSageMakerFullAccess',
        unresolved: true,
      },
    ]);
    expect(asset(batch, `arn:aws:iam::${A}:role/VendorAccess`).properties.trustedAwsPrincipals).toEqual([
      'arn:aws:iam::999988887777:root',
    ]);
  });

  it('falls back to the built-in document of well-known AWS managed policies the API did not return', () => {
    const withAdmin = structuredClone(details);
    withAdmin.RoleDetailList[1].AttachedManagedPolicies = [
      { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ];
    const b = normalizeIam({ details: withAdmin, accessKeys: {} } as never, {
      accountId: A,
      region: 'global',
    });
    expect(asset(b, `arn:aws:iam::${A}:role/VendorAccess`).properties.attachedPolicies).toEqual([
      {
        name: 'AdministratorAccess',
        arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        builtin: true,
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      },
    ]);
  });
});

describe('bedrock normalizer', () => {
  const batch = normalizeBedrock(
    {
      foundationModels: fixture('bedrock/list-foundation-models.json').modelSummaries,
      customModels: [fixture('bedrock/get-custom-model.json')],
      importedModels: [fixture('bedrock/get-imported-model.json')],
      customizationJobs: [fixture('bedrock/get-model-customization-job.json')],
      provisionedThroughputs: fixture('bedrock/list-provisioned-model-throughputs.json')
        .provisionedModelSummaries,
      guardrails: [fixture('bedrock/get-guardrail.json')],
      loggingConfig: fixture('bedrock/get-model-invocation-logging-configuration.json').loggingConfig,
      enforcedGuardrails: [
        {
          configId: 'cfg-1',
          guardrailArn: `arn:aws:bedrock:${R}:${A}:guardrail/gr0001abcd`,
          guardrailVersion: '1',
          owner: 'ACCOUNT',
          modelEnforcement: {
            includedModels: ['anthropic.claude-3-haiku-20240307-v1:0'],
            excludedModels: [],
          },
        },
      ],
    },
    scope,
  );
  const custom = `arn:aws:bedrock:${R}:${A}:custom-model/amazon.titan-text-express-v1:0:8k/abcd1234efgh`;
  const job = `arn:aws:bedrock:${R}:${A}:model-customization-job/amazon.titan-text-express-v1:0:8k/job0001`;

  it('emits foundation models as AWS-owned assets and the per-region logging config', () => {
    expectValid(batch);
    const fm = asset(batch, 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2');
    expect(fm).toMatchObject({
      accountId: 'aws',
      region: R,
      kind: 'model',
      nativeType: 'AWS::Bedrock::FoundationModel',
    });
    expect(asset(batch, `arn:aws:bedrock:${R}:${A}:model-invocation-logging`).properties).toMatchObject({
      enabled: true,
      s3BucketName: 'bedrock-logs',
    });
  });

  it('builds lineage edges for custom models, jobs, provisioned throughput, guardrails and logging', () => {
    expect(edgesOf(batch)).toEqual(
      [
        `encrypted-by ${custom} -> arn:aws:kms:${R}:${A}:key/1111aaaa-2222-bbbb-3333-cccc4444dddd`,
        `logs-to arn:aws:bedrock:${R}:${A}:model-invocation-logging -> arn:aws:s3:::bedrock-logs`,
        `produced-by ${custom} -> ${job}`,
        `reads-from arn:aws:bedrock:${R}:${A}:imported-model/llama3ft01 -> arn:aws:s3:::model-artifacts`,
        `reads-from ${job} -> arn:aws:s3:::training-data`,
        `reads-from ${job} -> arn:aws:s3:::validation-data`,
        `runs-as ${job} -> arn:aws:iam::${A}:role/BedrockFineTune`,
        `serves arn:aws:bedrock:${R}:${A}:provisioned-model/pt0001 -> ${custom}`,
        `trained-on ${custom} -> arn:aws:s3:::training-data`,
        `trained-on ${custom} -> arn:aws:s3:::validation-data`,
        `writes-to ${job} -> arn:aws:s3:::ft-output`,
      ].sort(),
    );
  });

  it('summarises guardrail filter strength', () => {
    expect(asset(batch, `arn:aws:bedrock:${R}:${A}:guardrail/gr0001abcd`).properties).toMatchObject({
      promptAttackStrength: 'LOW',
      deniedTopics: ['investment-advice'],
    });
  });

  it('reports logging as disabled when the API returns no configuration', () => {
    const empty = normalizeBedrock(
      {
        foundationModels: [],
        customModels: [],
        importedModels: [],
        customizationJobs: [],
        provisionedThroughputs: [],
        guardrails: [],
        loggingConfig: undefined,
        enforcedGuardrails: [],
      },
      scope,
    );
    expect(empty.assets.map((a) => a.kind)).toEqual(['logging-config', 'guardrail']);
    expect(empty.assets[0]?.properties.enabled).toBe(false);
    // No enforced guardrail is a known "none", not an unread fact.
    expect(
      (empty.assets[1]?.properties.facts as Record<string, unknown> | undefined)?.enforcedOnInvocations,
    ).toBe(false);
    expect(empty.edges).toEqual([]);
  });

  it('counts a guardrail enforced on some models only as not enforced on every invocation', () => {
    const enforced = asset(batch, `arn:aws:bedrock:${R}:${A}:enforced-guardrails`);
    expect(enforced.properties.facts).toMatchObject({ enforcedOnInvocations: false });
    expect(enforced.properties.configurations).toEqual([
      expect.objectContaining({
        includedModels: ['anthropic.claude-3-haiku-20240307-v1:0'],
        owner: 'ACCOUNT',
      }),
    ]);
  });
});

describe('bedrock-agent normalizer', () => {
  const agentArn = `arn:aws:bedrock:${R}:${A}:agent/AGENT00001`;
  const batch = normalizeBedrockAgent(
    {
      agents: [
        {
          agent: fixture('bedrock-agent/get-agent.json').agent,
          actionGroups: [fixture('bedrock-agent/get-agent-action-group.json').agentActionGroup],
          knowledgeBases: fixture('bedrock-agent/list-agent-knowledge-bases.json')
            .agentKnowledgeBaseSummaries,
        },
      ],
      knowledgeBases: [
        {
          knowledgeBase: fixture('bedrock-agent/get-knowledge-base.json').knowledgeBase,
          dataSources: [fixture('bedrock-agent/get-data-source.json').dataSource],
        },
      ],
    },
    scope,
  );

  it('redacts credentials in the instruction and records what was found', () => {
    expectValid(batch);
    const agent = asset(batch, agentArn);
    expect(agent.properties.instruction).toBe(
      'You are a support agent. Use the CRM with key «redacted:aws-access-key» and password=«redacted:generic-api-key» when filing tickets.',
    );
    expect(agent.properties.secretFindings).toEqual([
      { detector: 'aws-access-key', field: 'instruction' },
      { detector: 'generic-api-key', field: 'instruction' },
    ]);
  });

  it('links agent, tools, knowledge base, model, guardrail, role and key', () => {
    const tool = `${agentArn}/action-group/AG00000001`;
    const kb = `arn:aws:bedrock:${R}:${A}:knowledge-base/KB00000001`;
    expect(edgesOf(batch)).toEqual(
      [
        `encrypted-by ${agentArn} -> arn:aws:kms:${R}:${A}:key/5555eeee-6666-ffff-7777-000011112222`,
        `guarded-by ${agentArn} -> arn:aws:bedrock:${R}:${A}:guardrail/gr0001abcd`,
        `implemented-by ${tool} -> arn:aws:lambda:${R}:${A}:function:ticket-tool`,
        `reads-from ${kb} -> arn:aws:s3:::kb-docs`,
        `runs-as ${agentArn} -> arn:aws:iam::${A}:role/service-role/AmazonBedrockExecutionRoleForAgents_support`,
        `runs-as ${kb} -> arn:aws:iam::${A}:role/service-role/AmazonBedrockExecutionRoleForKnowledgeBase_support`,
        `stores-vectors-in ${kb} -> arn:aws:aoss:${R}:${A}:collection/col0001`,
        `uses-knowledge-base ${agentArn} -> ${kb}`,
        `uses-model ${agentArn} -> arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2`,
        `uses-model ${kb} -> arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0`,
        `uses-tool ${agentArn} -> ${tool}`,
      ].sort(),
    );
    expect(asset(batch, `${agentArn}/action-group/AG00000001`).kind).toBe('agent-tool');
  });
});

describe('sagemaker normalizer', () => {
  const batch = normalizeSageMaker(
    {
      endpoints: [
        {
          endpoint: fixture('sagemaker/describe-endpoint.json'),
          config: fixture('sagemaker/describe-endpoint-config.json'),
        },
      ],
      models: [fixture('sagemaker/describe-model.json')],
      notebooks: [
        {
          notebook: fixture('sagemaker/describe-notebook-instance.json'),
          lifecycleConfig: fixture('sagemaker/describe-notebook-instance-lifecycle-config.json'),
        },
      ],
      trainingJobs: [fixture('sagemaker/describe-training-job.json')],
      domains: [fixture('sagemaker/describe-domain.json')],
      modelPackageGroups: fixture(
        'sagemaker/list-model-package-groups.json',
      ).ModelPackageGroupSummaryList.map((group: unknown) => ({ group })),
    },
    scope,
  );
  const key = `arn:aws:kms:${R}:${A}:key/1111aaaa-2222-bbbb-3333-cccc4444dddd`;
  const role = `arn:aws:iam::${A}:role/service-role/SageMakerExec`;
  const nb = `arn:aws:sagemaker:${R}:${A}:notebook-instance/research-nb`;
  const model = `arn:aws:sagemaker:${R}:${A}:model/churn-model`;
  const job = `arn:aws:sagemaker:${R}:${A}:training-job/churn-train-1`;
  const endpoint = `arn:aws:sagemaker:${R}:${A}:endpoint/churn-prod`;
  const domain = `arn:aws:sagemaker:${R}:${A}:domain/d-abc123`;

  it('emits every SageMaker asset kind plus the internet node for exposed ones', () => {
    expectValid(batch);
    expect(batch.assets.map((a) => a.kind).sort()).toEqual(
      [
        'inference-endpoint',
        'internet',
        'ml-workspace',
        'model',
        'model-registry',
        'notebook',
        'training-job',
      ].sort(),
    );
  });

  it('serves the variant model by lower-cased ARN, links lineage by artifact URL and resolves key ids', () => {
    expect(edgesOf(batch)).toEqual(
      [
        `encrypted-by ${domain} -> ${key}`,
        `encrypted-by ${endpoint} -> arn:aws:kms:${R}:${A}:key/9999aaaa-8888-bbbb-7777-cccc66665555`,
        `encrypted-by ${job} -> ${key}`,
        `encrypted-by ${nb} -> ${key}`,
        `exposed-to-internet aispm:internet -> ${domain}`,
        `exposed-to-internet aispm:internet -> ${nb}`,
        `produced-by ${model} -> ${job}`,
        `reads-from ${job} -> arn:aws:s3:::training-data`,
        `reads-from ${model} -> arn:aws:s3:::model-artifacts`,
        `runs-as ${domain} -> ${role}`,
        `runs-as ${job} -> ${role}`,
        `runs-as ${model} -> ${role}`,
        `runs-as ${nb} -> ${role}`,
        `serves ${endpoint} -> ${model}`,
        `writes-to ${job} -> arn:aws:s3:::model-artifacts`,
      ].sort(),
    );
  });

  it('keeps environment variable names only and redacts lifecycle scripts', () => {
    expect(asset(batch, model).properties.containers).toEqual([
      expect.objectContaining({ environmentVariableNames: ['HF_TOKEN', 'SAGEMAKER_PROGRAM'] }),
    ]);
    const notebook = asset(batch, nb);
    expect(notebook.properties.lifecycleConfig).toEqual({
      onCreate: [],
      onStart: [
        '#!/bin/bash\nset -e\nexport OPENAI_API_KEY=«redacted:openai-api-key»\npip install -r requirements.txt\n',
      ],
    });
    expect(notebook.properties.secretFindings).toEqual([
      { detector: 'openai-api-key', field: 'lifecycleConfig.OnStart[0]' },
    ]);
    expect(asset(batch, endpoint).properties).toMatchObject({
      dataCaptureEnabled: false,
      endpointConfigName: 'churn-prod-cfg',
    });
    expect(asset(batch, job).properties).toMatchObject({
      enableNetworkIsolation: false,
      enableInterContainerTrafficEncryption: false,
      environmentVariableNames: ['WANDB_API_KEY'],
    });
  });
});

describe('opensearch-serverless normalizer', () => {
  const batch = normalizeOpenSearchServerless(
    {
      collections: fixture('opensearch-serverless/batch-get-collection.json').collectionDetails,
      networkPolicies: [
        fixture('opensearch-serverless/get-security-policy-network.json').securityPolicyDetail,
        fixture('opensearch-serverless/get-security-policy-network-private.json').securityPolicyDetail,
      ],
      encryptionPolicies: [
        fixture('opensearch-serverless/get-security-policy-encryption.json').securityPolicyDetail,
      ],
      dataAccessPolicies: [fixture('opensearch-serverless/get-access-policy.json').accessPolicyDetail],
    },
    scope,
  );
  const pub = `arn:aws:aoss:${R}:${A}:collection/col0001`;
  const priv = `arn:aws:aoss:${R}:${A}:collection/col0002`;

  it('matches network, encryption and data access policies to collections by name pattern', () => {
    expectValid(batch);
    expect(asset(batch, pub).properties).toMatchObject({
      publicNetwork: true,
      encryptionPolicy: { name: 'default-enc', awsOwnedKey: true },
      dataAccessPolicies: [{ policy: 'kb-access', permissions: ['aoss:ReadDocument', 'aoss:WriteDocument'] }],
    });
    expect(asset(batch, priv).properties).toMatchObject({
      publicNetwork: false,
      networkPolicies: [{ policy: 'private', sourceVpces: ['vpce-0123'] }],
      dataAccessPolicies: [],
    });
  });

  it('exposes only the public collection to the internet; the customer key stays a property (MODEL.md lists no edge)', () => {
    expect(edgesOf(batch)).toEqual([`exposed-to-internet aispm:internet -> ${pub}`]);
    expect(asset(batch, priv).properties.kmsKeyArn).toBe(
      `arn:aws:kms:${R}:${A}:key/1111aaaa-2222-bbbb-3333-cccc4444dddd`,
    );
  });
});

describe('s3 normalizer', () => {
  const recorded = fixture('s3/buckets.json');
  const bucket = (name: string) => {
    const ops = recorded.perBucket[name];
    return {
      bucket: recorded.ListBuckets.Buckets.find((b: { Name: string }) => b.Name === name),
      locationConstraint: ops.GetBucketLocation.LocationConstraint ?? '',
      publicAccessBlock: ops.GetPublicAccessBlock?.PublicAccessBlockConfiguration,
      policyStatusIsPublic: ops.GetBucketPolicyStatus?.PolicyStatus?.IsPublic,
      policy: ops.GetBucketPolicy?.Policy,
      encryption: ops.GetBucketEncryption?.ServerSideEncryptionConfiguration,
      versioning: ops.GetBucketVersioning,
      logging: ops.GetBucketLogging?.LoggingEnabled,
      tags: ops.GetBucketTagging?.TagSet,
    };
  };
  const batch = normalizeS3(
    { buckets: [bucket('training-data'), bucket('kb-docs')], bucketKeys: { keys: [], missing: [] } },
    { accountId: A, region: 'global' },
  );

  it('takes the region from GetBucketLocation (empty = us-east-1) and records posture fields', () => {
    expectValid(batch);
    expect(asset(batch, 'arn:aws:s3:::training-data')).toMatchObject({
      region: 'eu-west-1',
      tags: { 'data-class': 'confidential' },
      properties: {
        versioning: 'Enabled',
        accessLogging: true,
        encryption: 'aws:kms',
        policyIsPublic: false,
      },
    });
    expect(asset(batch, 'arn:aws:s3:::kb-docs')).toMatchObject({
      region: 'us-east-1',
      properties: {
        versioning: 'Disabled',
        accessLogging: false,
        policyIsPublic: true,
        bucketPolicy: { Statement: [{ Principal: '*' }] },
      },
    });
  });

  it('requires TLS only where a Deny statement conditions on aws:SecureTransport being false', () => {
    // Neither recorded bucket denies plain HTTP: one has no policy, the other only a public Allow.
    for (const name of ['training-data', 'kb-docs'])
      expect(asset(batch, `arn:aws:s3:::${name}`)?.properties.facts, name).toMatchObject({
        secureTransportRequired: false,
      });
    const tls = (statement: Record<string, unknown>) =>
      normalizeS3(
        {
          buckets: [
            {
              ...bucket('kb-docs'),
              policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
            },
          ],
          bucketKeys: { keys: [], missing: [] },
        },
        { accountId: A, region: 'global' },
      ).assets.find((a) => a.kind === 'data-store')?.properties.facts;
    const deny = {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::kb-docs', 'arn:aws:s3:::kb-docs/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    expect(tls(deny)).toMatchObject({ secureTransportRequired: true });
    const ifExists = { ...deny, Condition: { BoolIfExists: { 'aws:SecureTransport': ['false'] } } };
    expect(tls(ifExists)).toMatchObject({ secureTransportRequired: true });
    // An Allow over TLS only is no requirement: other statements may still allow plain HTTP.
    const allowTls = { ...deny, Effect: 'Allow', Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    expect(tls(allowTls)).toMatchObject({ secureTransportRequired: false });
  });

  it('links SSE-KMS keys (key ids resolved in the bucket region) and exposes public-policy buckets', () => {
    expect(edgesOf(batch)).toEqual([
      `encrypted-by arn:aws:s3:::training-data -> arn:aws:kms:eu-west-1:${A}:key/1111aaaa-2222-bbbb-3333-cccc4444dddd`,
      'exposed-to-internet aispm:internet -> arn:aws:s3:::kb-docs',
    ]);
  });
});

describe('kms and lambda normalizers', () => {
  it('kms: key asset with rotation and parsed key policy', () => {
    const batch = normalizeKms(
      {
        keys: [
          {
            referencedAs: `arn:aws:kms:${R}:${A}:key/1111aaaa-2222-bbbb-3333-cccc4444dddd`,
            metadata: fixture('kms/describe-key.json').KeyMetadata,
            rotationEnabled: fixture('kms/get-key-rotation-status.json').KeyRotationEnabled,
            policy: fixture('kms/get-key-policy.json').Policy,
          },
        ],
        missing: [],
      },
      scope,
    );
    expectValid(batch);
    expect(batch.assets).toHaveLength(1);
    expect(batch.assets[0]).toMatchObject({
      id: `arn:aws:kms:${R}:${A}:key/1111aaaa-2222-bbbb-3333-cccc4444dddd`,
      kind: 'key',
      properties: {
        customerManaged: true,
        rotationEnabled: false,
        keyPolicy: { Statement: [{ Action: 'kms:*' }] },
      },
    });
  });

  it('lambda: drops environment values, keeps the resource policy, links the execution role', () => {
    const got = fixture('lambda/get-function.json');
    const batch = normalizeLambda(
      {
        functions: [
          {
            configuration: got.Configuration,
            tags: got.Tags,
            policy: fixture('lambda/get-policy.json').Policy,
          },
        ],
        missing: [],
      },
      scope,
    );
    expectValid(batch);
    const fn = asset(batch, `arn:aws:lambda:${R}:${A}:function:ticket-tool`);
    expect(fn.properties).toMatchObject({
      environmentVariableNames: ['CRM_API_TOKEN', 'LOG_LEVEL'],
      resourcePolicy: { Statement: [{ Principal: { Service: 'bedrock.amazonaws.com' } }] },
    });
    expect(edgesOf(batch)).toEqual([
      `runs-as arn:aws:lambda:${R}:${A}:function:ticket-tool -> arn:aws:iam::${A}:role/service-role/ticket-tool-role`,
    ]);
  });
});

describe('organizations normalizer', () => {
  const org = fixture('organizations/organization.json');
  const raw = {
    accounts: org.ListAccounts.Accounts,
    roots: org.ListRoots.Roots,
    organizationalUnits: Object.entries(org.ListOrganizationalUnitsForParent).flatMap(([parentId, out]) =>
      (out as { OrganizationalUnits: { Id: string }[] }).OrganizationalUnits.map((ou) => ({ ou, parentId })),
    ),
    accountParents: Object.fromEntries(
      Object.entries(org.ListParents).map(([id, out]) => [
        id,
        (out as { Parents: { Id: string }[] }).Parents[0]?.Id,
      ]),
    ),
    scps: org.ListPolicies.Policies.map(
      (p: { Id: string; Arn: string; Name: string; AwsManaged: boolean }) => ({
        id: p.Id,
        arn: p.Arn,
        name: p.Name,
        awsManaged: p.AwsManaged,
        content: org.DescribePolicy[p.Id].Policy.Content,
        targets: org.ListTargetsForPolicy[p.Id].Targets,
      }),
    ),
  };
  const { accounts, assets } = normalizeOrganization(raw as never);

  it('emits account assets under their Organizations ARN with the org path', () => {
    expectValid({ assets, edges: [] });
    expect(accounts.map((a) => [a.accountId, a.orgPath])).toEqual([
      ['999900001111', ['o-exampleorg1', 'r-ab12']],
      [A, ['o-exampleorg1', 'r-ab12', 'ou-ab12-workload']],
    ]);
    expect(assets[1]).toMatchObject({
      id: `arn:aws:organizations::999900001111:account/o-exampleorg1/${A}`,
      accountId: A,
      region: 'global',
    });
  });

  it('stores SCPs per level from the root to the account; none for the management account', () => {
    const member = assets.find((a) => a.accountId === A);
    const levels = member?.properties.scpLevels as { targetId: string; policies: { policyId: string }[] }[];
    expect(levels.map((l) => [l.targetId, l.policies.map((p) => p.policyId)])).toEqual([
      ['r-ab12', ['p-FullAWSAccess']],
      ['ou-ab12-workload', ['p-FullAWSAccess', 'p-denybedrock']],
      [A, ['p-FullAWSAccess']],
    ]);
    expect(assets.find((a) => a.accountId === '999900001111')?.properties.scpLevels).toBeUndefined();
  });
});
