import { readdirSync, readFileSync } from 'node:fs';
import * as bedrockSdk from '@aws-sdk/client-bedrock';
import * as bedrockAgentSdk from '@aws-sdk/client-bedrock-agent';
import * as agentCoreSdk from '@aws-sdk/client-bedrock-agentcore-control';
import * as iamSdk from '@aws-sdk/client-iam';
import * as kmsSdk from '@aws-sdk/client-kms';
import * as lambdaSdk from '@aws-sdk/client-lambda';
import * as ossSdk from '@aws-sdk/client-opensearchserverless';
import * as organizationsSdk from '@aws-sdk/client-organizations';
import * as s3Sdk from '@aws-sdk/client-s3';
import * as sagemakerSdk from '@aws-sdk/client-sagemaker';
import * as stsSdk from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsAccount, AwsRegionState } from '../src/aws/model.ts';
import { type CloudSim, startCloudSim } from '../src/index.ts';
import { assumeInto, baseCredentials, clientConfig, type StaticCredentials } from './aws-helpers.ts';
import { type AwsWireProtocol, checkJsonBody, checkXmlBody, outputSchema } from './aws-model-check.ts';

type Input = Record<string, unknown>;
type SdkModule = Record<string, unknown>;
interface Service {
  pkg: string;
  sdk: SdkModule;
  client: string;
  protocol: AwsWireProtocol;
  /** Extra client options (S3 addresses buckets by path on the simulator). */
  options?: Record<string, unknown>;
  /** Operations answered per account and region, with the inputs to call them with. */
  regional?: Record<string, (r: AwsRegionState) => Input[]>;
  /** Operations answered once per account (global services and S3). */
  perAccount?: Record<string, (a: AwsAccount) => Input[]>;
  /** Operations only the management account answers. */
  management?: Record<string, (sim: CloudSim) => Input[]>;
}

const one: () => Input[] = () => [{}];
const ids = <T>(items: readonly T[], f: (x: T) => Input): Input[] => items.map(f);

/**
 * Every operation the AWS simulator answers, with inputs drawn from the estate so that each call returns data
 * (every item of every Get/Describe, so optional fields are exercised where the estate has them).
 */
const SERVICES: Service[] = [
  {
    pkg: '@aws-sdk/client-bedrock',
    sdk: bedrockSdk,
    client: 'BedrockClient',
    protocol: 'restJson',
    regional: {
      ListFoundationModels: one,
      ListCustomModels: one,
      GetCustomModel: (r) => ids(r.customModels, (m) => ({ modelIdentifier: m.modelArn })),
      ListImportedModels: one,
      GetImportedModel: (r) => ids(r.importedModels, (m) => ({ modelIdentifier: m.modelArn })),
      ListInferenceProfiles: () => [{ typeEquals: 'APPLICATION' }],
      ListModelCustomizationJobs: one,
      GetModelCustomizationJob: (r) => ids(r.customizationJobs, (j) => ({ jobIdentifier: j.jobArn })),
      ListProvisionedModelThroughputs: one,
      ListGuardrails: one,
      GetGuardrail: (r) => ids(r.guardrails, (g) => ({ guardrailIdentifier: g.guardrailId })),
      GetModelInvocationLoggingConfiguration: one,
      ListEnforcedGuardrailsConfiguration: one,
      GetResourcePolicy: (r) => Object.keys(r.guardrailPolicies).map((resourceArn) => ({ resourceArn })),
    },
  },
  {
    pkg: '@aws-sdk/client-bedrock-agent',
    sdk: bedrockAgentSdk,
    client: 'BedrockAgentClient',
    protocol: 'restJson',
    regional: {
      ListAgents: one,
      GetAgent: (r) => ids(r.agents, (a) => ({ agentId: a.agent.agentId })),
      ListAgentActionGroups: (r) =>
        ids(r.agents, (a) => ({ agentId: a.agent.agentId, agentVersion: 'DRAFT' })),
      GetAgentActionGroup: (r) =>
        r.agents.flatMap((a) =>
          a.actionGroups.map((g) => ({
            agentId: a.agent.agentId,
            agentVersion: 'DRAFT',
            actionGroupId: g.actionGroupId,
          })),
        ),
      ListAgentKnowledgeBases: (r) =>
        ids(r.agents, (a) => ({ agentId: a.agent.agentId, agentVersion: 'DRAFT' })),
      ListKnowledgeBases: one,
      GetKnowledgeBase: (r) =>
        ids(r.knowledgeBases, (k) => ({ knowledgeBaseId: k.knowledgeBase.knowledgeBaseId })),
      ListDataSources: (r) =>
        ids(r.knowledgeBases, (k) => ({ knowledgeBaseId: k.knowledgeBase.knowledgeBaseId })),
      GetDataSource: (r) =>
        r.knowledgeBases.flatMap((k) =>
          k.dataSources.map((d) => ({ knowledgeBaseId: d.knowledgeBaseId, dataSourceId: d.dataSourceId })),
        ),
    },
  },
  {
    pkg: '@aws-sdk/client-bedrock-agentcore-control',
    sdk: agentCoreSdk,
    client: 'BedrockAgentCoreControlClient',
    protocol: 'restJson',
    regional: {
      ListAgentRuntimes: one,
      GetAgentRuntime: (r) => ids(r.agentCore.runtimes, (x) => ({ agentRuntimeId: x.agentRuntimeId })),
      ListAgentRuntimeEndpoints: (r) =>
        ids(r.agentCore.runtimes, (x) => ({ agentRuntimeId: x.agentRuntimeId })),
      GetAgentRuntimeEndpoint: (r) =>
        r.agentCore.runtimeEndpoints.map((e) => ({
          agentRuntimeId: r.agentCore.runtimes.find((x) => x.agentRuntimeArn === e.agentRuntimeArn)
            ?.agentRuntimeId,
          endpointName: e.name,
        })),
      ListGateways: one,
      GetGateway: (r) => ids(r.agentCore.gateways, (g) => ({ gatewayIdentifier: g.gateway.gatewayId })),
      ListGatewayTargets: (r) =>
        ids(r.agentCore.gateways, (g) => ({ gatewayIdentifier: g.gateway.gatewayId })),
      GetGatewayTarget: (r) =>
        r.agentCore.gateways.flatMap((g) =>
          g.targets.map((t) => ({ gatewayIdentifier: g.gateway.gatewayId, targetId: t.targetId })),
        ),
      ListCodeInterpreters: one,
      GetCodeInterpreter: (r) =>
        ids(r.agentCore.codeInterpreters, (x) => ({ codeInterpreterId: x.codeInterpreterId })),
      ListBrowsers: one,
      GetBrowser: (r) => ids(r.agentCore.browsers, (x) => ({ browserId: x.browserId })),
      ListMemories: one,
      GetMemory: (r) => ids(r.agentCore.memories, (m) => ({ memoryId: m.id })),
      ListWorkloadIdentities: one,
      GetWorkloadIdentity: (r) => ids(r.agentCore.workloadIdentities, (x) => ({ name: x.name })),
      ListApiKeyCredentialProviders: one,
      ListOauth2CredentialProviders: one,
      GetTokenVault: (r) => (r.agentCore.tokenVault ? [{ tokenVaultId: 'default' }] : []),
      GetResourcePolicy: (r) =>
        Object.keys(r.agentCore.resourcePolicies).map((resourceArn) => ({ resourceArn })),
      ListPolicyEngines: one,
      GetPolicyEngine: (r) =>
        ids(r.agentCore.policyEngines, (e) => ({ policyEngineId: e.engine.policyEngineId })),
      ListPolicies: (r) =>
        ids(r.agentCore.policyEngines, (e) => ({ policyEngineId: e.engine.policyEngineId })),
      GetPolicy: (r) =>
        r.agentCore.policyEngines.flatMap((e) =>
          e.policies.map((p) => ({ policyEngineId: e.engine.policyEngineId, policyId: p.policyId })),
        ),
    },
  },
  {
    pkg: '@aws-sdk/client-sagemaker',
    sdk: sagemakerSdk,
    client: 'SageMakerClient',
    protocol: 'json1.1',
    regional: {
      ListEndpoints: one,
      DescribeEndpoint: (r) => ids(r.sagemaker.endpoints, (e) => ({ EndpointName: e.EndpointName })),
      DescribeEndpointConfig: (r) =>
        ids(r.sagemaker.endpointConfigs, (e) => ({ EndpointConfigName: e.EndpointConfigName })),
      ListModels: one,
      DescribeModel: (r) => ids(r.sagemaker.models, (m) => ({ ModelName: m.ModelName })),
      ListNotebookInstances: one,
      DescribeNotebookInstance: (r) =>
        ids(r.sagemaker.notebooks, (n) => ({ NotebookInstanceName: n.NotebookInstanceName })),
      DescribeNotebookInstanceLifecycleConfig: (r) =>
        ids(r.sagemaker.lifecycleConfigs, (l) => ({
          NotebookInstanceLifecycleConfigName: l.NotebookInstanceLifecycleConfigName,
        })),
      ListTrainingJobs: one,
      DescribeTrainingJob: (r) =>
        ids(r.sagemaker.trainingJobs, (j) => ({ TrainingJobName: j.TrainingJobName })),
      ListDomains: one,
      DescribeDomain: (r) => ids(r.sagemaker.domains, (d) => ({ DomainId: d.DomainId })),
      ListModelPackageGroups: one,
      GetModelPackageGroupPolicy: (r) =>
        ids(
          r.sagemaker.modelPackageGroups.filter((g) => g.policy),
          (g) => ({ ModelPackageGroupName: g.ModelPackageGroupName }),
        ),
    },
  },
  {
    pkg: '@aws-sdk/client-opensearchserverless',
    sdk: ossSdk,
    client: 'OpenSearchServerlessClient',
    protocol: 'json1.0',
    regional: {
      ListCollections: one,
      BatchGetCollection: (r) =>
        r.oss.collections.length > 0 ? [{ ids: r.oss.collections.map((c) => c.id) }] : [],
      ListSecurityPolicies: () => [{ type: 'network' }, { type: 'encryption' }],
      GetSecurityPolicy: (r) => ids(r.oss.securityPolicies, (p) => ({ name: p.name, type: p.type })),
      ListAccessPolicies: () => [{ type: 'data' }],
      GetAccessPolicy: (r) => ids(r.oss.accessPolicies, (p) => ({ name: p.name, type: p.type })),
    },
  },
  {
    pkg: '@aws-sdk/client-kms',
    sdk: kmsSdk,
    client: 'KMSClient',
    protocol: 'json1.1',
    regional: {
      ListKeys: one,
      DescribeKey: (r) => ids(r.kmsKeys, (k) => ({ KeyId: k.KeyId })),
      GetKeyRotationStatus: (r) => ids(r.kmsKeys, (k) => ({ KeyId: k.KeyId })),
      GetKeyPolicy: (r) => ids(r.kmsKeys, (k) => ({ KeyId: k.KeyId, PolicyName: 'default' })),
    },
  },
  {
    pkg: '@aws-sdk/client-lambda',
    sdk: lambdaSdk,
    client: 'LambdaClient',
    protocol: 'restJson',
    regional: {
      ListFunctions: one,
      GetFunction: (r) => ids(r.lambdas, (f) => ({ FunctionName: f.FunctionName })),
      GetPolicy: (r) => ids(r.lambdas, (f) => ({ FunctionName: f.FunctionName })),
    },
  },
  {
    pkg: '@aws-sdk/client-iam',
    sdk: iamSdk,
    client: 'IAMClient',
    protocol: 'query',
    perAccount: {
      GetAccountAuthorizationDetails: one,
      ListAccessKeys: (a) => ids(a.iam.users, (u) => ({ UserName: u.UserName })),
      ListServiceSpecificCredentials: () => [{ AllUsers: true, ServiceName: 'bedrock.amazonaws.com' }],
      GetRole: (a) => ids(a.iam.roles, (r) => ({ RoleName: r.RoleName })),
      ListRoles: one,
    },
  },
  {
    pkg: '@aws-sdk/client-s3',
    sdk: s3Sdk,
    client: 'S3Client',
    protocol: 'restXml',
    options: { forcePathStyle: true },
    perAccount: {
      ListBuckets: one,
      GetBucketLocation: (a) => ids(a.buckets, (b) => ({ Bucket: b.Name })),
      GetPublicAccessBlock: (a) =>
        ids(
          a.buckets.filter((b) => b.publicAccessBlock),
          (b) => ({ Bucket: b.Name }),
        ),
      GetBucketPolicyStatus: (a) =>
        ids(
          a.buckets.filter((b) => b.policy),
          (b) => ({ Bucket: b.Name }),
        ),
      GetBucketPolicy: (a) =>
        ids(
          a.buckets.filter((b) => b.policy),
          (b) => ({ Bucket: b.Name }),
        ),
      GetBucketEncryption: (a) => ids(a.buckets, (b) => ({ Bucket: b.Name })),
      GetBucketVersioning: (a) => ids(a.buckets, (b) => ({ Bucket: b.Name })),
      GetBucketLogging: (a) => ids(a.buckets, (b) => ({ Bucket: b.Name })),
      GetBucketTagging: (a) => ids(a.buckets, (b) => ({ Bucket: b.Name })),
    },
  },
  {
    pkg: '@aws-sdk/client-sts',
    sdk: stsSdk,
    client: 'STSClient',
    protocol: 'query',
    perAccount: { GetCallerIdentity: one },
    management: {
      AssumeRole: (sim) => [
        {
          RoleArn: `arn:aws:iam::${sim.estate.aws.accounts[1]?.Id}:role/${sim.estate.aws.scanRoleName}`,
          RoleSessionName: 'model-check',
        },
      ],
    },
  },
  {
    pkg: '@aws-sdk/client-organizations',
    sdk: organizationsSdk,
    client: 'OrganizationsClient',
    protocol: 'json1.1',
    management: {
      DescribeOrganization: one,
      ListAccounts: one,
      ListRoots: one,
      ListOrganizationalUnitsForParent: (sim) =>
        [sim.estate.aws.rootId, ...sim.estate.aws.ous.map((o) => o.Id)].map((ParentId) => ({ ParentId })),
      ListAccountsForParent: (sim) =>
        [sim.estate.aws.rootId, ...sim.estate.aws.ous.map((o) => o.Id)].map((ParentId) => ({ ParentId })),
      ListParents: (sim) => sim.estate.aws.accounts.map((a) => ({ ChildId: a.Id })),
      ListPolicies: () => [{ Filter: 'SERVICE_CONTROL_POLICY' }],
      DescribePolicy: (sim) => sim.estate.aws.scps.map((p) => ({ PolicyId: p.Id })),
      ListTargetsForPolicy: (sim) => sim.estate.aws.scps.map((p) => ({ PolicyId: p.Id })),
    },
  },
];

/** The operations the simulator's AWS services answer, read from their handlers (`case 'Operation':`). */
function simulatedOperations(): Set<string> {
  const dir = new URL('../src/aws/', import.meta.url);
  const ops = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    for (const m of source.matchAll(/case '([A-Z][A-Za-z0-9]+)':/g)) ops.add(m[1] as string);
  }
  return ops;
}

interface Captured {
  status: number;
  body: string;
}

/** A client whose raw response bodies are recorded (a middleware between the transport and the deserializer). */
function recordingClient(service: Service, config: object, captured: Captured[]) {
  const Client = service.sdk[service.client] as new (
    c: object,
  ) => {
    send(command: unknown): Promise<unknown>;
    middlewareStack: { add(mw: unknown, opts: object): void };
  };
  const client = new Client({ ...config, ...service.options });
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<{ response: { statusCode: number; body: AsyncIterable<Buffer> } }>) =>
      async (args: unknown) => {
        const result = await next(args);
        const chunks: Buffer[] = [];
        for await (const chunk of result.response.body) chunks.push(Buffer.from(chunk));
        const body = Buffer.concat(chunks);
        captured.push({ status: result.response.statusCode, body: body.toString('utf8') });
        const { Readable } = await import('node:stream');
        (result.response as { body: unknown }).body = Readable.from([body]);
        return result;
      },
    { step: 'deserialize', priority: 'low', name: 'aispmRecordBody' },
  );
  return client;
}

describe('AWS simulator responses against the service models shipped in the SDK packages', () => {
  let sim: CloudSim;
  beforeAll(async () => {
    // A small estate whose dice planted every optional part (a guardrail, a shared model package group …);
    // the last assertion below says which operation went unanswered if a change to the estate loses one.
    sim = await startCloudSim({ providers: ['aws'], seed: 1, scale: 'small', port: 0, rateLimits: false });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('catches a misspelled or invented field in each wire protocol', () => {
    const guardrail = outputSchema('@aws-sdk/client-bedrock', bedrockSdk, 'GetGuardrail');
    expect(checkJsonBody({ guardrailId: 'g', name: 'n' }, guardrail, 'restJson')).toEqual([]);
    expect(checkJsonBody({ guardrailID: 'g', contentPolicy: { filter: [] } }, guardrail, 'restJson')).toEqual(
      [
        'guardrailID: not a member of GetGuardrailResponse',
        'contentPolicy.filter: not a member of GuardrailContentPolicy',
      ],
    );
    const gateway = outputSchema('@aws-sdk/client-bedrock-agentcore-control', agentCoreSdk, 'GetGateway');
    expect(checkJsonBody({ createdAt: 1730095265 }, gateway, 'restJson')).toEqual([
      'createdAt: a date-time timestamp must be a string, got 1730095265',
    ]);
    expect(checkJsonBody({ createdAt: '2024-10-28T06:01:05.000Z' }, gateway, 'restJson')).toEqual([]);
    const endpoint = outputSchema('@aws-sdk/client-sagemaker', sagemakerSdk, 'DescribeEndpoint');
    expect(
      checkJsonBody({ ProductionVariants: [{ VariantName: 'v', Weight: 1 }] }, endpoint, 'json1.1'),
    ).toEqual(['ProductionVariants[0].Weight: not a member of ProductionVariantSummary']);
    const role = outputSchema('@aws-sdk/client-iam', iamSdk, 'GetRole');
    const roleXml = (inner: string) =>
      `<GetRoleResponse><GetRoleResult><Role>${inner}</Role></GetRoleResult></GetRoleResponse>`;
    expect(
      checkXmlBody(
        roleXml('<RoleName>r</RoleName><Tags><member><Key>k</Key></member></Tags>'),
        role,
        'query',
        'GetRole',
      ),
    ).toEqual([]);
    expect(
      checkXmlBody(
        roleXml('<RoleNam>r</RoleNam><Tags><Tag><Key>k</Key></Tag></Tags>'),
        role,
        'query',
        'GetRole',
      ),
    ).toEqual([
      'GetRoleResult.Role.RoleNam: not a member of Role',
      'GetRoleResult.Role.Tags.Tag: list items must be <member>',
    ]);
    const buckets = outputSchema('@aws-sdk/client-s3', s3Sdk, 'ListBuckets');
    const listXml = (item: string) =>
      `<ListAllMyBucketsResult><Buckets>${item}</Buckets></ListAllMyBucketsResult>`;
    expect(
      checkXmlBody(listXml('<Bucket><Name>b</Name></Bucket>'), buckets, 'restXml', 'ListBuckets'),
    ).toEqual([]);
    expect(checkXmlBody(listXml('<Bucket><Nam>b</Nam></Bucket>'), buckets, 'restXml', 'ListBuckets')).toEqual(
      ['ListAllMyBucketsResult.Buckets[0].Nam: not a member of Bucket'],
    );
  });

  it('lists every simulated operation here, and each one exists in its SDK model', () => {
    const listed = SERVICES.flatMap((s) => [
      ...Object.keys(s.regional ?? {}),
      ...Object.keys(s.perAccount ?? {}),
      ...Object.keys(s.management ?? {}),
    ]);
    expect(new Set(listed)).toEqual(simulatedOperations());
    for (const s of SERVICES)
      for (const op of listed.filter((o) => s.regional?.[o] || s.perAccount?.[o] || s.management?.[o]))
        expect(() => outputSchema(s.pkg, s.sdk, op)).not.toThrow();
  });

  it('emits only fields the output shapes define, in every operation', async () => {
    const problems: string[] = [];
    const checked = new Map<string, number>();
    const call = async (service: Service, op: string, config: object, inputs: Input[]) => {
      const Command = service.sdk[`${op}Command`] as new (i: Input) => unknown;
      const output = outputSchema(service.pkg, service.sdk, op);
      for (const input of inputs) {
        const captured: Captured[] = [];
        const client = recordingClient(service, config, captured);
        // Errors the estate plants (no tagging, no policy on a bucket) are answered in the error shape; only
        // successful bodies are output shapes.
        await client.send(new Command(input)).catch(() => undefined);
        for (const c of captured) {
          if (c.status < 200 || c.status >= 300 || c.body.length === 0) continue;
          // Per service: an operation two services answer (GetResourcePolicy) is checked in each.
          checked.set(`${service.pkg} ${op}`, (checked.get(`${service.pkg} ${op}`) ?? 0) + 1);
          const found =
            service.protocol === 'query' || service.protocol === 'restXml'
              ? checkXmlBody(c.body, output, service.protocol, op)
              : checkJsonBody(JSON.parse(c.body), output, service.protocol);
          problems.push(...found.map((p) => `${op} ${p}`));
        }
      }
    };
    const management = sim.estate.aws.accounts[0] as AwsAccount;
    for (const service of SERVICES)
      for (const [op, inputs] of Object.entries(service.management ?? {}))
        await call(service, op, clientConfig(sim, baseCredentials(sim)), inputs(sim));
    for (const account of sim.estate.aws.accounts) {
      const creds: StaticCredentials =
        account === management ? baseCredentials(sim) : await assumeInto(sim, account.Id);
      for (const service of SERVICES) {
        for (const [op, inputs] of Object.entries(service.perAccount ?? {}))
          await call(service, op, clientConfig(sim, creds), inputs(account));
        for (const [region, state] of Object.entries(account.regions))
          for (const [op, inputs] of Object.entries(service.regional ?? {}))
            await call(service, op, clientConfig(sim, creds, region), inputs(state));
      }
    }
    expect(problems).toEqual([]);
    // Every operation of every service answered successfully at least once, so no output shape went unchecked.
    const listed = SERVICES.flatMap((s) =>
      [
        ...Object.keys(s.regional ?? {}),
        ...Object.keys(s.perAccount ?? {}),
        ...Object.keys(s.management ?? {}),
      ].map((op) => `${s.pkg} ${op}`),
    );
    expect(listed.filter((op) => !checked.has(op))).toEqual([]);
  });
});
