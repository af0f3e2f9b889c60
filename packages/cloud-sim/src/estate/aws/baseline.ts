import type { Rng } from '@aispm/core';
import type { IamUser } from '../../aws/model.ts';
import type { AccountBuilder } from './account.ts';
import { AWS_SCAN_ROLE, allow, chars, doc, EPOCH, UPPER_ALNUM } from './common.ts';

/** The scanner's read-only role, trusting the account the scanner runs in. */
export function scannerRole(b: AccountBuilder, scannerAccountId: string): void {
  b.role(
    AWS_SCAN_ROLE,
    doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${scannerAccountId}:root` },
      Action: 'sts:AssumeRole',
    }),
    [],
    {
      managed: [
        { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        { name: 'SecurityAudit', arn: 'arn:aws:iam::aws:policy/SecurityAudit' },
      ],
    },
  );
}

/**
 * Roles every member account has: the scanner's read-only role (trusting the account the scanner runs in,
 * unless the scenario leaves it out) and the org's admin access role.
 */
export function memberBaseline(
  b: AccountBuilder,
  managementAccountId: string,
  scanner: { accountId: string; role: boolean } = { accountId: managementAccountId, role: true },
): void {
  const mgmtRoot = `arn:aws:iam::${managementAccountId}:root`;
  if (scanner.role) scannerRole(b, scanner.accountId);
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
export function people(b: AccountBuilder, rng: Rng): void {
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

  const users: IamUser[] = [];
  const names = ['data-pipeline-bot', `ml-dev-${chars(rng, 'abcdefghijklmnopqrstuvwxyz', 5)}`];
  for (const userName of names) {
    const { user } = b.userWithKey(rng, userName, { groups: [groupName] });
    users.push(user);
    truth.edge('member-of', user.Arn, group.Arn);
  }
  const developer = users[1];
  if (developer) bedrockApiKey(b, developer);
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
    b.userPolicyRisk(bot);
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

/** The Bedrock model-invocation logging configuration of one region (off in every third member region). */
export function invocationLogging(b: AccountBuilder, r: string, accountIndex: number): void {
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

/**
 * Bedrock's enforced guardrails in one region: every third member account is held to the organisation's baseline
 * guardrail (owner ORGANIZATION, all models, the management account's guardrail); the rest enforce none. The
 * configuration is an asset in every account and region (the API answers everywhere), so "none" is a finding.
 */
export function enforcedGuardrails(
  b: AccountBuilder,
  r: string,
  accountIndex: number,
  managementId: string,
): void {
  const id = `arn:aws:bedrock:${r}:${b.id}:enforced-guardrails`;
  b.truth.asset(
    id,
    'guardrail',
    'AWS::Bedrock::EnforcedGuardrailConfiguration',
    b.id,
    r,
    'enforced-guardrails',
  );
  if (accountIndex === 0 || accountIndex % 3 !== 0) {
    b.truth.risk(id, 'guardrail-not-enforced', `No guardrail is enforced on Bedrock invocations in ${r}`);
    return;
  }
  const guardrailId = 'orgbaseline01';
  b.region(r).enforcedGuardrails.push({
    configId: `org-${r}-baseline`,
    guardrailArn: `arn:aws:bedrock:${r}:${managementId}:guardrail/${guardrailId}`,
    guardrailId,
    guardrailVersion: '1',
    inputTags: 'HONOR',
    selectiveContentGuarding: { system: 'SELECTIVE', messages: 'COMPREHENSIVE' },
    createdAt: '2025-09-01T09:00:00Z',
    createdBy: `arn:aws:iam::${managementId}:role/OrganizationAdmin`,
    updatedAt: '2025-09-01T09:00:00Z',
    updatedBy: `arn:aws:iam::${managementId}:role/OrganizationAdmin`,
    owner: 'ORGANIZATION',
  });
  b.truth.markClean(id);
}

const DAY = 86_400;

/**
 * A Bedrock API key of the developer (an IAM service-specific credential for bedrock.amazonaws.com): one that never
 * expires where the account id ends in an even digit (a planted ai-api-key-long-term risk), a 7-day exploration key
 * elsewhere. Derived from the user, not drawn from the estate's random stream, so no other id moves.
 */
function bedrockApiKey(b: AccountBuilder, user: IamUser): void {
  const longTerm = Number(b.id.at(-1)) % 2 === 0;
  const created = user.CreateDate + 30 * DAY;
  const credential = {
    ServiceSpecificCredentialId: `ACCA${user.UserId.slice(4)}`,
    ServiceName: 'bedrock.amazonaws.com',
    ServiceUserName: `${user.UserName}-at-${b.id}`,
    Status: 'Active' as const,
    CreateDate: created,
    ...(longTerm ? {} : { ExpirationDate: created + 7 * DAY }),
  };
  user.serviceCredentials = [...(user.serviceCredentials ?? []), credential];
  const id = `${user.Arn}/service-credential/${credential.ServiceSpecificCredentialId}`;
  b.truth.asset(
    id,
    'access-key',
    'AWS::IAM::ServiceSpecificCredential',
    b.id,
    'global',
    credential.ServiceSpecificCredentialId,
  );
  b.truth.edge('has-key', user.Arn, id);
  if (longTerm) b.truth.risk(id, 'ai-api-key-long-term', 'Bedrock API key that never expires');
}
