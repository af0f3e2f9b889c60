import { externalPrincipalId, type Rng } from '@aispm/core';
import type { AwsRegionState, IamRole, PolicyStatement } from '../../aws/model.ts';
import type { TruthBuilder } from '../manifest.ts';
import type { AccountBuilder } from './account.ts';
import {
  allow,
  b64,
  bucketResources,
  doc,
  EPOCH,
  exposeToInternet,
  fakeAwsSecret,
  type Level,
  serviceTrust,
  type Template,
} from './common.ts';
import { agentRag } from './templates/agent-rag.ts';
import { bedrockFinetune } from './templates/bedrock-finetune.ts';
import { notebooksDomain } from './templates/notebooks-domain.ts';
import { sagemakerPipeline } from './templates/sagemaker-pipeline.ts';

/**
 * One AI workload of an account, built from a template (templates/) at a security level. The builder holds
 * what the templates share: the workload's RNG, region, team, and the roles / notebooks / vendor access
 * several templates create.
 */
export class WorkloadBuilder {
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
        sagemakerPipeline(this);
        return;
      case 'bedrock-finetune':
        bedrockFinetune(this);
        return;
      case 'agent-rag':
        agentRag(this);
        return;
      case 'notebooks-domain':
        notebooksDomain(this);
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
}
