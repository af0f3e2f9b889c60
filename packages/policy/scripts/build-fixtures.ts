/**
 * Writes test/fixtures/<rule-id>.{fail,pass}.json: for every rule a small graph where it must fail on
 * `target` and one (the same shape, fixed) where it must not fail at all. Kept as code so the shared
 * pieces (an account's identity, an AI bucket …) are written once. Run: npx tsx scripts/build-fixtures.ts
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AssetRecord, edge as E, type EdgeRecord, externalPrincipalId, INTERNET_ID } from '@aispm/core';
import { assetMaker, awsPlace, type Fixture, fixtureSet, single } from './fixture-kit.ts';
import { agentCoreFixtures } from './fixtures-agentcore.ts';
import { azureMlFixtures } from './fixtures-azure-ml.ts';
import { exfiltrationFixtures } from './fixtures-exfiltration.ts';
import { foundryFixtures } from './fixtures-foundry.ts';
import { gcpKeyFixtures } from './fixtures-gcp-keys.ts';
import { guardrailPolicyFixtures } from './fixtures-guardrail-policy.ts';
import { inheritedAccessFixtures } from './fixtures-inherited-access.ts';
import { keyFixtures } from './fixtures-keys.ts';
import { postureFixtures } from './fixtures-posture.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ACCT = '111111111111';
const REGION = 'us-east-1';

const A = assetMaker((id) => awsPlace(ACCT, REGION, id), /[:/]/);

const arn = {
  nb: (n: string) => `arn:aws:sagemaker:${REGION}:${ACCT}:notebook-instance/${n}`,
  ep: (n: string) => `arn:aws:sagemaker:${REGION}:${ACCT}:endpoint/${n}`,
  smModel: (n: string) => `arn:aws:sagemaker:${REGION}:${ACCT}:model/${n}`,
  tj: (n: string) => `arn:aws:sagemaker:${REGION}:${ACCT}:training-job/${n}`,
  domain: (n: string) => `arn:aws:sagemaker:${REGION}:${ACCT}:domain/${n}`,
  role: (n: string) => `arn:aws:iam::${ACCT}:role/${n}`,
  user: (n: string) => `arn:aws:iam::${ACCT}:user/${n}`,
  key: (n: string) => `arn:aws:kms:${REGION}:${ACCT}:key/${n}`,
  bucket: (n: string) => `arn:aws:s3:::${n}`,
  agent: (n: string) => `arn:aws:bedrock:${REGION}:${ACCT}:agent/${n}`,
  kb: (n: string) => `arn:aws:bedrock:${REGION}:${ACCT}:knowledge-base/${n}`,
  gr: (n: string) => `arn:aws:bedrock:${REGION}:${ACCT}:guardrail/${n}`,
  cm: (n: string) => `arn:aws:bedrock:${REGION}:${ACCT}:custom-model/${n}`,
  cj: (n: string) => `arn:aws:bedrock:${REGION}:${ACCT}:model-customization-job/${n}`,
  fm: (n: string) => `arn:aws:bedrock:${REGION}::foundation-model/${n}`,
  pt: (n: string) => `arn:aws:bedrock:${REGION}:${ACCT}:provisioned-model/${n}`,
  aoss: (n: string) => `arn:aws:aoss:${REGION}:${ACCT}:collection/${n}`,
  fn: (n: string) => `arn:aws:lambda:${REGION}:${ACCT}:function:${n}`,
  log: () => `arn:aws:bedrock:${REGION}:${ACCT}:model-invocation-logging`,
};
const EXT = externalPrincipalId('aws', '999999999999');
const ANY = externalPrincipalId('aws', '*');
const internet = () => A(INTERNET_ID, 'internet', 'aispm::Internet');
const ext = () => A(EXT, 'external-principal', 'aispm::ExternalPrincipal');
const any = () => A(ANY, 'external-principal', 'aispm::ExternalPrincipal');
const cmk = (
  n = 'k1',
  props: Record<string, unknown> = { keyManager: 'CUSTOMER', keyRotationEnabled: true },
) => A(arn.key(n), 'key', 'AWS::KMS::Key', props);
const awsKey = (n = 'aws-managed') => A(arn.key(n), 'key', 'AWS::KMS::Key', { keyManager: 'AWS' });
const role = (n: string, props: Record<string, unknown> = {}) =>
  A(arn.role(n), 'identity', 'AWS::IAM::Role', props);
const bucket = (n: string, props: Record<string, unknown> = {}, tags: Record<string, string> = {}) =>
  A(arn.bucket(n), 'data-store', 'AWS::S3::Bucket', props, tags);
const job = (n: string, props: Record<string, unknown> = {}) =>
  A(arn.tj(n), 'training-job', 'AWS::SageMaker::TrainingJob', props);

/** A bucket the training job reads: what makes a bucket "AI data". */
function aiBucket(
  name: string,
  props: Record<string, unknown> = {},
  tags: Record<string, string> = {},
): Fixture {
  return {
    target: arn.bucket(name),
    assets: [bucket(name, props, tags), job('train'), role('pipeline')],
    edges: [
      E('reads-from', arn.tj('train'), arn.bucket(name)),
      E('runs-as', arn.tj('train'), arn.role('pipeline')),
    ],
  };
}

function withExtra(f: Fixture, assets: AssetRecord[], edges: EdgeRecord[] = []): Fixture {
  return { target: f.target, assets: [...f.assets, ...assets], edges: [...f.edges, ...edges] };
}

const nb = (props: Record<string, unknown>) =>
  A(arn.nb('nb1'), 'notebook', 'AWS::SageMaker::NotebookInstance', props);
const ep = (props: Record<string, unknown>) =>
  A(arn.ep('ep1'), 'inference-endpoint', 'AWS::SageMaker::Endpoint', props);
const smModel = (props: Record<string, unknown>) =>
  A(arn.smModel('m1'), 'model', 'AWS::SageMaker::Model', props);
const agent = (props: Record<string, unknown> = {}) =>
  A(arn.agent('a1'), 'agent', 'AWS::Bedrock::Agent', props);
const guardrail = (props: Record<string, unknown>) =>
  A(arn.gr('g1'), 'guardrail', 'AWS::Bedrock::Guardrail', props);
const logging = (props: Record<string, unknown>) =>
  A(arn.log(), 'logging-config', 'AWS::Bedrock::ModelInvocationLoggingConfiguration', props);
const collection = (props: Record<string, unknown> = {}) =>
  A(arn.aoss('c1'), 'vector-store', 'AWS::OpenSearchServerless::Collection', props);
const azureAi = (props: Record<string, unknown>) => ({
  ...A(
    '/subscriptions/s1/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/oai',
    'ai-service',
    'Microsoft.CognitiveServices/accounts',
    props,
  ),
  provider: 'azure' as const,
  accountId: 's1',
});

// API keys exist only on Azure AI Search among the vector stores.
const searchService = (props: Record<string, unknown>) => ({
  ...A(
    '/subscriptions/s1/resourcegroups/rg/providers/microsoft.search/searchservices/search1',
    'vector-store',
    'Microsoft.Search/searchServices',
    props,
  ),
  provider: 'azure' as const,
  accountId: 's1',
});

/** An agent whose tool's function runs as `fnRole`. */
function agentWithTool(fnRole: AssetRecord, extraEdges: EdgeRecord[] = []): Fixture {
  const tool = `${arn.agent('a1')}/action-group/t1`;
  return {
    target: arn.agent('a1'),
    assets: [
      agent(),
      A(tool, 'agent-tool', 'AWS::Bedrock::AgentActionGroup'),
      A(arn.fn('f1'), 'function', 'AWS::Lambda::Function'),
      fnRole,
      bucket('crm'),
    ],
    edges: [
      E('uses-tool', arn.agent('a1'), tool),
      E('implemented-by', tool, arn.fn('f1')),
      E('runs-as', arn.fn('f1'), fnRole.id),
      ...extraEdges,
    ],
  };
}

const { def, write } = fixtureSet();

// --- encryption
def(
  'aispm-model-no-cmk',
  single(
    A(arn.cm('m'), 'model', 'AWS::Bedrock::CustomModel'),
    [awsKey()],
    [E('encrypted-by', arn.cm('m'), arn.key('aws-managed'))],
  ),
  single(
    A(arn.cm('m'), 'model', 'AWS::Bedrock::CustomModel'),
    [cmk()],
    [E('encrypted-by', arn.cm('m'), arn.key('k1'))],
  ),
);
def(
  'aispm-knowledge-base-no-cmk',
  single(
    A(arn.kb('kb'), 'knowledge-base', 'AWS::Bedrock::KnowledgeBase', {
      dataSources: [{ dataSourceId: 'd1', kmsKeyArn: arn.key('k1') }, { dataSourceId: 'd2' }],
    }),
  ),
  single(
    A(arn.kb('kb'), 'knowledge-base', 'AWS::Bedrock::KnowledgeBase', {
      dataSources: [{ dataSourceId: 'd1', kmsKeyArn: arn.key('k1') }],
    }),
  ),
);
def(
  'aispm-agent-no-cmk',
  single(agent()),
  single(agent(), [cmk()], [E('encrypted-by', arn.agent('a1'), arn.key('k1'))]),
);
def('aispm-guardrail-no-cmk', single(guardrail({})), single(guardrail({ kmsKeyArn: arn.key('k1') })));
def('aispm-notebook-no-cmk', single(nb({})), single(nb({ kmsKeyId: arn.key('k1') })));
def(
  'aispm-endpoint-no-cmk',
  single(ep({})),
  single(ep({}), [cmk()], [E('encrypted-by', arn.ep('ep1'), arn.key('k1'))]),
);
def(
  'aispm-training-job-no-cmk',
  single(job('t')),
  single(job('t', { outputKmsKeyId: arn.key('k1'), volumeKmsKeyId: arn.key('k1') })),
);
def(
  'aispm-vector-store-no-cmk',
  single(collection({ kmsKeyArn: 'auto', encryptionPolicy: { name: 'enc', awsOwnedKey: true } })),
  single(collection({ kmsKeyArn: arn.key('k1'), encryptionPolicy: { name: 'enc', awsOwnedKey: false } })),
);
def(
  'aispm-data-store-no-cmk',
  aiBucket('train'),
  withExtra(aiBucket('train'), [cmk()], [E('encrypted-by', arn.bucket('train'), arn.key('k1'))]),
);
def(
  'aispm-ml-workspace-no-cmk',
  single(A(arn.domain('d'), 'ml-workspace', 'AWS::SageMaker::Domain')),
  single(A(arn.domain('d'), 'ml-workspace', 'AWS::SageMaker::Domain', { kmsKeyId: arn.key('k1') })),
);

// --- bedrock
def(
  'aispm-aws-bedrock-invocation-logging-disabled',
  single(logging({ enabled: false })),
  single(logging({ enabled: true })),
);
def(
  'aispm-aws-bedrock-invocation-logs-not-encrypted',
  single(
    logging({ enabled: true, s3BucketName: 'logs' }),
    [bucket('logs', { encryption: null })],
    [E('logs-to', arn.log(), arn.bucket('logs'))],
  ),
  single(
    logging({ enabled: true, s3BucketName: 'logs' }),
    [bucket('logs', { encryption: 'AES256' })],
    [E('logs-to', arn.log(), arn.bucket('logs'))],
  ),
);
def(
  'aispm-aws-bedrock-guardrails-not-configured',
  single(logging({ enabled: true }), [agent()]),
  single(logging({ enabled: true }), [agent(), guardrail({})]),
);
def(
  'aispm-aws-bedrock-guardrail-sensitive-info-filter-disabled',
  single(guardrail({ piiEntities: [] })),
  single(guardrail({ piiEntities: [{ type: 'EMAIL', action: 'ANONYMIZE' }] })),
);
def(
  'aispm-aws-bedrock-guardrail-contextual-grounding-disabled',
  single(guardrail({ contextualGrounding: [{ type: 'RELEVANCE', threshold: 0.5 }] })),
  single(guardrail({ contextualGrounding: [{ type: 'GROUNDING', threshold: 0.7 }] })),
);
{
  const second = A(arn.agent('a2'), 'agent', 'AWS::Bedrock::Agent');
  def(
    'aispm-aws-bedrock-agent-role-shared',
    single(
      agent(),
      [second, role('agents')],
      [E('runs-as', arn.agent('a1'), arn.role('agents')), E('runs-as', arn.agent('a2'), arn.role('agents'))],
    ),
    single(
      agent(),
      [second, role('agents'), role('a2')],
      [E('runs-as', arn.agent('a1'), arn.role('agents')), E('runs-as', arn.agent('a2'), arn.role('a2'))],
    ),
  );
}
def(
  'aispm-aws-bedrock-full-access-policy',
  single(
    role('dev', {
      attachedPolicies: [
        { name: 'AmazonBedrockFullAccess', arn: 'arn:aws:iam::aws:policy/AmazonBedrockFullAccess' },
      ],
    }),
  ),
  single(
    role('dev', {
      attachedPolicies: [
        { name: 'AmazonBedrockReadOnly', arn: 'arn:aws:iam::aws:policy/AmazonBedrockReadOnly' },
      ],
    }),
  ),
);
def(
  'aispm-aws-bedrock-custom-model-untagged',
  single(A(arn.cm('m'), 'model', 'AWS::Bedrock::CustomModel')),
  single(A(arn.cm('m'), 'model', 'AWS::Bedrock::CustomModel', {}, { owner: 'ml-team' })),
);
def(
  'aispm-aws-bedrock-customization-job-no-vpc',
  single(A(arn.cj('j'), 'training-job', 'AWS::Bedrock::ModelCustomizationJob', { vpcConfigured: false })),
  single(
    A(arn.cj('j'), 'training-job', 'AWS::Bedrock::ModelCustomizationJob', {
      vpcConfig: { subnetIds: ['subnet-1'] },
    }),
  ),
);
{
  // connector shape: inlinePolicies [{ name, document }]; the trust policy beside it never counts as a grant
  const trustPolicy = {
    Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: '*' }],
  };
  const wild = {
    trustPolicy,
    inlinePolicies: [
      { name: 'p', document: { Statement: [{ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }] } },
    ],
  };
  const scoped = {
    trustPolicy,
    inlinePolicies: [
      {
        name: 'p',
        document: {
          Statement: [{ Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: arn.fm('x') }],
        },
      },
    ],
  };
  def(
    'aispm-aws-bedrock-agent-role-not-least-privilege',
    single(agent(), [role('agent', wild)], [E('runs-as', arn.agent('a1'), arn.role('agent'))]),
    single(agent(), [role('agent', scoped)], [E('runs-as', arn.agent('a1'), arn.role('agent'))]),
  );
  def('aispm-role-ai-wildcard-actions', single(role('r', wild)), single(role('r', scoped)));
}

// --- guardrails and agents
def(
  'aispm-guardrail-prompt-attack-weak',
  single(
    guardrail({
      contentPolicy: { filters: [{ type: 'PROMPT_ATTACK', inputStrength: 'LOW', outputStrength: 'NONE' }] },
    }),
  ),
  single(
    guardrail({
      promptAttackStrength: 'HIGH',
      contentFilters: [{ type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' }],
    }),
  ),
);
def(
  'aispm-guardrail-missing-on-invocation-path',
  single(
    A(arn.pt('p'), 'provisioned-throughput', 'AWS::Bedrock::ProvisionedModelThroughput'),
    [ext(), role('shared')],
    [E('can-assume', EXT, arn.role('shared')), E('can-invoke', arn.role('shared'), arn.pt('p'))],
  ),
  single(
    A(arn.pt('p'), 'provisioned-throughput', 'AWS::Bedrock::ProvisionedModelThroughput'),
    [ext(), role('shared'), guardrail({})],
    [
      E('can-assume', EXT, arn.role('shared')),
      E('can-invoke', arn.role('shared'), arn.pt('p')),
      E('guarded-by', arn.pt('p'), arn.gr('g1')),
    ],
  ),
);
def(
  'aispm-agent-no-guardrail',
  single(agent({ hasGuardrail: false })),
  single(
    agent({ guardrailIdentifier: 'g1', guardrailVersion: '1' }),
    [guardrail({})],
    [E('guarded-by', arn.agent('a1'), arn.gr('g1'))],
  ),
);
def(
  'aispm-agent-excessive-agency',
  agentWithTool(role('tool'), [
    E('can-write', arn.role('tool'), arn.bucket('crm'), { actions: ['s3:PutObject', 's3:DeleteObject'] }),
  ]),
  agentWithTool(role('tool'), [
    E('can-read', arn.role('tool'), arn.bucket('crm'), { actions: ['s3:GetObject'] }),
  ]),
);
def(
  'aispm-agent-secret-in-instructions',
  single(
    agent({
      instruction: 'You are a CRM bot. Use key «redacted:aws-access-key» for lookups.',
      secretFindings: [{ detector: 'aws-access-key', field: 'instruction' }],
    }),
  ),
  single(agent({ instruction: 'You are a CRM bot. Call the lookup tool for customer data.' })),
);

// --- sagemaker
def(
  'aispm-notebook-direct-internet',
  single(
    nb({ directInternetAccess: 'Enabled' }),
    [internet()],
    [E('exposed-to-internet', INTERNET_ID, arn.nb('nb1'))],
  ),
  single(nb({ directInternetAccess: 'Disabled', subnetId: 'subnet-1' })),
);
def(
  'aispm-aws-sagemaker-notebook-root-access',
  single(nb({ rootAccess: 'Enabled' })),
  single(nb({ rootAccess: 'Disabled' })),
);
def(
  'aispm-aws-sagemaker-notebook-no-vpc',
  single(nb({ directInternetAccess: 'Enabled' })),
  single(nb({ subnetId: 'subnet-1' })),
);
def(
  'aispm-notebook-secret-in-startup',
  single(
    nb({ lifecycleConfig: { onStart: ['#!/bin/bash\nexport OPENAI_API_KEY=«redacted:generic-api-key»\n'] } }),
  ),
  single(nb({ lifecycleConfig: { onStart: ['#!/bin/bash\npip install -r requirements.txt\n'] } })),
);
def(
  'aispm-endpoint-data-capture-disabled',
  single(ep({ dataCaptureEnabled: false })),
  single(ep({ dataCaptureEnabled: true, dataCaptureDestination: 's3://capture/ep1' })),
);
def(
  'aispm-aws-sagemaker-endpoint-single-instance',
  single(ep({ productionVariants: [{ variantName: 'v1', initialInstanceCount: 1 }] })),
  single(ep({ productionVariants: [{ variantName: 'v1', initialInstanceCount: 2 }] })),
);
def(
  'aispm-model-no-network-isolation',
  single(smModel({ enableNetworkIsolation: false })),
  single(smModel({ enableNetworkIsolation: true })),
);
def(
  'aispm-training-job-no-inter-container-encryption',
  single(job('t', { resourceConfig: { instanceCount: 4 }, enableInterContainerTrafficEncryption: false })),
  single(job('t', { resourceConfig: { instanceCount: 4 }, enableInterContainerTrafficEncryption: true })),
);
def(
  'aispm-aws-sagemaker-vpc-not-configured',
  single(smModel({ vpcConfigured: false })),
  single(smModel({ vpcConfigured: true })),
);
def(
  'aispm-aws-sagemaker-domain-sso-not-configured',
  single(A(arn.domain('d'), 'ml-workspace', 'AWS::SageMaker::Domain', { authMode: 'IAM' })),
  single(A(arn.domain('d'), 'ml-workspace', 'AWS::SageMaker::Domain', { authMode: 'SSO' })),
);
def(
  'aispm-aws-sagemaker-domain-public-internet',
  single(
    A(arn.domain('d'), 'ml-workspace', 'AWS::SageMaker::Domain', {
      appNetworkAccessType: 'PublicInternetOnly',
    }),
    [internet()],
    [E('exposed-to-internet', INTERNET_ID, arn.domain('d'))],
  ),
  single(A(arn.domain('d'), 'ml-workspace', 'AWS::SageMaker::Domain', { appNetworkAccessType: 'VpcOnly' })),
);

// --- exposure
def(
  'aispm-endpoint-public-access',
  single(ep({}), [internet()], [E('exposed-to-internet', INTERNET_ID, arn.ep('ep1'))]),
  single(ep({ publicNetworkAccess: false })),
);
def(
  'aispm-endpoint-external-principal',
  single(
    ep({}),
    [ext(), role('invoker')],
    [
      E('can-assume', EXT, arn.role('invoker')),
      E('can-invoke', arn.role('invoker'), arn.ep('ep1'), { actions: ['sagemaker:InvokeEndpoint'] }),
    ],
  ),
  single(
    ep({}),
    [role('invoker'), role('app')],
    [
      E('can-assume', arn.role('app'), arn.role('invoker')),
      E('can-invoke', arn.role('invoker'), arn.ep('ep1')),
    ],
  ),
);
def(
  'aispm-vector-store-public-network',
  single(collection(), [internet()], [E('exposed-to-internet', INTERNET_ID, arn.aoss('c1'))]),
  single(collection({ publicNetworkAccess: false })),
);
def(
  'aispm-vector-store-broad-access',
  single(
    collection({
      dataAccessPolicies: [
        {
          policy: 'data',
          principals: [arn.role('kb'), 'arn:aws:iam::999999999999:root'],
          permissions: ['aoss:*'],
        },
      ],
    }),
  ),
  single(
    collection({
      dataAccessPolicies: [
        {
          policy: 'data',
          principals: [arn.role('kb')],
          permissions: ['aoss:ReadDocument', 'aoss:WriteDocument'],
        },
      ],
    }),
    [role('kb')],
    [E('can-read', arn.role('kb'), arn.aoss('c1'))],
  ),
);
def(
  'aispm-vector-store-key-auth',
  single(searchService({ localAuthEnabled: true })),
  single(searchService({ localAuthEnabled: false })),
);
def(
  'aispm-ai-service-public-network',
  single(
    azureAi({ publicNetworkAccess: true }),
    [internet()],
    [E('exposed-to-internet', INTERNET_ID, azureAi({}).id)],
  ),
  single(azureAi({ publicNetworkAccess: false })),
);
def(
  'aispm-ai-service-local-auth',
  single(azureAi({ disableLocalAuth: false })),
  single(azureAi({ disableLocalAuth: true })),
);
def(
  'aispm-data-store-public',
  withExtra(
    aiBucket('train', { policyIsPublic: true }),
    [internet()],
    [E('exposed-to-internet', INTERNET_ID, arn.bucket('train'))],
  ),
  aiBucket('train', { policyIsPublic: false }),
);
def(
  'aispm-data-store-external-read',
  withExtra(
    aiBucket('train'),
    [ext(), role('partner')],
    [E('can-assume', EXT, arn.role('partner')), E('can-read', arn.role('partner'), arn.bucket('train'))],
  ),
  withExtra(aiBucket('train'), [role('analyst')], [E('can-read', arn.role('analyst'), arn.bucket('train'))]),
);
{
  const model = A(arn.cm('m'), 'model', 'AWS::Bedrock::CustomModel');
  const base = (exposed: boolean): Fixture => ({
    target: model.id,
    assets: [
      model,
      bucket('pii-train', {}, { 'data-classification': 'pii' }),
      A(arn.pt('p'), 'provisioned-throughput', 'AWS::Bedrock::ProvisionedModelThroughput'),
      ...(exposed ? [any()] : []),
    ],
    edges: [
      E('trained-on', model.id, arn.bucket('pii-train')),
      E('serves', arn.pt('p'), model.id),
      ...(exposed ? [E('can-invoke', ANY, arn.pt('p'))] : []),
    ],
  });
  def('aispm-sensitive-model-internet-facing', base(true), base(false));
}

// --- data
def(
  'aispm-data-store-poisonable',
  withExtra(
    aiBucket('kb-docs'),
    [ext(), role('vendor-sync')],
    [
      E('can-assume', EXT, arn.role('vendor-sync')),
      E('can-write', arn.role('vendor-sync'), arn.bucket('kb-docs'), { actions: ['s3:PutObject'] }),
    ],
  ),
  withExtra(
    aiBucket('kb-docs'),
    [role('ingest')],
    [
      E('can-write', arn.role('pipeline'), arn.bucket('kb-docs')),
      E('can-write', arn.role('ingest'), arn.bucket('kb-docs')),
    ],
  ),
);
def(
  'aispm-data-store-versioning-disabled',
  aiBucket('train', { versioning: 'Suspended' }),
  aiBucket('train', { versioning: 'Enabled' }),
);
def(
  'aispm-data-store-access-logging-disabled',
  aiBucket('train', { accessLogging: false }),
  aiBucket('train', { accessLogging: true, accessLogTarget: 'access-logs' }),
);
def(
  'aispm-key-rotation-disabled',
  {
    target: arn.key('k1'),
    assets: [cmk('k1', { keyManager: 'CUSTOMER', keyRotationEnabled: false }), nb({})],
    edges: [E('encrypted-by', arn.nb('nb1'), arn.key('k1'))],
  },
  {
    target: arn.key('k1'),
    assets: [cmk('k1', { keyManager: 'CUSTOMER', keyRotationEnabled: true }), nb({})],
    edges: [E('encrypted-by', arn.nb('nb1'), arn.key('k1'))],
  },
);

// --- identity
def(
  'aispm-role-passrole-wildcard',
  single(
    role('ml-admin', {
      rolePolicyList: [
        { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] } },
      ],
    }),
  ),
  single(
    role('ml-admin', {
      rolePolicyList: [
        {
          policyDocument: {
            Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: arn.role('sm-exec') }],
          },
        },
      ],
    }),
  ),
);
def(
  'aispm-role-cross-account-trust',
  single(role('vendor'), [ext()], [E('can-assume', EXT, arn.role('vendor'))]),
  single(
    role('vendor'),
    [ext()],
    [
      E('can-assume', EXT, arn.role('vendor'), {
        conditions: { StringEquals: { 'sts:ExternalId': 'x-123' } },
      }),
    ],
  ),
);
def(
  'aispm-role-wildcard-trust',
  single(role('open'), [any()], [E('can-assume', ANY, arn.role('open'))]),
  single(
    role('open'),
    [any()],
    [
      E('can-assume', ANY, arn.role('open'), {
        conditions: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
      }),
    ],
  ),
);
{
  const user = A(arn.user('dev'), 'identity', 'AWS::IAM::User');
  const group = A(`arn:aws:iam::${ACCT}:group/ml-engineers`, 'identity', 'AWS::IAM::Group', {
    inlinePolicies: [
      {
        name: 'read',
        document: {
          Statement: [{ Effect: 'Allow', Action: ['bedrock:Get*', 'sagemaker:List*'], Resource: '*' }],
        },
      },
    ],
  });
  const key = (status: string) =>
    A(`${arn.user('dev')}/access-key/AKIA1`, 'access-key', 'AWS::IAM::AccessKey', { status });
  def(
    'aispm-identity-long-lived-key',
    single(
      user,
      [key('Active'), group],
      [E('has-key', user.id, `${arn.user('dev')}/access-key/AKIA1`), E('member-of', user.id, group.id)],
    ),
    single(
      user,
      [key('Inactive'), group],
      [E('has-key', user.id, `${arn.user('dev')}/access-key/AKIA1`), E('member-of', user.id, group.id)],
    ),
  );
}
def(
  'aispm-identity-primitive-role',
  single(
    role('nb-exec', { attachedManagedPolicies: [{ policyName: 'AdministratorAccess' }] }),
    [nb({})],
    [E('runs-as', arn.nb('nb1'), arn.role('nb-exec'))],
  ),
  single(
    role('nb-exec', { attachedManagedPolicies: [{ policyName: 'AmazonSageMakerReadOnly' }] }),
    [nb({})],
    [E('runs-as', arn.nb('nb1'), arn.role('nb-exec'))],
  ),
);

// --- supply chain
def(
  'aispm-model-unpinned-public-source',
  single(
    smModel({ containers: [{ image: 'hf-tgi', environmentVariableNames: ['HF_MODEL_ID', 'SM_NUM_GPUS'] }] }),
  ),
  single(
    smModel({
      containers: [{ image: 'hf-tgi', environmentVariableNames: ['HF_MODEL_ID', 'HF_MODEL_REVISION'] }],
    }),
  ),
);
def(
  'aispm-model-pickle-artifact',
  single(smModel({ containers: [{ modelDataUrl: 's3://artifacts/churn/model.pkl' }] })),
  single(smModel({ primaryContainer: { modelDataUrl: 's3://artifacts/churn/model.safetensors' } })),
);

// --- azure-shaped (provider-neutral facts)
def(
  'aispm-ai-service-logging-disabled',
  single(azureAi({ loggingEnabled: false, diagnosticSettingCount: 0 })),
  single(azureAi({ loggingEnabled: true, diagnosticSettingCount: 1 })),
);
def(
  'aispm-ai-service-no-cmk',
  single(azureAi({ encryption: { cmk: false, keySource: 'Microsoft.CognitiveServices' } })),
  single(azureAi({ encryption: { cmk: true, keyId: 'https://kv.vault.azure.net/keys/k1' } })),
);

def(
  'aispm-dataset-no-cmk',
  single({
    ...A(
      '//aiplatform.googleapis.com/projects/p/locations/us-central1/datasets/1',
      'dataset',
      'aiplatform.googleapis.com/Dataset',
      { encryption: { cmk: false } },
    ),
    provider: 'gcp',
  }),
  single({
    ...A(
      '//aiplatform.googleapis.com/projects/p/locations/us-central1/datasets/1',
      'dataset',
      'aiplatform.googleapis.com/Dataset',
      { encryption: { cmk: true, keyId: 'projects/p/locations/l/keyRings/r/cryptoKeys/k' } },
    ),
    provider: 'gcp',
  }),
);

postureFixtures(def);
keyFixtures(def);
gcpKeyFixtures(def);
exfiltrationFixtures(def);
foundryFixtures(def);
inheritedAccessFixtures(def);
azureMlFixtures(def);
agentCoreFixtures(def);
guardrailPolicyFixtures(def);

console.log(`${write(join(here, '..', 'test', 'fixtures'))} rules × 2 fixtures written`);
