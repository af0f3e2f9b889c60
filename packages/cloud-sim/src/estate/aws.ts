import { externalPrincipalId, INTERNET_ID, type Rng } from '@aispm/core';
import {
  type AwsAccount,
  type AwsEstate,
  type AwsRegionState,
  emptyRegion,
  type FoundationModel,
  type IamRole,
  type IamUser,
  type KmsKey,
  type PolicyDocument,
  type PolicyStatement,
  type S3Bucket,
} from '../aws/model.ts';
import type { ScaleParams } from '../options.ts';
import { type ProviderTruth, TruthBuilder } from './manifest.ts';

export type { AwsEstate } from '../aws/model.ts';

export const AWS_REGIONS = ['us-east-1', 'eu-west-1'] as const;
export const AWS_BASE_ACCESS_KEY_ID = 'AKIAAISPMSIMULATOR01';
export const AWS_BASE_SECRET = 'aispm-sim-secret';
export const AWS_SCAN_ROLE = 'AispmReadOnly';

/** Edge kinds MODEL.md lists exhaustively: a scan must produce exactly these. */
export const AWS_EXHAUSTIVE_EDGE_KINDS = [
  'trained-on',
  'produced-by',
  'reads-from',
  'writes-to',
  'runs-as',
  'encrypted-by',
  'serves',
  'logs-to',
  'uses-model',
  'guarded-by',
  'uses-knowledge-base',
  'uses-tool',
  'implemented-by',
  'stores-vectors-in',
  'member-of',
  'has-key',
] as const;

/** 2025-01-01T00:00:00Z: every generated timestamp is before it, so estates do not depend on the clock. */
const EPOCH = 1735689600;

const FOUNDATION_MODELS: FoundationModel[] = [
  fm(
    'anthropic.claude-3-5-sonnet-20240620-v1:0',
    'Claude 3.5 Sonnet',
    'Anthropic',
    ['TEXT', 'IMAGE'],
    ['TEXT'],
    [],
  ),
  fm(
    'anthropic.claude-3-haiku-20240307-v1:0',
    'Claude 3 Haiku',
    'Anthropic',
    ['TEXT', 'IMAGE'],
    ['TEXT'],
    [],
  ),
  fm(
    'amazon.titan-text-express-v1',
    'Titan Text G1 - Express',
    'Amazon',
    ['TEXT'],
    ['TEXT'],
    ['FINE_TUNING'],
  ),
  fm('amazon.titan-embed-text-v2:0', 'Titan Text Embeddings V2', 'Amazon', ['TEXT'], ['EMBEDDING'], []),
  fm('meta.llama3-1-8b-instruct-v1:0', 'Llama 3.1 8B Instruct', 'Meta', ['TEXT'], ['TEXT'], ['FINE_TUNING']),
  fm('cohere.embed-english-v3', 'Embed English', 'Cohere', ['TEXT'], ['EMBEDDING'], []),
];
const CHAT_MODELS = ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0'];
const TUNABLE_MODELS = ['amazon.titan-text-express-v1', 'meta.llama3-1-8b-instruct-v1:0'];
const EMBEDDING_MODELS = ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3'];

function fm(
  modelId: string,
  modelName: string,
  providerName: string,
  inputModalities: string[],
  outputModalities: string[],
  customizationsSupported: string[],
): FoundationModel {
  return {
    modelId,
    modelName,
    providerName,
    inputModalities,
    outputModalities,
    customizationsSupported,
    inferenceTypesSupported: ['ON_DEMAND', 'PROVISIONED'],
  };
}

type Level = 'hardened' | 'sloppy' | 'exposed';
type Template = 'sagemaker-pipeline' | 'bedrock-finetune' | 'agent-rag' | 'notebooks-domain';
const TEMPLATES: Template[] = ['sagemaker-pipeline', 'bedrock-finetune', 'agent-rag', 'notebooks-domain'];
const LEVELS: Level[] = ['hardened', 'sloppy', 'exposed'];

const ACCOUNT_FLAVOURS = [
  'ml-platform',
  'data-science',
  'genai-apps',
  'research',
  'prod-inference',
  'analytics',
];
const TEAMS = ['fraud', 'support', 'search', 'pricing', 'risk', 'claims', 'growth', 'docs', 'legal', 'ops'];

// --- small id helpers ------------------------------------------------------------------------------

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function chars(rng: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rng.next() * alphabet.length)];
  return s;
}
function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
function iso(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}
function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}
function doc(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}
function allow(
  action: string | string[],
  resource: string | string[],
  extra: Partial<PolicyStatement> = {},
): PolicyStatement {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}
function serviceTrust(service: string): PolicyDocument {
  return doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });
}
function bucketResources(name: string): string[] {
  return [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`];
}
/** The internet pseudo-asset exists in the manifest exactly when something is exposed to it. */
function exposeToInternet(truth: TruthBuilder, assetId: string): void {
  truth.asset(INTERNET_ID, 'internet', 'aispm::Internet', 'global', 'global', 'internet');
  truth.edge('exposed-to-internet', INTERNET_ID, assetId);
}

/** A credential-looking value: an AWS key pair, the kind of secret people paste into scripts and prompts. */
function fakeAwsSecret(rng: Rng): { keyId: string; secret: string } {
  return {
    keyId: `AKIA${chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    secret: chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+', 40),
  };
}

// --- per-account builder ---------------------------------------------------------------------------

interface Ctx {
  estate: AwsEstate;
  truth: TruthBuilder;
  /** Foreign accounts that appear in trust and bucket policies. */
  foreignAccounts: string[];
  pathCount: { n: number };
}

class AccountBuilder {
  private readonly keys = new Map<string, KmsKey>();
  /** Keys some edge references: only those are assets (the connector fetches referenced keys only). */
  private readonly listedKeys = new Set<string>();
  private counter = 0;
  /** Agents the account's first user may invoke with its long-lived key (policy + planted paths). */
  readonly invokeTargets: string[] = [];

  constructor(
    readonly ctx: Ctx,
    readonly account: AwsAccount,
    readonly rng: Rng,
  ) {}

  get id(): string {
    return this.account.Id;
  }
  get truth(): TruthBuilder {
    return this.ctx.truth;
  }

  seq(): number {
    return ++this.counter;
  }

  plantPath(hops: string[], chokePoint: string, note: string): void {
    const n = ++this.ctx.pathCount.n;
    this.truth.path(`aws-path-${String(n).padStart(5, '0')}`, hops, chokePoint, note);
  }

  region(r: string): AwsRegionState {
    let state = this.account.regions[r];
    if (!state) {
      state = emptyRegion();
      this.account.regions[r] = state;
    }
    return state;
  }

  /** The account's customer-managed key for AI data in a region, created (and listed) on first use. */
  key(r: string): KmsKey {
    let key = this.keys.get(r);
    if (key) return key;
    const keyId = uuid(this.rng);
    const rotation = this.rng.chance(0.7);
    key = {
      KeyId: keyId,
      Arn: `arn:aws:kms:${r}:${this.id}:key/${keyId}`,
      CreationDate: EPOCH - this.rng.int(200, 900) * 86400,
      Description: 'Customer-managed key for AI training data, models and endpoints',
      KeyManager: 'CUSTOMER',
      KeyState: 'Enabled',
      rotationEnabled: rotation,
      policy: doc({
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${this.id}:root` },
        Action: 'kms:*',
        Resource: '*',
      }),
    };
    this.keys.set(r, key);
    this.region(r).kmsKeys.push(key);
    return key;
  }

  encryptedBy(assetId: string, r: string): string {
    const key = this.key(r);
    if (!this.listedKeys.has(key.Arn)) {
      this.listedKeys.add(key.Arn);
      this.truth.asset(key.Arn, 'key', 'AWS::KMS::Key', this.id, r, key.KeyId);
      if (key.rotationEnabled) this.truth.markClean(key.Arn);
      else
        this.truth.risk(
          key.Arn,
          'key-rotation-disabled',
          'CMK used by AI assets has automatic rotation disabled',
        );
    }
    this.truth.edge('encrypted-by', assetId, key.Arn);
    return key.Arn;
  }

  role(
    name: string,
    trust: PolicyDocument,
    statements: PolicyStatement[],
    opts: { path?: string; managed?: { name: string; arn: string }[]; tags?: Record<string, string> } = {},
  ): IamRole {
    const path = opts.path ?? '/';
    const role: IamRole = {
      RoleName: name,
      RoleId: `AROA${chars(this.rng, UPPER_ALNUM, 17)}`,
      Arn: `arn:aws:iam::${this.id}:role${path}${name}`,
      Path: path,
      CreateDate: EPOCH - this.rng.int(30, 700) * 86400,
      AssumeRolePolicyDocument: trust,
      RolePolicyList:
        statements.length > 0 ? [{ PolicyName: `${name}-policy`, PolicyDocument: doc(...statements) }] : [],
      AttachedManagedPolicies: (opts.managed ?? []).map((m) => ({ PolicyName: m.name, PolicyArn: m.arn })),
      Tags: Object.entries(opts.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    };
    this.account.iam.roles.push(role);
    this.truth.asset(role.Arn, 'identity', 'AWS::IAM::Role', this.id, 'global', name);
    return role;
  }

  /**
   * A bucket with the security profile its workload's level implies. Returns the bucket; its risks are
   * planted here, its exposure edges too.
   */
  bucket(
    purpose: string,
    r: string,
    level: Level,
    opts: { exposure?: 'public-read' | 'broad-write' | 'external-read'; sensitive?: boolean } = {},
  ): S3Bucket {
    const name = `aispm-${purpose}-${this.id}-${this.seq()}`;
    const arn = `arn:aws:s3:::${name}`;
    const hardened = level === 'hardened';
    const bucket: S3Bucket = {
      Name: name,
      region: r,
      CreationDate: EPOCH - this.rng.int(30, 900) * 86400,
      encryption:
        hardened || this.rng.chance(0.4)
          ? { SSEAlgorithm: 'aws:kms', BucketKeyEnabled: true }
          : { SSEAlgorithm: 'AES256' },
      publicAccessBlock: hardened
        ? {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          }
        : undefined,
      versioning: hardened ? 'Enabled' : this.rng.chance(0.3) ? 'Enabled' : undefined,
      logging: undefined,
      tags: [
        { Key: 'purpose', Value: purpose },
        ...(opts.sensitive ? [{ Key: 'data-classification', Value: 'confidential' }] : []),
      ],
    };
    this.account.buckets.push(bucket);
    this.truth.asset(arn, 'data-store', 'AWS::S3::Bucket', this.id, r, name);
    if (bucket.encryption.SSEAlgorithm === 'aws:kms')
      bucket.encryption.KMSMasterKeyID = this.encryptedBy(arn, r);
    else this.truth.risk(arn, 'no-cmk-encryption', 'Bucket uses SSE-S3, not a customer-managed KMS key');
    if (hardened || this.rng.chance(0.25)) {
      bucket.logging = { TargetBucket: this.logsBucket(r), TargetPrefix: `s3-access/${name}/` };
    } else {
      this.truth.risk(arn, 'data-store-access-logging-disabled', 'Server access logging is off');
    }
    if (!bucket.versioning) this.truth.risk(arn, 'data-store-versioning-disabled', 'Versioning is off');

    const foreign = this.rng.pick(this.ctx.foreignAccounts);
    switch (opts.exposure) {
      case 'public-read':
        bucket.policy = doc({
          Sid: 'PublicRead',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `${arn}/*`,
        });
        this.truth.risk(arn, 'data-store-public', 'Bucket policy grants s3:GetObject to Principal "*"');
        exposeToInternet(this.truth, arn);
        this.outsider('*', 'can-read', arn);
        break;
      case 'broad-write':
        bucket.policy = doc({
          Sid: 'PartnerUpload',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${foreign}:root` },
          Action: ['s3:PutObject', 's3:DeleteObject', 's3:GetObject'],
          Resource: `${arn}/*`,
        });
        this.truth.risk(
          arn,
          'data-store-broad-write',
          `Bucket policy lets external account ${foreign} write and delete objects`,
        );
        this.truth.risk(
          arn,
          'data-store-external-read',
          `Bucket policy lets external account ${foreign} read objects`,
        );
        this.outsider(foreign, 'can-write', arn);
        this.outsider(foreign, 'can-read', arn);
        break;
      case 'external-read':
        bucket.policy = doc({
          Sid: 'VendorRead',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${foreign}:root` },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: bucketResources(name),
        });
        this.truth.risk(
          arn,
          'data-store-external-read',
          `Bucket policy lets external account ${foreign} read objects`,
        );
        this.outsider(foreign, 'can-read', arn);
        break;
      default:
        if (this.rng.chance(0.5)) {
          // A sound policy: TLS only. Deny statements do not make a bucket public.
          bucket.policy = doc({
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: bucketResources(name),
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          });
        }
    }
    return bucket;
  }

  /** An access edge from a principal outside the organisation (named by a resource policy). */
  outsider(principal: string, kind: 'can-read' | 'can-write', to: string): void {
    const ext = externalPrincipalId('aws', principal);
    this.truth.asset(ext, 'external-principal', 'aispm::ExternalPrincipal', 'global', 'global', principal);
    this.truth.edge(kind, ext, to);
  }

  private readonly logsBuckets = new Map<string, string>();
  /** One access/invocation log bucket per region; it is always referenced (logs-to or bucket logging). */
  logsBucket(r: string): string {
    let name = this.logsBuckets.get(r);
    if (name) return name;
    name = `aispm-logs-${this.id}-${r}`;
    this.logsBuckets.set(r, name);
    this.account.buckets.push({
      Name: name,
      region: r,
      CreationDate: EPOCH - 1000 * 86400,
      encryption: { SSEAlgorithm: 'AES256' },
      publicAccessBlock: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
      versioning: 'Enabled',
      tags: [{ Key: 'purpose', Value: 'logs' }],
    });
    return name;
  }
}

// --- the estate ------------------------------------------------------------------------------------

export function generateAwsEstate(rng: Rng, params: ScaleParams): { state: AwsEstate; truth: ProviderTruth } {
  const truth = new TruthBuilder('aws');
  const orgRng = rng.fork('org');
  const usedAccountIds = new Set<string>();
  const newAccountId = (r: Rng): string => {
    let id: string;
    do id = `${r.int(1, 9)}${r.digits(11)}`;
    while (usedAccountIds.has(id));
    usedAccountIds.add(id);
    return id;
  };
  const managementAccountId = newAccountId(orgRng);
  const organizationId = `o-${chars(orgRng, LOWER_ALNUM, 10)}`;
  const rootId = `r-${chars(orgRng, LOWER_ALNUM, 4)}`;
  const ouArn = (id: string) => `arn:aws:organizations::${managementAccountId}:ou/${organizationId}/${id}`;
  const ouId = () => `ou-${rootId.slice(2)}-${chars(orgRng, LOWER_ALNUM, 8)}`;
  const securityOu = ouId();
  const workloadsOu = ouId();
  const prodOu = ouId();
  const devOu = ouId();
  const sandboxOu = ouId();
  const estate: AwsEstate = {
    organizationId,
    managementAccountId,
    rootId,
    accessKeyId: AWS_BASE_ACCESS_KEY_ID,
    secretAccessKey: AWS_BASE_SECRET,
    scanRoleName: AWS_SCAN_ROLE,
    regions: [...AWS_REGIONS],
    ous: [
      { Id: securityOu, Arn: ouArn(securityOu), Name: 'Security', parentId: rootId },
      { Id: workloadsOu, Arn: ouArn(workloadsOu), Name: 'Workloads', parentId: rootId },
      { Id: prodOu, Arn: ouArn(prodOu), Name: 'Prod', parentId: workloadsOu },
      { Id: devOu, Arn: ouArn(devOu), Name: 'Dev', parentId: workloadsOu },
      { Id: sandboxOu, Arn: ouArn(sandboxOu), Name: 'Sandbox', parentId: rootId },
    ],
    scps: [],
    accounts: [],
    foundationModels: FOUNDATION_MODELS,
  };
  const scpId = () => `p-${chars(orgRng, LOWER_ALNUM, 8)}`;
  const scpArn = (id: string) =>
    `arn:aws:organizations::${managementAccountId}:policy/${organizationId}/service_control_policy/${id}`;
  const denyLeave = scpId();
  const regionLock = scpId();
  estate.scps.push(
    {
      Id: 'p-FullAWSAccess',
      Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
      Name: 'FullAWSAccess',
      Description: 'Allows access to every operation',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: true,
      Content: doc(allow('*', '*')),
      // AWS attaches FullAWSAccess to the root, every OU and every account by default; an OU without an
      // allowing SCP would deny everything below it.
      targetIds: [rootId, securityOu, workloadsOu, prodOu, devOu, sandboxOu],
    },
    {
      Id: denyLeave,
      Arn: scpArn(denyLeave),
      Name: 'DenyLeaveOrganization',
      Description: 'Member accounts may not leave the organization',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: false,
      Content: doc({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
      targetIds: [rootId],
    },
    {
      Id: regionLock,
      Arn: scpArn(regionLock),
      Name: 'RestrictRegions',
      Description: 'AI workloads only in us-east-1 and eu-west-1',
      Type: 'SERVICE_CONTROL_POLICY',
      AwsManaged: false,
      Content: doc({
        Effect: 'Deny',
        NotAction: ['iam:*', 'organizations:*', 'sts:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [...AWS_REGIONS] } },
      }),
      targetIds: [workloadsOu],
    },
  );

  const foreignRng = rng.fork('foreign');
  const ctx: Ctx = {
    estate,
    truth,
    foreignAccounts: [newAccountId(foreignRng), newAccountId(foreignRng), newAccountId(foreignRng)],
    pathCount: { n: 0 },
  };

  const accountArn = (id: string) =>
    `arn:aws:organizations::${managementAccountId}:account/${organizationId}/${id}`;
  const memberParents = [prodOu, devOu, sandboxOu, prodOu, devOu];
  for (let i = 0; i <= params.awsAccounts; i++) {
    const isManagement = i === 0;
    const acctRng = rng.fork(`account:${i}`);
    const id = isManagement ? managementAccountId : newAccountId(acctRng);
    const name = isManagement
      ? 'aispm-sim-management'
      : `${ACCOUNT_FLAVOURS[(i - 1) % ACCOUNT_FLAVOURS.length]}-${i}`;
    const account: AwsAccount = {
      Id: id,
      Arn: accountArn(id),
      Name: name,
      Email: `aws+${name}@aispm-sim.example`,
      Status: 'ACTIVE',
      JoinedMethod: isManagement ? 'CREATED' : acctRng.chance(0.8) ? 'CREATED' : 'INVITED',
      JoinedTimestamp: EPOCH - acctRng.int(400, 2000) * 86400,
      parentId: isManagement ? rootId : (memberParents[(i - 1) % memberParents.length] as string),
      iam: { roles: [], users: [], groups: [], policies: [] },
      buckets: [],
      regions: {},
    };
    estate.accounts.push(account);
    estate.scps[0]?.targetIds.push(id);
    truth.asset(account.Arn, 'account', 'AWS::Organizations::Account', id, 'global', name);
    const b = new AccountBuilder(ctx, account, acctRng);
    for (const r of AWS_REGIONS) {
      b.region(r);
      for (const m of FOUNDATION_MODELS) {
        truth.asset(
          `arn:aws:bedrock:${r}::foundation-model/${m.modelId}`,
          'model',
          'AWS::Bedrock::FoundationModel',
          'aws',
          r,
          m.modelName,
        );
      }
    }
    if (isManagement) {
      b.role(
        'OrgAuditor',
        doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: 'sts:AssumeRole' }),
        [],
        {
          managed: [{ name: 'SecurityAudit', arn: 'arn:aws:iam::aws:policy/SecurityAudit' }],
        },
      );
    } else {
      memberBaseline(b, managementAccountId);
      for (let w = 0; w < params.workloadsPerAccount; w++) {
        const g = (i - 1) * params.workloadsPerAccount + w;
        const template = TEMPLATES[g % TEMPLATES.length] as Template;
        const level = LEVELS[(g + Math.floor(g / TEMPLATES.length)) % LEVELS.length] as Level;
        const wRng = acctRng.fork(`workload:${w}`);
        const region = wRng.chance(0.65) ? 'us-east-1' : 'eu-west-1';
        const team = `${TEAMS[g % TEAMS.length]}${Math.floor(g / TEAMS.length) || ''}`;
        const wb = new WorkloadBuilder(b, wRng, region, level, team);
        wb.build(template);
      }
      people(b, acctRng);
    }
    for (const r of AWS_REGIONS) invocationLogging(b, r, i);
  }

  return { state: estate, truth: truth.build([...AWS_EXHAUSTIVE_EDGE_KINDS]) };
}

/** Roles every member account has: the scanner's read-only role and the org's admin access role. */
function memberBaseline(b: AccountBuilder, managementAccountId: string): void {
  const mgmtRoot = `arn:aws:iam::${managementAccountId}:root`;
  b.role(
    AWS_SCAN_ROLE,
    doc({ Effect: 'Allow', Principal: { AWS: mgmtRoot }, Action: 'sts:AssumeRole' }),
    [],
    {
      managed: [
        { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        { name: 'SecurityAudit', arn: 'arn:aws:iam::aws:policy/SecurityAudit' },
      ],
    },
  );
  b.role(
    'OrganizationAccountAccessRole',
    doc({ Effect: 'Allow', Principal: { AWS: mgmtRoot }, Action: 'sts:AssumeRole' }),
    [],
    {
      managed: [{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
    },
  );
}

/** Humans: an ML engineers group, and users with long-lived keys. */
function people(b: AccountBuilder, rng: Rng): void {
  const truth = b.truth;
  const groupName = 'ml-engineers';
  const group = {
    GroupName: groupName,
    GroupId: `AGPA${chars(rng, UPPER_ALNUM, 17)}`,
    Arn: `arn:aws:iam::${b.id}:group/${groupName}`,
    Path: '/',
    CreateDate: EPOCH - 800 * 86400,
    GroupPolicyList: [
      {
        PolicyName: 'ml-engineers-read',
        PolicyDocument: doc(
          allow(['sagemaker:Describe*', 'sagemaker:List*', 'bedrock:Get*', 'bedrock:List*'], '*'),
          allow(
            ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
            'arn:aws:bedrock:*::foundation-model/*',
          ),
        ),
      },
    ],
    AttachedManagedPolicies: [],
  };
  b.account.iam.groups.push(group);
  truth.asset(group.Arn, 'identity', 'AWS::IAM::Group', b.id, 'global', groupName);

  const users = b.account.iam.users;
  const names = ['data-pipeline-bot', `ml-dev-${chars(rng, 'abcdefghijklmnopqrstuvwxyz', 5)}`];
  for (const userName of names) {
    const user: IamUser = {
      UserName: userName,
      UserId: `AIDA${chars(rng, UPPER_ALNUM, 17)}`,
      Arn: `arn:aws:iam::${b.id}:user/${userName}`,
      Path: '/',
      CreateDate: EPOCH - rng.int(300, 1500) * 86400,
      GroupList: [groupName],
      UserPolicyList: [],
      AttachedManagedPolicies: [],
      Tags: [],
      accessKeys: [],
    };
    users.push(user);
    truth.asset(user.Arn, 'identity', 'AWS::IAM::User', b.id, 'global', userName);
    truth.edge('member-of', user.Arn, group.Arn);
    const keyId = `AKIA${chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
    user.accessKeys.push({
      AccessKeyId: keyId,
      Status: 'Active',
      CreateDate: EPOCH - rng.int(200, 1200) * 86400,
    });
    const keyAsset = `${user.Arn}/access-key/${keyId}`;
    truth.asset(keyAsset, 'access-key', 'AWS::IAM::AccessKey', b.id, 'global', keyId);
    truth.edge('has-key', user.Arn, keyAsset);
    truth.risk(
      user.Arn,
      'identity-long-lived-key',
      'User with an active long-lived access key and AI permissions',
    );
  }
  // The pipeline bot's key can drive agents whose tools write data (wired by the agent workloads).
  const bot = users[0];
  if (bot && b.invokeTargets.length > 0) {
    const resources = b.invokeTargets.flatMap((arn) => {
      const [, , , region, acct, rest] = arn.split(':');
      return [arn, `arn:aws:bedrock:${region}:${acct}:agent-alias/${String(rest).split('/')[1]}/*`];
    });
    bot.UserPolicyList.push({
      PolicyName: 'invoke-agents',
      PolicyDocument: doc(allow(['bedrock:InvokeAgent'], resources)),
    });
    const key = bot.accessKeys[0];
    if (key) {
      const keyAsset = `${bot.Arn}/access-key/${key.AccessKeyId}`;
      for (const agentArn of b.invokeTargets) {
        truth.edge('can-invoke', bot.Arn, agentArn);
        b.plantPath(
          [keyAsset, bot.Arn, agentArn],
          keyAsset,
          'Long-lived access key of a user that can invoke an agent whose tools write data',
        );
      }
    }
  }
}

function invocationLogging(b: AccountBuilder, r: string, accountIndex: number): void {
  const state = b.region(r);
  const id = `arn:aws:bedrock:${r}:${b.id}:model-invocation-logging`;
  b.truth.asset(
    id,
    'logging-config',
    'AWS::Bedrock::ModelInvocationLoggingConfiguration',
    b.id,
    r,
    'model-invocation-logging',
  );
  // The management account and every third member region leave logging off.
  const enabled = accountIndex !== 0 && (accountIndex + (r === 'us-east-1' ? 0 : 1)) % 3 !== 0;
  if (!enabled) {
    b.truth.risk(
      id,
      'invocation-logging-disabled',
      `Bedrock model invocation logging is not configured in ${r}`,
    );
    return;
  }
  const bucket = b.logsBucket(r);
  state.loggingConfig = {
    s3Config: { bucketName: bucket, keyPrefix: 'bedrock-invocations/' },
    textDataDeliveryEnabled: true,
    imageDataDeliveryEnabled: true,
    embeddingDataDeliveryEnabled: false,
  };
  b.truth.asset(`arn:aws:s3:::${bucket}`, 'data-store', 'AWS::S3::Bucket', b.id, r, bucket);
  b.truth.edge('logs-to', id, `arn:aws:s3:::${bucket}`);
  b.truth.markClean(id);
}

// --- workloads -------------------------------------------------------------------------------------

class WorkloadBuilder {
  readonly truth: TruthBuilder;
  readonly acct: string;

  constructor(
    readonly b: AccountBuilder,
    readonly rng: Rng,
    readonly r: string,
    readonly level: Level,
    readonly team: string,
  ) {
    this.truth = b.truth;
    this.acct = b.id;
  }

  get state(): AwsRegionState {
    return this.b.region(this.r);
  }

  time(minDays: number, maxDays: number): number {
    return EPOCH - this.rng.int(minDays, maxDays) * 86400 - this.rng.int(0, 86399);
  }

  build(template: Template): void {
    switch (template) {
      case 'sagemaker-pipeline':
        this.sagemakerPipeline();
        return;
      case 'bedrock-finetune':
        this.bedrockFinetune();
        return;
      case 'agent-rag':
        this.agentRag();
        return;
      case 'notebooks-domain':
        this.notebooksDomain();
        return;
    }
  }

  /** Clean only when nothing was planted on it (the truth builder filters risky ids again at the end). */
  clean(id: string): void {
    if (this.level === 'hardened') this.truth.markClean(id);
  }

  path(hops: string[], chokePoint: string, note: string): void {
    this.b.plantPath(hops, chokePoint, note);
  }

  /** An execution role for an AI service; wildcard AI actions / PassRole on * when the level is exposed. */
  executionRole(
    name: string,
    service: string,
    statements: PolicyStatement[],
    wildcardService?: 'sagemaker' | 'bedrock',
  ): IamRole {
    const extra: PolicyStatement[] = [];
    const wildcard = this.level === 'exposed' && wildcardService !== undefined && this.rng.chance(0.7);
    const passRole = this.level === 'exposed' && this.rng.chance(0.5);
    if (wildcard) extra.push(allow(`${wildcardService}:*`, '*'));
    if (passRole) extra.push(allow('iam:PassRole', '*'));
    const role = this.b.role(name, serviceTrust(service), [...statements, ...extra], {
      path: '/service-role/',
    });
    if (wildcard)
      this.truth.risk(role.Arn, 'role-ai-wildcard-actions', `Inline policy allows ${wildcardService}:* on *`);
    if (passRole)
      this.truth.risk(role.Arn, 'role-passrole-wildcard', 'Inline policy allows iam:PassRole on *');
    if (!wildcard && !passRole) this.clean(role.Arn);
    return role;
  }

  // (a) training bucket → training job → artifact → model → endpoint, plus a data-prep notebook
  sagemakerPipeline(): void {
    const { rng, r, acct, truth, level } = this;
    const name = `${this.team}-${chars(rng, LOWER_ALNUM, 4)}`;
    const sm = this.state.sagemaker;
    const exposure =
      level === 'exposed' ? rng.pick(['public-read', 'broad-write', undefined] as const) : undefined;
    const training = this.b.bucket('training', r, level, { exposure, sensitive: rng.chance(0.5) });
    const artifacts = this.b.bucket('artifacts', r, level === 'exposed' ? 'sloppy' : level);
    const tArn = `arn:aws:s3:::${training.Name}`;
    const aArn = `arn:aws:s3:::${artifacts.Name}`;
    const role = this.executionRole(
      `SageMakerExecution-${name}`,
      'sagemaker.amazonaws.com',
      [
        allow(
          ['s3:GetObject', 's3:ListBucket'],
          [...bucketResources(training.Name), ...bucketResources(artifacts.Name)],
        ),
        allow(['s3:PutObject'], `${aArn}/*`),
      ],
      'sagemaker',
    );

    // training job
    const jobName = `train-${name}`;
    const jobArn = `arn:aws:sagemaker:${r}:${acct}:training-job/${jobName}`;
    const isolated = level === 'hardened' || (level === 'sloppy' && rng.chance(0.5));
    const ice = level === 'hardened' || rng.chance(0.3);
    const kms = level === 'hardened' || rng.chance(0.4);
    const artifactUri = `s3://${artifacts.Name}/output/${jobName}/output/model.tar.gz`;
    const created = this.time(20, 300);
    const keyArn = kms ? this.b.key(r).Arn : undefined;
    sm.trainingJobs.push({
      TrainingJobName: jobName,
      TrainingJobArn: jobArn,
      ModelArtifacts: { S3ModelArtifacts: artifactUri },
      TrainingJobStatus: 'Completed',
      SecondaryStatus: 'Completed',
      HyperParameters: { epochs: '3', learning_rate: '0.0001' },
      AlgorithmSpecification: {
        TrainingImage: `763104351884.dkr.ecr.${r}.amazonaws.com/pytorch-training:2.1.0-gpu-py310`,
        TrainingInputMode: 'File',
        EnableSageMakerMetricsTimeSeries: false,
      },
      RoleArn: role.Arn,
      InputDataConfig: [
        {
          ChannelName: 'train',
          DataSource: {
            S3DataSource: {
              S3DataType: 'S3Prefix',
              S3Uri: `s3://${training.Name}/datasets/train/`,
              S3DataDistributionType: 'FullyReplicated',
            },
          },
          CompressionType: 'None',
          RecordWrapperType: 'None',
        },
      ],
      OutputDataConfig: { KmsKeyId: keyArn, S3OutputPath: `s3://${artifacts.Name}/output/` },
      ResourceConfig: {
        InstanceType: 'ml.g5.2xlarge',
        InstanceCount: ice ? 2 : 1,
        VolumeSizeInGB: 100,
        VolumeKmsKeyId: keyArn,
      },
      VpcConfig: isolated
        ? { SecurityGroupIds: [`sg-${rng.hex(17)}`], Subnets: [`subnet-${rng.hex(17)}`] }
        : undefined,
      StoppingCondition: { MaxRuntimeInSeconds: 86400 },
      CreationTime: created,
      TrainingStartTime: created + 120,
      TrainingEndTime: created + 7200,
      LastModifiedTime: created + 7300,
      EnableNetworkIsolation: isolated,
      EnableInterContainerTrafficEncryption: ice,
      EnableManagedSpotTraining: false,
    });
    truth.asset(jobArn, 'training-job', 'AWS::SageMaker::TrainingJob', acct, r, jobName);
    truth.edge('reads-from', jobArn, tArn);
    truth.edge('writes-to', jobArn, aArn);
    truth.edge('runs-as', jobArn, role.Arn);
    if (keyArn) this.b.encryptedBy(jobArn, r);
    else truth.risk(jobArn, 'no-cmk-encryption', 'Training volume and output not encrypted with a CMK');
    if (!isolated) truth.risk(jobArn, 'training-no-network-isolation', 'EnableNetworkIsolation is false');
    if (!ice)
      truth.risk(
        jobArn,
        'training-no-inter-container-encryption',
        'EnableInterContainerTrafficEncryption is false',
      );
    this.clean(jobArn);

    // model: trained artifact, a pickle, or a Hugging Face model pulled at start-up
    const variant = level === 'hardened' ? 'trained' : rng.pick(['trained', 'pickle', 'hf'] as const);
    const modelName = `model-${name}`;
    const modelArn = `arn:aws:sagemaker:${r}:${acct}:model/${modelName}`;
    const container: Record<string, unknown> = { Mode: 'SingleModel' };
    let modelIsolated = variant !== 'hf' && (level === 'hardened' || rng.chance(0.6));
    if (variant === 'trained') {
      container.Image = `763104351884.dkr.ecr.${r}.amazonaws.com/pytorch-inference:2.1.0-gpu-py310`;
      container.ModelDataUrl = artifactUri;
    } else if (variant === 'pickle') {
      container.Image = `763104351884.dkr.ecr.${r}.amazonaws.com/sklearn-inference:1.2-1`;
      container.ModelDataUrl = `s3://${artifacts.Name}/models/${modelName}/model.pkl`;
    } else {
      const pinned = rng.chance(0.3);
      container.Image = `763104351884.dkr.ecr.${r}.amazonaws.com/huggingface-pytorch-tgi-inference:2.1.1-tgi1.4.0-gpu-py310`;
      container.Environment = {
        HF_MODEL_ID: rng.pick([
          'meta-llama/Meta-Llama-3-8B-Instruct',
          'mistralai/Mistral-7B-Instruct-v0.2',
          'tiiuae/falcon-7b-instruct',
        ]),
        ...(pinned ? { HF_MODEL_REVISION: rng.hex(40) } : {}),
        SM_NUM_GPUS: '1',
      };
      modelIsolated = false;
      if (!pinned)
        truth.risk(
          modelArn,
          'model-unpinned-public-source',
          'HF_MODEL_ID without HF_MODEL_REVISION: pulls whatever the hub serves',
        );
    }
    sm.models.push({
      ModelName: modelName,
      ModelArn: modelArn,
      PrimaryContainer: container,
      ExecutionRoleArn: role.Arn,
      CreationTime: created + 8000,
      EnableNetworkIsolation: modelIsolated,
      VpcConfig: modelIsolated
        ? { SecurityGroupIds: [`sg-${rng.hex(17)}`], Subnets: [`subnet-${rng.hex(17)}`] }
        : undefined,
    });
    truth.asset(modelArn, 'model', 'AWS::SageMaker::Model', acct, r, modelName);
    truth.edge('runs-as', modelArn, role.Arn);
    if (container.ModelDataUrl) truth.edge('reads-from', modelArn, aArn);
    if (variant === 'trained') truth.edge('produced-by', modelArn, jobArn);
    if (variant === 'pickle')
      truth.risk(modelArn, 'model-pickle-artifact', 'ModelDataUrl points at a .pkl pickle file');
    if (!modelIsolated)
      truth.risk(modelArn, 'training-no-network-isolation', 'Model container runs without network isolation');
    this.clean(modelArn);

    // endpoint config + endpoint
    const epName = `ep-${name}`;
    const epArn = `arn:aws:sagemaker:${r}:${acct}:endpoint/${epName}`;
    const epKms = level === 'hardened' || rng.chance(0.4);
    const capture = level === 'hardened' || rng.chance(0.3);
    const epKey = epKms ? this.b.key(r).Arn : undefined;
    const dataCapture = capture
      ? {
          EnableCapture: true,
          InitialSamplingPercentage: 20,
          DestinationS3Uri: `s3://${artifacts.Name}/capture/`,
          KmsKeyId: epKey,
          CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
        }
      : undefined;
    sm.endpointConfigs.push({
      EndpointConfigName: epName,
      EndpointConfigArn: `arn:aws:sagemaker:${r}:${acct}:endpoint-config/${epName}`,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          ModelName: modelName,
          InitialInstanceCount: 1,
          InstanceType: 'ml.g5.xlarge',
          InitialVariantWeight: 1,
        },
      ],
      DataCaptureConfig: dataCapture,
      KmsKeyId: epKey,
      CreationTime: created + 8100,
    });
    sm.endpoints.push({
      EndpointName: epName,
      EndpointArn: epArn,
      EndpointConfigName: epName,
      ProductionVariants: [
        {
          VariantName: 'AllTraffic',
          CurrentWeight: 1,
          DesiredWeight: 1,
          CurrentInstanceCount: 1,
          DesiredInstanceCount: 1,
        },
      ],
      DataCaptureConfig: capture
        ? {
            EnableCapture: true,
            CaptureStatus: 'Started',
            CurrentSamplingPercentage: 20,
            DestinationS3Uri: `s3://${artifacts.Name}/capture/`,
          }
        : undefined,
      EndpointStatus: 'InService',
      CreationTime: created + 8200,
      LastModifiedTime: created + 9000,
    });
    truth.asset(epArn, 'inference-endpoint', 'AWS::SageMaker::Endpoint', acct, r, epName);
    truth.edge('serves', epArn, modelArn);
    if (epKey) this.b.encryptedBy(epArn, r);
    else truth.risk(epArn, 'no-cmk-encryption', 'Endpoint config has no KmsKeyId');
    if (!capture) truth.risk(epArn, 'data-capture-disabled', 'Endpoint data capture is off');
    this.clean(epArn);

    // registry
    if (level !== 'sloppy' || rng.chance(0.5)) {
      const groupName = `registry-${name}`;
      const groupArn = `arn:aws:sagemaker:${r}:${acct}:model-package-group/${groupName}`;
      sm.modelPackageGroups.push({
        ModelPackageGroupName: groupName,
        ModelPackageGroupArn: groupArn,
        ModelPackageGroupDescription: `Approved ${this.team} models`,
        CreationTime: created + 8500,
        ModelPackageGroupStatus: 'Completed',
        policy: rng.chance(0.5)
          ? doc({
              Sid: 'ShareWithProdAccount',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${acct}:root` },
              Action: ['sagemaker:DescribeModelPackage', 'sagemaker:ListModelPackages'],
              Resource: [groupArn, `arn:aws:sagemaker:${r}:${acct}:model-package/${groupName}/*`],
            })
          : undefined,
      });
      truth.asset(groupArn, 'model-registry', 'AWS::SageMaker::ModelPackageGroup', acct, r, groupName);
    }

    // data-prep notebook whose role can write the training data
    const nb = this.notebook(`prep-${name}`, [
      allow(['s3:GetObject', 's3:PutObject', 's3:ListBucket'], bucketResources(training.Name)),
    ]);
    if (nb.internet && exposure !== 'public-read') {
      this.path(
        [INTERNET_ID, nb.arn, nb.roleArn, tArn],
        nb.arn,
        'Internet-reachable notebook runs as a role that can write the training data (poisoning)',
      );
      truth.edge('can-write', nb.roleArn, tArn);
    }
  }

  /** A notebook instance (+ lifecycle config) with its own role. */
  notebook(name: string, statements: PolicyStatement[]): { arn: string; roleArn: string; internet: boolean } {
    const { rng, r, acct, truth, level } = this;
    const sm = this.state.sagemaker;
    const arn = `arn:aws:sagemaker:${r}:${acct}:notebook-instance/${name}`;
    const role = this.b.role(`NotebookRole-${name}`, serviceTrust('sagemaker.amazonaws.com'), statements, {
      path: '/service-role/',
    });
    const internet = level === 'exposed' || (level === 'sloppy' && rng.chance(0.4));
    const root = level !== 'hardened' && rng.chance(0.7);
    const inVpc = !internet || rng.chance(0.3);
    const kms = level === 'hardened' || rng.chance(0.4);
    const secret = level === 'exposed' && rng.chance(0.6);
    const keyArn = kms ? this.b.key(r).Arn : undefined;
    let lifecycleName: string | undefined;
    if (secret || rng.chance(0.6) || level === 'hardened') {
      lifecycleName = `lc-${name}`;
      const leaked = fakeAwsSecret(rng);
      const script = secret
        ? `#!/bin/bash\nset -e\nexport AWS_ACCESS_KEY_ID=${leaked.keyId}\nexport AWS_SECRET_ACCESS_KEY=${leaked.secret}\npip install -q pandas pyarrow\n`
        : '#!/bin/bash\nset -e\nsudo -u ec2-user -i <<EOF\npip install -q pandas pyarrow\nEOF\n';
      const created = this.time(50, 400);
      sm.lifecycleConfigs.push({
        NotebookInstanceLifecycleConfigArn: `arn:aws:sagemaker:${r}:${acct}:notebook-instance-lifecycle-config/${lifecycleName}`,
        NotebookInstanceLifecycleConfigName: lifecycleName,
        OnCreate: [{ Content: b64('#!/bin/bash\necho created\n') }],
        OnStart: [{ Content: b64(script) }],
        CreationTime: created,
        LastModifiedTime: created,
      });
      if (secret)
        truth.risk(
          arn,
          'secret-in-notebook-startup',
          'Lifecycle OnStart script exports an AWS secret access key',
        );
    }
    const created = this.time(20, 400);
    sm.notebooks.push({
      NotebookInstanceArn: arn,
      NotebookInstanceName: name,
      NotebookInstanceStatus: 'InService',
      Url: `${name}.notebook.${r}.sagemaker.aws`,
      InstanceType: 'ml.t3.medium',
      SubnetId: inVpc ? `subnet-${rng.hex(17)}` : undefined,
      SecurityGroups: inVpc ? [`sg-${rng.hex(17)}`] : undefined,
      RoleArn: role.Arn,
      KmsKeyId: keyArn,
      NetworkInterfaceId: inVpc ? `eni-${rng.hex(17)}` : undefined,
      LastModifiedTime: created + 3600,
      CreationTime: created,
      NotebookInstanceLifecycleConfigName: lifecycleName,
      DirectInternetAccess: internet ? 'Enabled' : 'Disabled',
      VolumeSizeInGB: 20,
      RootAccess: root ? 'Enabled' : 'Disabled',
      PlatformIdentifier: 'notebook-al2-v2',
    });
    truth.asset(arn, 'notebook', 'AWS::SageMaker::NotebookInstance', acct, r, name);
    truth.edge('runs-as', arn, role.Arn);
    if (keyArn) this.b.encryptedBy(arn, r);
    else truth.risk(arn, 'no-cmk-encryption', 'Notebook storage volume not encrypted with a CMK');
    if (internet) {
      truth.risk(arn, 'notebook-direct-internet', 'DirectInternetAccess is Enabled');
      exposeToInternet(truth, arn);
    }
    if (root) truth.risk(arn, 'notebook-root-access', 'RootAccess is Enabled');
    if (!inVpc) truth.risk(arn, 'notebook-no-vpc', 'Notebook has no SubnetId (not in a VPC)');
    this.clean(arn);
    this.clean(role.Arn);
    return { arn, roleArn: role.Arn, internet };
  }

  // (b) Bedrock fine-tune: customization job → custom model → provisioned throughput (+ imported model)
  bedrockFinetune(): void {
    const { rng, r, acct, truth, level } = this;
    const name = `${this.team}-ft-${chars(rng, LOWER_ALNUM, 4)}`;
    const exposure =
      level === 'exposed' ? rng.pick(['broad-write', 'external-read', undefined] as const) : undefined;
    const training = this.b.bucket('finetune-data', r, level, { exposure, sensitive: rng.chance(0.6) });
    const output = this.b.bucket('finetune-output', r, level === 'exposed' ? 'sloppy' : level);
    const tArn = `arn:aws:s3:::${training.Name}`;
    const oArn = `arn:aws:s3:::${output.Name}`;
    const role = this.executionRole(
      `BedrockCustomization-${name}`,
      'bedrock.amazonaws.com',
      [
        allow(['s3:GetObject', 's3:ListBucket'], bucketResources(training.Name)),
        allow(['s3:PutObject', 's3:GetObject', 's3:ListBucket'], bucketResources(output.Name)),
      ],
      'bedrock',
    );
    const base = rng.pick(TUNABLE_MODELS);
    const baseArn = `arn:aws:bedrock:${r}::foundation-model/${base}`;
    const jobId = chars(rng, LOWER_ALNUM, 12);
    const modelId = chars(rng, LOWER_ALNUM, 12);
    const jobArn = `arn:aws:bedrock:${r}:${acct}:model-customization-job/${base}/${jobId}`;
    const modelArn = `arn:aws:bedrock:${r}:${acct}:custom-model/${base}/${modelId}`;
    const kms = level === 'hardened' || rng.chance(0.4);
    const keyArn = kms ? this.b.key(r).Arn : undefined;
    const created = this.time(20, 300);
    const trainingDataConfig = { s3Uri: `s3://${training.Name}/train.jsonl` };
    const validationDataConfig = { validators: [{ s3Uri: `s3://${training.Name}/validation.jsonl` }] };
    const outputDataConfig = { s3Uri: `s3://${output.Name}/customization/${jobId}/` };
    const hyperParameters = { epochCount: '2', batchSize: '1', learningRate: '0.00001' };
    this.state.customizationJobs.push({
      jobArn,
      jobName: `ft-${name}`,
      outputModelName: `cm-${name}`,
      outputModelArn: modelArn,
      clientRequestToken: uuid(rng),
      roleArn: role.Arn,
      status: 'Completed',
      creationTime: iso(created),
      lastModifiedTime: iso(created + 20000),
      endTime: iso(created + 20000),
      baseModelArn: baseArn,
      hyperParameters,
      trainingDataConfig,
      validationDataConfig,
      outputDataConfig,
      customizationType: 'FINE_TUNING',
      outputModelKmsKeyArn: keyArn,
      vpcConfig:
        level === 'hardened'
          ? { subnetIds: [`subnet-${rng.hex(17)}`], securityGroupIds: [`sg-${rng.hex(17)}`] }
          : undefined,
      trainingMetrics: { trainingLoss: 0.42 },
      validationMetrics: [{ validationLoss: 0.51 }],
    });
    truth.asset(jobArn, 'training-job', 'AWS::Bedrock::ModelCustomizationJob', acct, r, `ft-${name}`);
    truth.edge('reads-from', jobArn, tArn);
    truth.edge('writes-to', jobArn, oArn);
    truth.edge('runs-as', jobArn, role.Arn);
    this.clean(jobArn);

    this.state.customModels.push({
      modelArn,
      modelName: `cm-${name}`,
      jobName: `ft-${name}`,
      jobArn,
      baseModelArn: baseArn,
      customizationType: 'FINE_TUNING',
      modelKmsKeyArn: keyArn,
      hyperParameters,
      trainingDataConfig,
      validationDataConfig,
      outputDataConfig,
      trainingMetrics: { trainingLoss: 0.42 },
      validationMetrics: [{ validationLoss: 0.51 }],
      creationTime: iso(created + 20000),
      modelStatus: 'Active',
    });
    truth.asset(modelArn, 'model', 'AWS::Bedrock::CustomModel', acct, r, `cm-${name}`);
    truth.edge('trained-on', modelArn, tArn);
    truth.edge('produced-by', modelArn, jobArn);
    if (keyArn) this.b.encryptedBy(modelArn, r);
    else
      truth.risk(
        modelArn,
        'no-cmk-encryption',
        'Custom model weights encrypted with an AWS-owned key, not a CMK',
      );
    this.clean(modelArn);

    if (rng.chance(0.6)) {
      const ptId = chars(rng, LOWER_ALNUM, 12);
      const ptArn = `arn:aws:bedrock:${r}:${acct}:provisioned-model/${ptId}`;
      this.state.provisionedThroughputs.push({
        provisionedModelName: `pt-${name}`,
        provisionedModelArn: ptArn,
        modelArn,
        desiredModelArn: modelArn,
        foundationModelArn: baseArn,
        modelUnits: 1,
        desiredModelUnits: 1,
        status: 'InService',
        commitmentDuration: 'OneMonth',
        commitmentExpirationTime: iso(EPOCH + 20 * 86400),
        creationTime: iso(created + 30000),
        lastModifiedTime: iso(created + 30000),
      });
      truth.asset(
        ptArn,
        'provisioned-throughput',
        'AWS::Bedrock::ProvisionedModelThroughput',
        acct,
        r,
        `pt-${name}`,
      );
      truth.edge('serves', ptArn, modelArn);
      this.clean(ptArn);
    }

    if (level === 'sloppy' || rng.chance(0.35)) {
      const importedArn = `arn:aws:bedrock:${r}:${acct}:imported-model/${chars(rng, LOWER_ALNUM, 12)}`;
      const imported = `im-${name}`;
      this.state.importedModels.push({
        modelArn: importedArn,
        modelName: imported,
        jobName: `import-${name}`,
        jobArn: `arn:aws:bedrock:${r}:${acct}:model-import-job/${chars(rng, LOWER_ALNUM, 12)}`,
        modelDataSource: { s3DataSource: { s3Uri: `s3://${output.Name}/imports/${imported}/` } },
        creationTime: iso(created + 40000),
        modelArchitecture: 'llama3',
        instructSupported: true,
      });
      truth.asset(importedArn, 'model', 'AWS::Bedrock::ImportedModel', acct, r, imported);
      truth.edge('reads-from', importedArn, oArn);
      truth.risk(importedArn, 'no-cmk-encryption', 'Imported model has no modelKmsKeyArn');
    }

    // A vendor who evaluates the fine-tune may assume a role that reads its training data.
    if (level === 'exposed' && !exposure) this.vendorRole(name, training.Name);
  }

  /**
   * A cross-account role for a vendor: sound with an ExternalId, a risk without, critical with `*`.
   * When it can read a knowledge-base / training bucket that is itself private, plants the attack path.
   */
  vendorRole(name: string, readableBucket: string): void {
    const { rng, truth, level } = this;
    const foreign = rng.pick(this.b.ctx.foreignAccounts);
    const mode = level === 'exposed' ? rng.pick(['no-external-id', 'wildcard'] as const) : 'external-id';
    const principal = mode === 'wildcard' ? '*' : `arn:aws:iam::${foreign}:root`;
    const trust = doc({
      Effect: 'Allow',
      Principal: { AWS: principal },
      Action: 'sts:AssumeRole',
      ...(mode === 'external-id'
        ? { Condition: { StringEquals: { 'sts:ExternalId': `aispm-${rng.hex(16)}` } } }
        : {}),
    });
    const bArn = `arn:aws:s3:::${readableBucket}`;
    const role = this.b.role(`VendorAccess-${name}`, trust, [
      allow(['s3:GetObject', 's3:ListBucket'], bucketResources(readableBucket)),
    ]);
    if (mode === 'external-id') return;
    const ext = externalPrincipalId('aws', mode === 'wildcard' ? '*' : foreign);
    truth.asset(
      ext,
      'external-principal',
      'aispm::ExternalPrincipal',
      'global',
      'global',
      mode === 'wildcard' ? '*' : foreign,
    );
    truth.edge('can-assume', ext, role.Arn);
    truth.edge('can-read', role.Arn, bArn);
    if (mode === 'wildcard')
      truth.risk(role.Arn, 'role-wildcard-trust', 'Trust policy allows Principal AWS "*" to assume the role');
    else
      truth.risk(
        role.Arn,
        'role-cross-account-trust',
        `Trust policy allows account ${foreign} without an sts:ExternalId condition`,
      );
    this.path(
      [ext, role.Arn, bArn],
      role.Arn,
      'Principal outside the organisation assumes a role that reads AI data',
    );
  }

  // (c) agent + action groups (Lambda tools) + knowledge base (S3 + OSS) + guardrail
  agentRag(): void {
    const { rng, r, acct, truth, level } = this;
    const name = `${this.team}-assist-${chars(rng, LOWER_ALNUM, 4)}`;
    const kbExposure = level === 'exposed' && rng.chance(0.3) ? ('external-read' as const) : undefined;
    const kbBucket = this.b.bucket('kb-docs', r, level, { exposure: kbExposure, sensitive: rng.chance(0.5) });
    const kbBucketArn = `arn:aws:s3:::${kbBucket.Name}`;

    // OSS collection with its three policies
    const collId = chars(rng, LOWER_ALNUM, 20);
    const collName = `kb-${name}`.slice(0, 32);
    const collArn = `arn:aws:aoss:${r}:${acct}:collection/${collId}`;
    const publicNet = level === 'exposed' || (level === 'sloppy' && rng.chance(0.4));
    const ossCmk = level === 'hardened' || rng.chance(0.4);
    const broadData = level === 'exposed' && rng.chance(0.6);
    const ossKey = ossCmk ? this.b.key(r).Arn : undefined;
    const created = this.time(20, 300) * 1000;
    const oss = this.state.oss;
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
    this.clean(collArn);

    // knowledge base
    const kbRole = this.executionRole(`BedrockKB-${name}`, 'bedrock.amazonaws.com', [
      allow(['s3:GetObject', 's3:ListBucket'], bucketResources(kbBucket.Name)),
      allow(['aoss:APIAccessAll'], collArn),
      allow(['bedrock:InvokeModel'], `arn:aws:bedrock:${r}::foundation-model/*`),
    ]);
    const dataPrincipals = [
      kbRole.Arn,
      ...(broadData
        ? [`arn:aws:iam::${rng.pick(this.b.ctx.foreignAccounts)}:root`, `arn:aws:iam::${acct}:root`]
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
    const kbCreated = iso(this.time(20, 300));
    const dsId = chars(rng, UPPER_ALNUM, 10);
    this.state.knowledgeBases.push({
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

    // guardrail
    const hasGuardrail = level !== 'exposed' || rng.chance(0.4);
    let guardrailId: string | undefined;
    if (hasGuardrail) {
      guardrailId = chars(rng, LOWER_ALNUM, 12);
      const gArn = `arn:aws:bedrock:${r}:${acct}:guardrail/${guardrailId}`;
      const strength =
        level === 'hardened' ? 'HIGH' : rng.pick(['HIGH', 'MEDIUM', 'LOW', 'NONE', 'ABSENT'] as const);
      const gKms = level === 'hardened' || rng.chance(0.4);
      const gKey = gKms ? this.b.key(r).Arn : undefined;
      const filters = ['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT'].map((type) => ({
        type,
        inputStrength: 'HIGH',
        outputStrength: 'HIGH',
      }));
      if (strength !== 'ABSENT')
        filters.push({ type: 'PROMPT_ATTACK', inputStrength: strength, outputStrength: 'NONE' });
      const gCreated = iso(this.time(20, 300));
      this.state.guardrails.push({
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
      if (gKey) this.b.encryptedBy(gArn, r);
      else truth.risk(gArn, 'no-cmk-encryption', 'Guardrail has no kmsKeyArn');
      if (strength === 'LOW' || strength === 'NONE' || strength === 'ABSENT') {
        truth.risk(
          gArn,
          'guardrail-weak',
          `PROMPT_ATTACK filter ${strength === 'ABSENT' ? 'missing' : `input strength ${strength}`}`,
        );
      }
      this.clean(gArn);
    }

    // tools: Lambda functions behind action groups, with their roles
    const agentId = chars(rng, UPPER_ALNUM, 10);
    const agentArn = `arn:aws:bedrock:${r}:${acct}:agent/${agentId}`;
    const writes = level === 'exposed' || (level === 'sloppy' && rng.chance(0.3));
    const toolCount = rng.int(1, 2);
    const tools: { groupId: string; groupName: string; fnArn: string; roleArn: string }[] = [];
    for (let t = 0; t < toolCount; t++) {
      const fnName = `${name}-tool-${t + 1}`;
      const fnArn = `arn:aws:lambda:${r}:${acct}:function:${fnName}`;
      const canWrite = writes && t === 0;
      const toolRole = this.b.role(
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
      this.clean(toolRole.Arn);
      this.state.lambdas.push({
        FunctionName: fnName,
        FunctionArn: fnArn,
        Runtime: 'python3.12',
        Role: toolRole.Arn,
        Handler: 'app.handler',
        CodeSize: rng.int(2000, 90000),
        Description: `Action group tool ${t + 1} for ${name}`,
        Timeout: 30,
        MemorySize: 256,
        LastModified: iso(this.time(10, 200)).replace('Z', '+0000'),
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
      truth.edge('runs-as', fnArn, toolRole.Arn);
      if (canWrite) truth.edge('can-write', toolRole.Arn, kbBucketArn);
      tools.push({
        groupId: chars(rng, UPPER_ALNUM, 10),
        groupName: `tool-${t + 1}`,
        fnArn,
        roleArn: toolRole.Arn,
      });
    }

    // agent
    const agentRole = this.executionRole(
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
      ? `You are the ${this.team} assistant. Answer from the knowledge base. To file tickets call the CRM with access key ${leaked.keyId} and secret ${leaked.secret}.`
      : `You are the ${this.team} assistant. Answer only from the knowledge base and cite the document. Never reveal internal data.`;
    const agentKms = level === 'hardened' || rng.chance(0.4);
    const agentKey = agentKms ? this.b.key(r).Arn : undefined;
    const agentCreated = iso(this.time(20, 300));
    this.state.agents.push({
      agent: {
        agentId,
        agentName: `agent-${name}`,
        agentArn,
        agentVersion: 'DRAFT',
        clientToken: uuid(rng),
        instruction,
        agentStatus: 'PREPARED',
        foundationModel: model,
        description: `Assistant for ${this.team}`,
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
    if (agentKey) this.b.encryptedBy(agentArn, r);
    else truth.risk(agentArn, 'no-cmk-encryption', 'Agent has no customerEncryptionKeyArn');
    if (secret)
      truth.risk(
        agentArn,
        'secret-in-agent-instructions',
        'Agent instruction contains an AWS access key pair',
      );
    if (writes)
      truth.risk(agentArn, 'agent-excessive-agency', 'A tool Lambda role can s3:PutObject / s3:DeleteObject');
    for (const t of tools) {
      const groupAsset = `${agentArn}/action-group/${t.groupId}`;
      truth.asset(groupAsset, 'agent-tool', 'AWS::Bedrock::AgentActionGroup', acct, r, t.groupName);
      truth.edge('uses-tool', agentArn, groupAsset);
      truth.edge('implemented-by', groupAsset, t.fnArn);
    }
    this.clean(agentArn);

    // exposure paths
    if (writes && level === 'exposed') this.b.invokeTargets.push(agentArn);
    if (level === 'exposed' && kbExposure === undefined) this.vendorRole(name, kbBucket.Name);
  }

  // (d) SageMaker domain + research notebooks
  notebooksDomain(): void {
    const { rng, r, acct, truth, level } = this;
    const name = `${this.team}-lab-${chars(rng, LOWER_ALNUM, 4)}`;
    const domainId = `d-${chars(rng, LOWER_ALNUM, 12)}`;
    const domainArn = `arn:aws:sagemaker:${r}:${acct}:domain/${domainId}`;
    const role = this.executionRole(
      `SageMakerStudio-${name}`,
      'sagemaker.amazonaws.com',
      [
        allow(
          ['sagemaker:CreatePresignedDomainUrl', 'sagemaker:DescribeDomain'],
          [domainArn, `arn:aws:sagemaker:${r}:${acct}:user-profile/${domainId}/*`],
        ),
      ],
      'sagemaker',
    );
    const publicInternet = level !== 'hardened' && rng.chance(0.6);
    const kms = level === 'hardened' || rng.chance(0.4);
    const keyArn = kms ? this.b.key(r).Arn : undefined;
    const created = this.time(50, 500);
    this.state.sagemaker.domains.push({
      DomainArn: domainArn,
      DomainId: domainId,
      DomainName: `studio-${name}`,
      HomeEfsFileSystemId: `fs-${rng.hex(17)}`,
      Status: 'InService',
      CreationTime: created,
      LastModifiedTime: created + 3600,
      AuthMode: 'IAM',
      DefaultUserSettings: { ExecutionRole: role.Arn },
      AppNetworkAccessType: publicInternet ? 'PublicInternetOnly' : 'VpcOnly',
      KmsKeyId: keyArn,
      SubnetIds: [`subnet-${rng.hex(17)}`],
      Url: `https://${domainId}.studio.${r}.sagemaker.aws`,
      VpcId: `vpc-${rng.hex(17)}`,
    });
    truth.asset(domainArn, 'ml-workspace', 'AWS::SageMaker::Domain', acct, r, `studio-${name}`);
    truth.edge('runs-as', domainArn, role.Arn);
    if (keyArn) this.b.encryptedBy(domainArn, r);
    else truth.risk(domainArn, 'no-cmk-encryption', 'Domain EFS volume not encrypted with a CMK');
    if (publicInternet) {
      exposeToInternet(truth, domainArn);
      truth.risk(
        domainArn,
        'notebook-direct-internet',
        'Studio domain AppNetworkAccessType is PublicInternetOnly',
      );
    }
    this.clean(domainArn);
    const count = rng.int(1, 2);
    for (let n = 0; n < count; n++) {
      const nbName = `${name}-nb${n + 1}`;
      this.notebook(nbName, [
        allow(
          ['sagemaker:DescribeNotebookInstance'],
          `arn:aws:sagemaker:${r}:${acct}:notebook-instance/${nbName}`,
        ),
      ]);
    }
  }
}
