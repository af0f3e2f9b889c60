import { externalPrincipalId, INTERNET_ID } from '@aispm/core';
import {
  BedrockClient,
  GetCustomModelCommand,
  GetGuardrailCommand,
  GetImportedModelCommand,
  GetModelCustomizationJobCommand,
  GetModelInvocationLoggingConfigurationCommand,
  ListEnforcedGuardrailsConfigurationCommand,
  ListFoundationModelsCommand,
  paginateListCustomModels,
  paginateListGuardrails,
  paginateListImportedModels,
  paginateListInferenceProfiles,
  paginateListModelCustomizationJobs,
  paginateListProvisionedModelThroughputs,
} from '@aws-sdk/client-bedrock';
import {
  BedrockAgentClient,
  GetAgentActionGroupCommand,
  GetAgentCommand,
  GetDataSourceCommand,
  GetKnowledgeBaseCommand,
  paginateListAgentActionGroups,
  paginateListAgentKnowledgeBases,
  paginateListAgents,
  paginateListDataSources,
  paginateListKnowledgeBases,
} from '@aws-sdk/client-bedrock-agent';
import {
  IAMClient,
  ListServiceSpecificCredentialsCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListAccessKeys,
} from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import {
  GetFunctionCommand,
  GetPolicyCommand,
  LambdaClient,
  paginateListFunctions,
} from '@aws-sdk/client-lambda';
import {
  BatchGetCollectionCommand,
  GetAccessPolicyCommand,
  GetSecurityPolicyCommand,
  OpenSearchServerlessClient,
  paginateListAccessPolicies,
  paginateListCollections,
  paginateListSecurityPolicies,
} from '@aws-sdk/client-opensearchserverless';
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListOrganizationalUnitsForParent,
  paginateListParents,
  paginateListPolicies,
  paginateListRoots,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations';
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DescribeDomainCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeNotebookInstanceCommand,
  DescribeNotebookInstanceLifecycleConfigCommand,
  DescribeTrainingJobCommand,
  GetModelPackageGroupPolicyCommand,
  paginateListDomains,
  paginateListEndpoints,
  paginateListModelPackageGroups,
  paginateListModels,
  paginateListNotebookInstances,
  paginateListTrainingJobs,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudSim, startCloudSim } from '../src/index.ts';
import {
  assumeInto,
  baseCredentials,
  bucketOfUri,
  clientConfig,
  collect,
  type StaticCredentials,
} from './aws-helpers.ts';
import { crawlAgentCore } from './aws-sdk-agentcore.ts';

/**
 * A small reference crawl that follows MODEL.md with the official SDK clients: every simulated operation is
 * called (paginators included) and the ids and exhaustive edges it rebuilds must equal the manifest's.
 */
describe('AWS over the official SDK v3 clients', () => {
  let sim: CloudSim;
  const assets = new Set<string>();
  const edges = new Set<string>();
  const calls = new Set<string>();
  const edge = (kind: string, from: string | undefined, to: string | undefined) => {
    if (from && to) edges.add(`${kind} ${from} -> ${to}`);
  };

  beforeAll(async () => {
    sim = await startCloudSim({ providers: ['aws'], seed: 7, scale: 'medium', port: 0, rateLimits: false });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('discovers the organization from the management account', async () => {
    const org = new OrganizationsClient(clientConfig(sim, baseCredentials(sim)));
    const description = await org.send(new DescribeOrganizationCommand({}));
    expect(description.Organization?.MasterAccountId).toBe(sim.estate.aws.managementAccountId);
    const accounts = (await collect(paginateListAccounts({ client: org, pageSize: 20 }, {}))).flatMap(
      (p) => p.Accounts ?? [],
    );
    expect(accounts.length).toBe(sim.estate.aws.accounts.length);
    expect(accounts.length).toBeGreaterThan(5);
    for (const a of accounts) {
      expect(a.JoinedTimestamp).toBeInstanceOf(Date);
      assets.add(a.Arn as string);
    }
    const roots = (await collect(paginateListRoots({ client: org }, {}))).flatMap((p) => p.Roots ?? []);
    expect(roots).toHaveLength(1);
    const rootId = roots[0]?.Id as string;
    const ous = (
      await collect(paginateListOrganizationalUnitsForParent({ client: org }, { ParentId: rootId }))
    ).flatMap((p) => p.OrganizationalUnits ?? []);
    expect(ous.map((o) => o.Name).sort()).toEqual(['Sandbox', 'Security', 'Workloads']);
    const member = accounts.find((a) => a.Id !== sim.estate.aws.managementAccountId);
    const parents = (await collect(paginateListParents({ client: org }, { ChildId: member?.Id }))).flatMap(
      (p) => p.Parents ?? [],
    );
    expect(parents[0]?.Type).toMatch(/ORGANIZATIONAL_UNIT|ROOT/);
    const policies = (
      await collect(paginateListPolicies({ client: org }, { Filter: 'SERVICE_CONTROL_POLICY' }))
    ).flatMap((p) => p.Policies ?? []);
    expect(policies.length).toBeGreaterThanOrEqual(2);
    for (const p of policies) {
      const d = await org.send(new DescribePolicyCommand({ PolicyId: p.Id }));
      expect(JSON.parse(d.Policy?.Content as string).Statement.length).toBeGreaterThan(0);
      const targets = (
        await collect(paginateListTargetsForPolicy({ client: org }, { PolicyId: p.Id }))
      ).flatMap((t) => t.Targets ?? []);
      expect(targets.length).toBeGreaterThan(0);
    }
  });

  it('assumes the scanner role into every member account', async () => {
    const sts = new STSClient(clientConfig(sim, baseCredentials(sim)));
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe(sim.estate.aws.managementAccountId);
    for (const account of sim.estate.aws.accounts) {
      if (account.Id === sim.estate.aws.managementAccountId) continue;
      const creds = await assumeInto(sim, account.Id);
      const who = await new STSClient(clientConfig(sim, creds)).send(new GetCallerIdentityCommand({}));
      expect(who.Account).toBe(account.Id);
    }
  });

  it('crawls every account and region and rebuilds exactly the manifest assets and exhaustive edges', async () => {
    await Promise.all(
      sim.estate.aws.accounts.map(async (account) => {
        const creds =
          account.Id === sim.estate.aws.managementAccountId
            ? baseCredentials(sim)
            : await assumeInto(sim, account.Id);
        const referenced = await crawlAccount(account.Id, creds);
        await crawlReferenced(account.Id, creds, referenced);
      }),
    );
    const manifest = sim.manifest;
    const pseudo = new Set([INTERNET_ID]);
    const expectedAssets = manifest.assets
      .filter((a) => a.provider === 'aws' && !pseudo.has(a.id) && a.kind !== 'external-principal')
      .map((a) => a.id)
      .sort();
    expect([...assets].sort()).toEqual(expectedAssets);
    const exhaustive = new Set(manifest.exhaustiveEdgeKinds);
    const expectedEdges = manifest.edges
      .filter((e) => exhaustive.has(e.kind) && e.from.startsWith('arn:aws:'))
      .map((e) => `${e.kind} ${e.from} -> ${e.to}`)
      .sort();
    expect([...edges].sort()).toEqual(expectedEdges);
    expect(
      manifest.edges.some(
        (e) => e.from === externalPrincipalId('aws', '*') || e.from.startsWith('aispm:external:aws:'),
      ),
    ).toBe(true);
    // Every operation of the MODEL.md table was exercised.
    expect([...calls].sort()).toEqual(
      [
        'BatchGetCollection',
        'DescribeDomain',
        'DescribeEndpoint',
        'DescribeEndpointConfig',
        'DescribeKey',
        'DescribeModel',
        'DescribeNotebookInstance',
        'DescribeNotebookInstanceLifecycleConfig',
        'DescribeTrainingJob',
        'GetAccessPolicy',
        'GetAgent',
        'GetAgentActionGroup',
        'GetAgentRuntime',
        'GetAgentRuntimeEndpoint',
        'GetBrowser',
        'GetCodeInterpreter',
        'GetGateway',
        'GetGatewayTarget',
        'GetMemory',
        'GetTokenVault',
        'GetWorkloadIdentity',
        'GetBucketEncryption',
        'GetBucketLocation',
        'GetBucketLogging',
        'GetBucketPolicy',
        'GetBucketPolicyStatus',
        'GetBucketTagging',
        'GetBucketVersioning',
        'GetCustomModel',
        'GetDataSource',
        'GetFunction',
        'GetGuardrail',
        'GetImportedModel',
        'GetKeyPolicy',
        'GetKeyRotationStatus',
        'GetKnowledgeBase',
        'GetModelCustomizationJob',
        'GetModelPackageGroupPolicy',
        'GetPolicy',
        'GetPolicyEngine',
        'GetPublicAccessBlock',
        'GetResourcePolicy',
        'GetSecurityPolicy',
        'ListAgentKnowledgeBases',
        'ListEnforcedGuardrailsConfiguration',
        'ListPolicies',
      ].sort(),
    );
  });

  type Referenced = { buckets: Set<string>; keys: Set<string>; functions: Set<string> };

  async function crawlAccount(accountId: string, creds: StaticCredentials): Promise<Referenced> {
    const referenced: Referenced = { buckets: new Set(), keys: new Set(), functions: new Set() };
    const ref = (kind: string, from: string, to: string | undefined) => {
      if (!to) return;
      edge(kind, from, to);
      if (to.startsWith('arn:aws:s3:::')) referenced.buckets.add(to);
      if (to.startsWith('arn:aws:kms:')) referenced.keys.add(to);
      if (to.startsWith('arn:aws:lambda:')) referenced.functions.add(to);
    };

    // IAM
    const iam = new IAMClient(clientConfig(sim, creds));
    const details = await collect(paginateGetAccountAuthorizationDetails({ client: iam }, {}));
    const entities = details.reduce(
      (n, p) =>
        n +
        (p.RoleDetailList?.length ?? 0) +
        (p.UserDetailList?.length ?? 0) +
        (p.GroupDetailList?.length ?? 0),
      0,
    );
    // Pages hold at most 10 entities, so paging is exercised in every member account.
    expect(details.length).toBe(Math.max(1, Math.ceil(entities / 10)));
    for (const page of details) {
      for (const r of page.RoleDetailList ?? []) {
        assets.add(r.Arn as string);
        const trust = JSON.parse(decodeURIComponent(r.AssumeRolePolicyDocument as string));
        expect(trust.Statement.length).toBeGreaterThan(0);
        // MODEL.md: a role whose model invocations must name a guardrail (bedrock:GuardrailIdentifier, its ARN
        // qualified by the pinned version) is guarded-by that guardrail, the unqualified ARN.
        for (const inline of r.RolePolicyList ?? []) {
          const d = JSON.parse(decodeURIComponent(inline.PolicyDocument as string));
          for (const st of d.Statement as {
            Effect: string;
            Condition?: Record<string, Record<string, string>>;
          }[]) {
            // The Allow naming it, or (the Deny-only form) the Deny of any call that does not name it.
            const named =
              st.Effect === 'Allow'
                ? st.Condition?.StringEquals?.['bedrock:GuardrailIdentifier']
                : st.Condition?.StringNotEquals?.['bedrock:GuardrailIdentifier'];
            if (named) edge('guarded-by', r.Arn, named.replace(/(:guardrail\/[^:]+):[^:]+$/, '$1'));
          }
        }
      }
      for (const g of page.GroupDetailList ?? []) assets.add(g.Arn as string);
      for (const u of page.UserDetailList ?? []) {
        assets.add(u.Arn as string);
        for (const groupName of u.GroupList ?? [])
          edge('member-of', u.Arn, `arn:aws:iam::${accountId}:group/${groupName}`);
        const keys = (
          await collect(paginateListAccessKeys({ client: iam }, { UserName: u.UserName }))
        ).flatMap((k) => k.AccessKeyMetadata ?? []);
        for (const k of keys) {
          const id = `${u.Arn}/access-key/${k.AccessKeyId}`;
          assets.add(id);
          edge('has-key', u.Arn, id);
          expect(k.CreateDate).toBeInstanceOf(Date);
        }
      }
    }
    // Bedrock API keys of every user, one Marker-paged list (there is no SDK paginator for it).
    const users = new Map(details.flatMap((d) => d.UserDetailList ?? []).map((u) => [u.UserName, u.Arn]));
    let marker: string | undefined;
    do {
      const page = await iam.send(
        new ListServiceSpecificCredentialsCommand({
          AllUsers: true,
          ServiceName: 'bedrock.amazonaws.com',
          Marker: marker,
          MaxItems: 1,
        }),
      );
      for (const k of page.ServiceSpecificCredentials ?? []) {
        const owner = users.get(k.UserName);
        expect(owner).toBeDefined();
        const id = `${owner}/service-credential/${k.ServiceSpecificCredentialId}`;
        assets.add(id);
        edge('has-key', owner, id);
        expect(k.CreateDate).toBeInstanceOf(Date);
      }
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);

    for (const region of sim.estate.aws.regions) {
      const cfg = clientConfig(sim, creds, region);
      const fmArn = (id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;

      // Bedrock
      const bedrock = new BedrockClient(cfg);
      const fms = await bedrock.send(new ListFoundationModelsCommand({}));
      for (const m of fms.modelSummaries ?? []) assets.add(m.modelArn as string);
      for (const page of await collect(paginateListCustomModels({ client: bedrock }, {}))) {
        for (const s of page.modelSummaries ?? []) {
          const m = await bedrock.send(new GetCustomModelCommand({ modelIdentifier: s.modelArn }));
          calls.add('GetCustomModel');
          const id = m.modelArn as string;
          expect(m.creationTime).toBeInstanceOf(Date);
          assets.add(id);
          ref('trained-on', id, bucketOfUri(m.trainingDataConfig?.s3Uri));
          for (const v of m.validationDataConfig?.validators ?? [])
            ref('trained-on', id, bucketOfUri(v.s3Uri));
          ref('produced-by', id, m.jobArn);
          ref('encrypted-by', id, m.modelKmsKeyArn);
        }
      }
      for (const page of await collect(paginateListImportedModels({ client: bedrock }, {}))) {
        for (const s of page.modelSummaries ?? []) {
          const m = await bedrock.send(new GetImportedModelCommand({ modelIdentifier: s.modelArn }));
          calls.add('GetImportedModel');
          assets.add(m.modelArn as string);
          ref('reads-from', m.modelArn as string, bucketOfUri(m.modelDataSource?.s3DataSource?.s3Uri));
          ref('encrypted-by', m.modelArn as string, m.modelKmsKeyArn);
        }
      }
      // Application inference profiles, one a page (nextToken exercised): each serves the models it copies.
      const profilePages = await collect(
        paginateListInferenceProfiles({ client: bedrock, pageSize: 1 }, { typeEquals: 'APPLICATION' }),
      );
      for (const page of profilePages) {
        for (const p of page.inferenceProfileSummaries ?? []) {
          expect(p.type).toBe('APPLICATION');
          expect(p.createdAt).toBeInstanceOf(Date);
          assets.add(p.inferenceProfileArn as string);
          for (const m of p.models ?? []) ref('serves', p.inferenceProfileArn as string, m.modelArn);
        }
      }
      for (const page of await collect(paginateListModelCustomizationJobs({ client: bedrock }, {}))) {
        for (const s of page.modelCustomizationJobSummaries ?? []) {
          const j = await bedrock.send(new GetModelCustomizationJobCommand({ jobIdentifier: s.jobArn }));
          calls.add('GetModelCustomizationJob');
          const id = j.jobArn as string;
          assets.add(id);
          ref('reads-from', id, bucketOfUri(j.trainingDataConfig?.s3Uri));
          ref('writes-to', id, bucketOfUri(j.outputDataConfig?.s3Uri));
          ref('runs-as', id, j.roleArn);
        }
      }
      for (const page of await collect(paginateListProvisionedModelThroughputs({ client: bedrock }, {}))) {
        for (const p of page.provisionedModelSummaries ?? []) {
          assets.add(p.provisionedModelArn as string);
          ref('serves', p.provisionedModelArn as string, p.modelArn);
        }
      }
      for (const page of await collect(paginateListGuardrails({ client: bedrock }, {}))) {
        for (const s of page.guardrails ?? []) {
          const g = await bedrock.send(new GetGuardrailCommand({ guardrailIdentifier: s.id }));
          calls.add('GetGuardrail');
          assets.add(g.guardrailArn as string);
          expect(g.contentPolicy?.filters?.length).toBeGreaterThan(0);
          ref('encrypted-by', g.guardrailArn as string, g.kmsKeyArn);
        }
      }
      const logging = await bedrock.send(new GetModelInvocationLoggingConfigurationCommand({}));
      const loggingId = `arn:aws:bedrock:${region}:${accountId}:model-invocation-logging`;
      assets.add(loggingId);
      // The enforced-guardrails configuration is an asset of every account and region, enforced or not.
      const enforced = await bedrock.send(new ListEnforcedGuardrailsConfigurationCommand({}));
      calls.add('ListEnforcedGuardrailsConfiguration');
      for (const g of enforced.guardrailsConfig ?? []) expect(g.owner).toBe('ORGANIZATION');
      assets.add(`arn:aws:bedrock:${region}:${accountId}:enforced-guardrails`);
      const logBucket = logging.loggingConfig?.s3Config?.bucketName;
      ref('logs-to', loggingId, logBucket ? `arn:aws:s3:::${logBucket}` : undefined);

      // Bedrock Agent
      const agentClient = new BedrockAgentClient(cfg);
      for (const page of await collect(paginateListAgents({ client: agentClient }, {}))) {
        for (const s of page.agentSummaries ?? []) {
          const { agent } = await agentClient.send(new GetAgentCommand({ agentId: s.agentId }));
          calls.add('GetAgent');
          const id = agent?.agentArn as string;
          assets.add(id);
          ref('uses-model', id, fmArn(agent?.foundationModel as string));
          ref('runs-as', id, agent?.agentResourceRoleArn);
          const guardrail = agent?.guardrailConfiguration?.guardrailIdentifier;
          ref(
            'guarded-by',
            id,
            guardrail ? `arn:aws:bedrock:${region}:${accountId}:guardrail/${guardrail}` : undefined,
          );
          ref('encrypted-by', id, agent?.customerEncryptionKeyArn);
          const groups = await collect(
            paginateListAgentActionGroups(
              { client: agentClient },
              { agentId: s.agentId, agentVersion: 'DRAFT' },
            ),
          );
          for (const g of groups.flatMap((p) => p.actionGroupSummaries ?? [])) {
            const { agentActionGroup } = await agentClient.send(
              new GetAgentActionGroupCommand({
                agentId: s.agentId,
                agentVersion: 'DRAFT',
                actionGroupId: g.actionGroupId,
              }),
            );
            calls.add('GetAgentActionGroup');
            const groupId = `${id}/action-group/${g.actionGroupId}`;
            assets.add(groupId);
            edge('uses-tool', id, groupId);
            ref('implemented-by', groupId, agentActionGroup?.actionGroupExecutor?.lambda);
          }
          const kbs = await collect(
            paginateListAgentKnowledgeBases(
              { client: agentClient },
              { agentId: s.agentId, agentVersion: 'DRAFT' },
            ),
          );
          calls.add('ListAgentKnowledgeBases');
          for (const kb of kbs.flatMap((p) => p.agentKnowledgeBaseSummaries ?? [])) {
            edge(
              'uses-knowledge-base',
              id,
              `arn:aws:bedrock:${region}:${accountId}:knowledge-base/${kb.knowledgeBaseId}`,
            );
          }
        }
      }
      await crawlAgentCore(cfg, { assets, calls, edge, ref });
      for (const page of await collect(paginateListKnowledgeBases({ client: agentClient }, {}))) {
        for (const s of page.knowledgeBaseSummaries ?? []) {
          const { knowledgeBase: kb } = await agentClient.send(
            new GetKnowledgeBaseCommand({ knowledgeBaseId: s.knowledgeBaseId }),
          );
          calls.add('GetKnowledgeBase');
          const id = kb?.knowledgeBaseArn as string;
          assets.add(id);
          ref(
            'stores-vectors-in',
            id,
            kb?.storageConfiguration?.opensearchServerlessConfiguration?.collectionArn,
          );
          ref('runs-as', id, kb?.roleArn);
          ref(
            'uses-model',
            id,
            kb?.knowledgeBaseConfiguration?.vectorKnowledgeBaseConfiguration?.embeddingModelArn,
          );
          const sources = await collect(
            paginateListDataSources({ client: agentClient }, { knowledgeBaseId: s.knowledgeBaseId }),
          );
          for (const d of sources.flatMap((p) => p.dataSourceSummaries ?? [])) {
            const { dataSource } = await agentClient.send(
              new GetDataSourceCommand({ knowledgeBaseId: s.knowledgeBaseId, dataSourceId: d.dataSourceId }),
            );
            calls.add('GetDataSource');
            ref('reads-from', id, dataSource?.dataSourceConfiguration?.s3Configuration?.bucketArn);
          }
        }
      }

      // SageMaker
      const sm = new SageMakerClient(cfg);
      const trainingOutputs = new Map<string, string>();
      for (const page of await collect(paginateListTrainingJobs({ client: sm }, {}))) {
        for (const s of page.TrainingJobSummaries ?? []) {
          const j = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: s.TrainingJobName }));
          calls.add('DescribeTrainingJob');
          const id = j.TrainingJobArn as string;
          assets.add(id);
          expect(typeof j.EnableNetworkIsolation).toBe('boolean');
          for (const ch of j.InputDataConfig ?? [])
            ref('reads-from', id, bucketOfUri(ch.DataSource?.S3DataSource?.S3Uri));
          ref('writes-to', id, bucketOfUri(j.OutputDataConfig?.S3OutputPath));
          ref('runs-as', id, j.RoleArn);
          ref('encrypted-by', id, j.ResourceConfig?.VolumeKmsKeyId ?? j.OutputDataConfig?.KmsKeyId);
          if (j.ModelArtifacts?.S3ModelArtifacts) trainingOutputs.set(j.ModelArtifacts.S3ModelArtifacts, id);
        }
      }
      for (const page of await collect(paginateListModels({ client: sm }, {}))) {
        for (const s of page.Models ?? []) {
          const m = await sm.send(new DescribeModelCommand({ ModelName: s.ModelName }));
          calls.add('DescribeModel');
          const id = m.ModelArn as string;
          assets.add(id);
          ref('runs-as', id, m.ExecutionRoleArn);
          const url = m.PrimaryContainer?.ModelDataUrl;
          ref('reads-from', id, bucketOfUri(url));
          ref('produced-by', id, url ? trainingOutputs.get(url) : undefined);
        }
      }
      for (const page of await collect(paginateListEndpoints({ client: sm }, {}))) {
        for (const s of page.Endpoints ?? []) {
          const e = await sm.send(new DescribeEndpointCommand({ EndpointName: s.EndpointName }));
          calls.add('DescribeEndpoint');
          const c = await sm.send(
            new DescribeEndpointConfigCommand({ EndpointConfigName: e.EndpointConfigName }),
          );
          calls.add('DescribeEndpointConfig');
          const id = e.EndpointArn as string;
          assets.add(id);
          expect(e.CreationTime).toBeInstanceOf(Date);
          for (const v of c.ProductionVariants ?? []) {
            ref('serves', id, `arn:aws:sagemaker:${region}:${accountId}:model/${v.ModelName}`);
          }
          ref('encrypted-by', id, c.KmsKeyId);
        }
      }
      for (const page of await collect(paginateListNotebookInstances({ client: sm }, {}))) {
        for (const s of page.NotebookInstances ?? []) {
          const n = await sm.send(
            new DescribeNotebookInstanceCommand({ NotebookInstanceName: s.NotebookInstanceName }),
          );
          calls.add('DescribeNotebookInstance');
          const id = n.NotebookInstanceArn as string;
          assets.add(id);
          expect(['Enabled', 'Disabled']).toContain(n.DirectInternetAccess);
          ref('runs-as', id, n.RoleArn);
          ref('encrypted-by', id, n.KmsKeyId);
          if (n.NotebookInstanceLifecycleConfigName) {
            const lc = await sm.send(
              new DescribeNotebookInstanceLifecycleConfigCommand({
                NotebookInstanceLifecycleConfigName: n.NotebookInstanceLifecycleConfigName,
              }),
            );
            calls.add('DescribeNotebookInstanceLifecycleConfig');
            const script = Buffer.from(lc.OnStart?.[0]?.Content ?? '', 'base64').toString('utf8');
            expect(script).toMatch(/^#!\/bin\/bash/);
          }
        }
      }
      for (const page of await collect(paginateListDomains({ client: sm }, {}))) {
        for (const s of page.Domains ?? []) {
          const d = await sm.send(new DescribeDomainCommand({ DomainId: s.DomainId }));
          calls.add('DescribeDomain');
          const id = d.DomainArn as string;
          assets.add(id);
          ref('runs-as', id, d.DefaultUserSettings?.ExecutionRole);
          ref('encrypted-by', id, d.KmsKeyId);
        }
      }
      for (const page of await collect(paginateListModelPackageGroups({ client: sm }, {}))) {
        for (const g of page.ModelPackageGroupSummaryList ?? []) {
          assets.add(g.ModelPackageGroupArn as string);
          try {
            const p = await sm.send(
              new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: g.ModelPackageGroupName }),
            );
            expect(JSON.parse(p.ResourcePolicy as string).Statement).toBeDefined();
          } catch (err) {
            expect((err as Error).name).toBe('ValidationException');
          }
          calls.add('GetModelPackageGroupPolicy');
        }
      }

      // OpenSearch Serverless
      const oss = new OpenSearchServerlessClient(cfg);
      const collections = (await collect(paginateListCollections({ client: oss }, {}))).flatMap(
        (p) => p.collectionSummaries ?? [],
      );
      if (collections.length > 0) {
        const got = await oss.send(
          new BatchGetCollectionCommand({ ids: collections.map((c) => c.id as string) }),
        );
        calls.add('BatchGetCollection');
        expect(got.collectionDetails?.length).toBe(collections.length);
        for (const c of got.collectionDetails ?? []) assets.add(c.arn as string);
      }
      for (const type of ['network', 'encryption'] as const) {
        for (const page of await collect(paginateListSecurityPolicies({ client: oss }, { type }))) {
          for (const p of page.securityPolicySummaries ?? []) {
            const d = await oss.send(new GetSecurityPolicyCommand({ type, name: p.name }));
            calls.add('GetSecurityPolicy');
            expect(d.securityPolicyDetail?.policy).toBeDefined();
          }
        }
      }
      for (const page of await collect(paginateListAccessPolicies({ client: oss }, { type: 'data' }))) {
        for (const p of page.accessPolicySummaries ?? []) {
          const d = await oss.send(new GetAccessPolicyCommand({ type: 'data', name: p.name }));
          calls.add('GetAccessPolicy');
          expect(Array.isArray(d.accessPolicyDetail?.policy)).toBe(true);
        }
      }
    }
    return referenced;
  }

  /** Phase 2 of MODEL.md: buckets, keys and functions that some edge references. */
  async function crawlReferenced(
    accountId: string,
    creds: StaticCredentials,
    referenced: Referenced,
  ): Promise<void> {
    const s3 = new S3Client({ ...clientConfig(sim, creds), forcePathStyle: true });
    const listed = await s3.send(new ListBucketsCommand({}));
    for (const b of listed.Buckets ?? []) {
      const arn = `arn:aws:s3:::${b.Name}`;
      if (!referenced.buckets.has(arn)) continue;
      assets.add(arn);
      const Bucket = b.Name as string;
      const location = await s3.send(new GetBucketLocationCommand({ Bucket }));
      expect(location.LocationConstraint || 'us-east-1').toBe(b.BucketRegion);
      calls.add('GetBucketLocation');
      const region = location.LocationConstraint || 'us-east-1';
      const optional = async (name: string, run: () => Promise<unknown>, missing: string) => {
        calls.add(name);
        try {
          return await run();
        } catch (err) {
          expect((err as Error).name).toBe(missing);
          return undefined;
        }
      };
      await optional(
        'GetPublicAccessBlock',
        () => s3.send(new GetPublicAccessBlockCommand({ Bucket })),
        'NoSuchPublicAccessBlockConfiguration',
      );
      await optional(
        'GetBucketPolicyStatus',
        () => s3.send(new GetBucketPolicyStatusCommand({ Bucket })),
        'NoSuchBucketPolicy',
      );
      const policy = (await optional(
        'GetBucketPolicy',
        () => s3.send(new GetBucketPolicyCommand({ Bucket })),
        'NoSuchBucketPolicy',
      )) as { Policy?: string } | undefined;
      // No policy at all was answered NoSuchBucketPolicy (checked by `optional`); a policy has statements.
      expect(policy === undefined || JSON.parse(policy.Policy as string).Statement.length > 0, Bucket).toBe(
        true,
      );
      const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
      calls.add('GetBucketEncryption');
      const kmsKey =
        enc.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID;
      if (kmsKey) {
        edge('encrypted-by', arn, kmsKey);
        referenced.keys.add(kmsKey);
      }
      const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket }));
      calls.add('GetBucketVersioning');
      expect([undefined, 'Enabled', 'Suspended']).toContain(versioning.Status);
      await s3.send(new GetBucketLoggingCommand({ Bucket }));
      calls.add('GetBucketLogging');
      await optional(
        'GetBucketTagging',
        () => s3.send(new GetBucketTaggingCommand({ Bucket })),
        'NoSuchTagSet',
      );
      expect(sim.estate.aws.regions).toContain(region);
    }

    for (const keyArn of referenced.keys) {
      const region = keyArn.split(':')[3] as string;
      const kms = new KMSClient(clientConfig(sim, creds, region));
      const d = await kms.send(new DescribeKeyCommand({ KeyId: keyArn }));
      calls.add('DescribeKey');
      assets.add(d.KeyMetadata?.Arn as string);
      const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyArn }));
      calls.add('GetKeyRotationStatus');
      expect(typeof rotation.KeyRotationEnabled).toBe('boolean');
      const policy = await kms.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }));
      calls.add('GetKeyPolicy');
      expect(JSON.parse(policy.Policy as string).Statement).toBeDefined();
    }

    for (const region of sim.estate.aws.regions) {
      const lambda = new LambdaClient(clientConfig(sim, creds, region));
      const listed = (await collect(paginateListFunctions({ client: lambda }, {}))).flatMap(
        (p) => p.Functions ?? [],
      );
      // Every function of the estate is a tool (of a Bedrock agent or an AgentCore gateway), so every one is referenced.
      expect(listed.map((f) => f.FunctionArn).sort()).toEqual(
        [...referenced.functions].filter((arn) => arn.split(':')[3] === region).sort(),
      );
    }
    for (const fnArn of referenced.functions) {
      const region = fnArn.split(':')[3] as string;
      const lambda = new LambdaClient(clientConfig(sim, creds, region));
      const fn = await lambda.send(new GetFunctionCommand({ FunctionName: fnArn }));
      calls.add('GetFunction');
      const id = fn.Configuration?.FunctionArn as string;
      assets.add(id);
      edge('runs-as', id, fn.Configuration?.Role);
      calls.add('GetPolicy');
      // A Bedrock agent's tool lets Bedrock invoke it; a gateway's tool has no policy (the gateway's role calls it).
      const policy = await lambda.send(new GetPolicyCommand({ FunctionName: fnArn })).catch((err: Error) => {
        expect(err.name).toBe('ResourceNotFoundException');
        return undefined;
      });
      const invoker = policy && JSON.parse(policy.Policy as string).Statement[0].Principal.Service;
      expect(invoker ?? 'none').toBe(
        [...edges].some(
          (e) => e.startsWith('implemented-by ') && e.endsWith(` -> ${fnArn}`) && e.includes('/target/'),
        )
          ? 'none'
          : 'bedrock.amazonaws.com',
      );
    }
    expect(accountId).toMatch(/^\d{12}$/);
  }
});
