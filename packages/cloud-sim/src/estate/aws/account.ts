import { externalPrincipalId, type Rng } from '@aispm/core';
import {
  type AwsAccount,
  type AwsEstate,
  type AwsRegionState,
  emptyRegion,
  type IamRole,
  type IamUser,
  type KmsKey,
  type PolicyDocument,
  type PolicyStatement,
  type S3Bucket,
} from '../../aws/model.ts';
import type { TruthBuilder } from '../manifest.ts';
import {
  bucketResources,
  chars,
  doc,
  EPOCH,
  exposeToInternet,
  type Level,
  UPPER_ALNUM,
  uuid,
} from './common.ts';

/** What every account of the estate shares while it is generated. */
export interface Ctx {
  estate: AwsEstate;
  truth: TruthBuilder;
  /** Foreign accounts that appear in trust and bucket policies. */
  foreignAccounts: string[];
  pathCount: { n: number };
}

/** Builds one account: its keys, roles, buckets and the truth about them. */
export class AccountBuilder {
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

  /**
   * An IAM user with one active long-lived access key (a planted identity-long-lived-key risk: every such user of
   * the estate has AI permissions). Returns the user, its id and its key's asset id.
   */
  userWithKey(
    rng: Rng,
    userName: string,
    opts: { groups?: string[]; policies?: PolicyStatement[] } = {},
  ): { user: IamUser; arn: string; key: string } {
    const user: IamUser = {
      UserName: userName,
      UserId: `AIDA${chars(rng, UPPER_ALNUM, 17)}`,
      Arn: `arn:aws:iam::${this.id}:user/${userName}`,
      Path: '/',
      CreateDate: EPOCH - rng.int(300, 1500) * 86400,
      GroupList: opts.groups ?? [],
      UserPolicyList: opts.policies?.length
        ? [{ PolicyName: `${userName}-policy`, PolicyDocument: doc(...opts.policies) }]
        : [],
      AttachedManagedPolicies: [],
      Tags: [],
      accessKeys: [],
    };
    this.account.iam.users.push(user);
    this.truth.asset(user.Arn, 'identity', 'AWS::IAM::User', this.id, 'global', userName);
    const keyId = `AKIA${chars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
    user.accessKeys.push({
      AccessKeyId: keyId,
      Status: 'Active',
      CreateDate: EPOCH - rng.int(200, 1200) * 86400,
    });
    const key = `${user.Arn}/access-key/${keyId}`;
    this.truth.asset(key, 'access-key', 'AWS::IAM::AccessKey', this.id, 'global', keyId);
    this.truth.edge('has-key', user.Arn, key);
    this.truth.risk(
      user.Arn,
      'identity-long-lived-key',
      'User with an active long-lived access key and AI permissions',
    );
    if (user.UserPolicyList.length > 0) this.userPolicyRisk(user);
    return { user, arn: user.Arn, key };
  }

  /** A user whose own (inline) policy grants AI actions, rather than a group or a role it assumes. */
  userPolicyRisk(user: IamUser): void {
    this.truth.risk(
      user.Arn,
      'identity-user-direct-policy',
      `User ${user.UserName} is granted AI actions by its own inline policy, not a group or role`,
    );
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
