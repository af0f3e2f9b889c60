/**
 * Fixtures of the storage, identity and guardrail posture rules (TLS and shared keys on storage, users' own policies,
 * compute SSH, outbound restriction, model registry network, bucket ACLs, Model Armor and content-filter
 * categories), in each cloud's own resource shapes.
 * Imported by build-fixtures.ts, which writes them with the rest.
 */
import { type AssetKind, type AssetRecord, edge as E, type Provider } from '@aispm/core';
import { assetMaker, type Def, type Fixture, single } from './fixture-kit.ts';

function asset(
  provider: Provider,
  id: string,
  kind: AssetKind,
  nativeType: string,
  properties: Record<string, unknown>,
  accountId = provider === 'azure' ? 's1' : 'p1',
): AssetRecord {
  const region = provider === 'azure' ? 'eastus' : 'us-central1';
  return assetMaker({ provider, accountId, region })(id, kind, nativeType, properties);
}

const RG = '/subscriptions/s1/resourcegroups/rg/providers';
const ST = `${RG}/microsoft.storage/storageaccounts/sttrain`;
const CONTAINER = `${ST}/blobservices/default/containers/training-data`;
const WS = `${RG}/microsoft.machinelearningservices/workspaces/mlw`;

/** An Azure storage account whose training-data container an ML workspace reads (AI data, one level down). */
function azureStorage(props: Record<string, unknown>): Fixture {
  return {
    target: ST,
    assets: [
      asset('azure', ST, 'data-store', 'Microsoft.Storage/storageAccounts', props),
      asset(
        'azure',
        CONTAINER,
        'data-store',
        'Microsoft.Storage/storageAccounts/blobServices/containers',
        {},
      ),
      asset('azure', WS, 'ml-workspace', 'Microsoft.MachineLearningServices/workspaces', {}),
    ],
    edges: [E('contains', ST, CONTAINER), E('reads-from', WS, CONTAINER)],
  };
}

const compute = (props: Record<string, unknown>) =>
  single(
    asset(
      'azure',
      `${WS}/computes/ci1`,
      'notebook',
      'Microsoft.MachineLearningServices/workspaces/computes#ComputeInstance',
      props,
    ),
  );
const aiAccount = (props: Record<string, unknown>) =>
  single(
    asset(
      'azure',
      `${RG}/microsoft.cognitiveservices/accounts/oai`,
      'ai-service',
      'Microsoft.CognitiveServices/accounts',
      props,
    ),
  );
const registry = (props: Record<string, unknown>) =>
  single(
    asset(
      'azure',
      `${RG}/microsoft.machinelearningservices/registries/mlr`,
      'model-registry',
      'Microsoft.MachineLearningServices/registries',
      props,
    ),
  );
const raiPolicy = (props: Record<string, unknown>) =>
  single(
    asset(
      'azure',
      `${RG}/microsoft.cognitiveservices/accounts/oai/raipolicies/cf`,
      'guardrail',
      'Microsoft.CognitiveServices/accounts/raiPolicies',
      props,
    ),
  );

const BUCKET = '//storage.googleapis.com/p1-training';
const JOB = '//aiplatform.googleapis.com/projects/1/locations/us-central1/customJobs/7';
/** A GCS bucket a Vertex AI custom job trains from. */
function gcsBucket(props: Record<string, unknown>): Fixture {
  return {
    target: BUCKET,
    assets: [
      asset('gcp', BUCKET, 'data-store', 'storage.googleapis.com/Bucket', props),
      asset('gcp', JOB, 'training-job', 'aiplatform.googleapis.com/CustomJob', {}),
    ],
    edges: [E('reads-from', JOB, BUCKET)],
  };
}
const floor = (props: Record<string, unknown>) =>
  single(
    asset(
      'gcp',
      '//modelarmor.googleapis.com/projects/p1/locations/global/floorSetting',
      'guardrail',
      'modelarmor.googleapis.com/FloorSetting',
      props,
    ),
  );

const S3 = 'arn:aws:s3:::training-data';
const SM_JOB = 'arn:aws:sagemaker:us-east-1:111111111111:training-job/train';
/** An S3 bucket a SageMaker training job reads, as the S3 connector reports it (policy parsed, fact set). */
function s3Bucket(statements: Record<string, unknown>[]): Fixture {
  const tls = statements.some((s) => s.Sid === 'DenyInsecureTransport');
  return {
    target: S3,
    assets: [
      asset(
        'aws',
        S3,
        'data-store',
        'AWS::S3::Bucket',
        {
          bucketPolicy: { Version: '2012-10-17', Statement: statements },
          facts: { secureTransportRequired: tls },
        },
        '111111111111',
      ),
      asset('aws', SM_JOB, 'training-job', 'AWS::SageMaker::TrainingJob', {}, '111111111111'),
    ],
    edges: [E('reads-from', SM_JOB, S3)],
  };
}
const DENY_HTTP = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [S3, `${S3}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
};
const READ_ROLE = {
  Sid: 'PipelineRead',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111111111111:role/pipeline' },
  Action: 's3:GetObject',
  Resource: `${S3}/*`,
};
const iamUser = (inline: Record<string, unknown>[]) =>
  single(
    asset(
      'aws',
      'arn:aws:iam::111111111111:user/data-pipeline-bot',
      'identity',
      'AWS::IAM::User',
      {
        identityType: 'user',
        groups: ['arn:aws:iam::111111111111:group/ml-engineers'],
        inlinePolicies: inline,
        attachedPolicies: [],
      },
      '111111111111',
    ),
  );
const INVOKE_AGENTS = {
  name: 'invoke-agents',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['bedrock:InvokeAgent'],
        Resource: 'arn:aws:bedrock:us-east-1:111111111111:agent-alias/A1/*',
      },
    ],
  },
};
const CHANGE_PASSWORD = {
  name: 'self-service',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['iam:ChangePassword'],
        Resource: 'arn:aws:iam::111111111111:user/data-pipeline-bot',
      },
    ],
  },
};

const ACCT = '111111111111';
const FN = `arn:aws:lambda:us-east-1:${ACCT}:function:tickets`;
const TOOL = `arn:aws:bedrock:us-east-1:${ACCT}:agent/A1/action-group/tickets`;
/** The Lambda function an agent's action group is implemented by. */
const toolFunction = (vpcConfigured: boolean): Fixture => ({
  target: FN,
  assets: [
    asset('aws', FN, 'function', 'AWS::Lambda::Function', { runtime: 'python3.12', vpcConfigured }, ACCT),
    asset('aws', TOOL, 'agent-tool', 'AWS::Bedrock::AgentActionGroup', {}, ACCT),
  ],
  edges: [E('implemented-by', TOOL, FN)],
});
const JOB_ROLE = `arn:aws:iam::${ACCT}:role/service-role/SageMakerExecution-churn`;
/** A SageMaker training job's execution role with one inline policy. */
const jobRole = (statement: Record<string, unknown>): Fixture => ({
  target: JOB_ROLE,
  assets: [
    asset(
      'aws',
      JOB_ROLE,
      'identity',
      'AWS::IAM::Role',
      {
        identityType: 'role',
        inlinePolicies: [{ name: 'job', document: { Version: '2012-10-17', Statement: [statement] } }],
        attachedPolicies: [],
      },
      ACCT,
    ),
    asset('aws', SM_JOB, 'training-job', 'AWS::SageMaker::TrainingJob', {}, ACCT),
  ],
  edges: [E('runs-as', SM_JOB, JOB_ROLE)],
});
const NB = '//notebooks.googleapis.com/projects/p1/locations/us-central1-a/instances/nb1';
/** A Workbench instance and the service account it runs as. */
const workbench = (email: string): Fixture => {
  const sa = `//iam.googleapis.com/projects/p1/serviceAccounts/${email}`;
  return {
    target: NB,
    assets: [
      asset('gcp', NB, 'notebook', 'notebooks.googleapis.com/Instance', {}),
      asset('gcp', sa, 'identity', 'iam.googleapis.com/ServiceAccount', {
        email,
        primitiveRoles: [],
        defaultComputeServiceAccount: email.endsWith('-compute@developer.gserviceaccount.com'),
      }),
    ],
    edges: [E('runs-as', NB, sa)],
  };
};

const harmful = (enabled: boolean) => [
  { name: 'Hate', enabled, blocking: enabled, severityThreshold: 'Medium', source: 'Completion' },
  { name: 'Violence', enabled, blocking: enabled, severityThreshold: 'Medium', source: 'Completion' },
  { name: 'Jailbreak', enabled: true, blocking: true, source: 'Prompt' },
];

export function postureFixtures(def: Def): void {
  def(
    'aispm-data-store-weak-tls',
    azureStorage({ minimumTlsVersion: 'TLS1_0' }),
    azureStorage({ minimumTlsVersion: 'TLS1_2' }),
  );
  def(
    'aispm-data-store-shared-key-access',
    azureStorage({ allowSharedKeyAccess: true }),
    azureStorage({ allowSharedKeyAccess: false }),
  );
  def(
    'aispm-data-store-no-infrastructure-encryption',
    azureStorage({
      encryption: { cmk: false, keySource: 'Microsoft.Storage', requireInfrastructureEncryption: false },
    }),
    azureStorage({
      encryption: { cmk: false, keySource: 'Microsoft.Storage', requireInfrastructureEncryption: true },
    }),
  );
  def('aispm-data-store-insecure-transport', s3Bucket([READ_ROLE]), s3Bucket([READ_ROLE, DENY_HTTP]));
  def('aispm-identity-user-direct-policy', iamUser([INVOKE_AGENTS]), iamUser([CHANGE_PASSWORD]));
  def(
    'aispm-data-store-soft-delete-disabled',
    gcsBucket({ softDeletePolicy: { retentionDurationSeconds: '0' } }),
    gcsBucket({ softDeletePolicy: { retentionDurationSeconds: '604800' } }),
  );
  def('aispm-notebook-local-auth', compute({ disableLocalAuth: false }), compute({ disableLocalAuth: true }));
  def(
    'aispm-training-job-interactive-shell',
    single(
      asset('gcp', JOB, 'training-job', 'aiplatform.googleapis.com/CustomJob', { enableWebAccess: true }),
    ),
    single(
      asset('gcp', JOB, 'training-job', 'aiplatform.googleapis.com/CustomJob', { enableWebAccess: false }),
    ),
  );
  def('aispm-agent-tool-function-no-vpc', toolFunction(false), toolFunction(true));
  def(
    'aispm-role-service-wildcard',
    jobRole({ Effect: 'Allow', Action: ['s3:*'], Resource: '*' }),
    jobRole({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: 'arn:aws:s3:::training-data/*',
    }),
  );
  def(
    'aispm-workload-default-service-account',
    workbench('123456789012-compute@developer.gserviceaccount.com'),
    workbench('vertex-runner@p1.iam.gserviceaccount.com'),
  );
  def(
    'aispm-notebook-ssh-public',
    compute({ enableNodePublicIp: true, sshPublicAccess: 'Enabled' }),
    compute({ enableNodePublicIp: false, sshPublicAccess: 'Disabled' }),
  );
  def(
    'aispm-ai-service-outbound-unrestricted',
    aiAccount({ restrictOutboundNetworkAccess: false }),
    aiAccount({ restrictOutboundNetworkAccess: true }),
  );
  def(
    'aispm-model-registry-public-network',
    registry({ publicNetworkAccess: true }),
    registry({ publicNetworkAccess: false }),
  );
  def(
    'aispm-data-store-uniform-access-disabled',
    gcsBucket({ uniformBucketLevelAccess: false }),
    gcsBucket({ uniformBucketLevelAccess: true }),
  );
  def(
    'aispm-guardrail-malicious-url-unfiltered',
    floor({ configured: true, maliciousUriFilter: 'DISABLED' }),
    floor({ configured: true, maliciousUriFilter: 'ENABLED' }),
  );
  def(
    'aispm-guardrail-harmful-content-unfiltered',
    raiPolicy({ contentFilters: harmful(false) }),
    raiPolicy({ contentFilters: harmful(true) }),
  );
}
