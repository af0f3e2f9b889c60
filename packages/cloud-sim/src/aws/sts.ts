import { createHash } from 'node:crypto';
import { queryResponse, resolveQueryAction } from './iam.ts';
import type { AwsEstate, IamRole, PolicyStatement } from './model.ts';
import { AwsError, isoTime } from './protocol.ts';
import type { AwsService } from './service.ts';

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Session access key ids encode the account they act in: ASIA + 12-digit account + 4 characters. */
export function sessionAccessKeyId(accountId: string, salt: string): string {
  const tail = createHash('sha256').update(salt).digest('hex').slice(0, 4).toUpperCase();
  return `ASIA${accountId}${tail}`;
}

/** The account an access key id acts in, or undefined when the key is unknown. */
export function accountForAccessKey(estate: AwsEstate, accessKeyId: string): string | undefined {
  if (accessKeyId === estate.accessKeyId) return estate.callerAccountId ?? estate.managementAccountId;
  const m = /^ASIA(\d{12})[0-9A-Z]{4}$/.exec(accessKeyId);
  if (m && estate.accounts.some((a) => a.Id === m[1])) return m[1];
  return undefined;
}

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Whether the role's trust policy lets the calling account assume it (with the given external id). */
function trusts(role: IamRole, callerAccountId: string, externalId: string | null): boolean {
  return role.AssumeRolePolicyDocument.Statement.some((s: PolicyStatement) => {
    if (s.Effect !== 'Allow') return false;
    if (!asList(s.Action).some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*')) return false;
    const principals = s.Principal === '*' ? ['*'] : asList(s.Principal?.AWS);
    const matches = principals.some(
      (p) => p === '*' || p === callerAccountId || p === `arn:aws:iam::${callerAccountId}:root`,
    );
    if (!matches) return false;
    const required = s.Condition?.StringEquals?.['sts:ExternalId'];
    return required === undefined || asList(required).includes(externalId ?? '');
  });
}

export const sts: AwsService = {
  protocol: 'query',
  actionPrefix: 'sts',
  resolve: resolveQueryAction,
  handle(name, c) {
    const caller = c.caller;
    switch (name) {
      case 'GetCallerIdentity': {
        const isBase = caller.accessKeyId === c.estate.accessKeyId;
        return queryResponse(name, STS_NS, {
          UserId: isBase ? 'AIDAAISPMSIMULATOR01' : `AROAAISPM${caller.account.Id}:aispm`,
          Account: caller.account.Id,
          Arn: isBase
            ? `arn:aws:iam::${caller.account.Id}:user/aispm-scanner`
            : `arn:aws:sts::${caller.account.Id}:assumed-role/${c.estate.scanRoleName}/aispm`,
        });
      }
      case 'AssumeRole': {
        const roleArn = c.params.get('RoleArn') ?? '';
        const sessionName = c.params.get('RoleSessionName') ?? '';
        if (!sessionName) throw new AwsError('ValidationError', 400, 'RoleSessionName is required');
        const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
        const account = m ? c.estate.accounts.find((a) => a.Id === m[1]) : undefined;
        const role = account?.iam.roles.find((r) => r.Arn === roleArn || r.RoleName === m?.[2]);
        if (!account || !role || !trusts(role, caller.account.Id, c.params.get('ExternalId'))) {
          throw new AwsError(
            'AccessDenied',
            403,
            `User: arn:aws:iam::${caller.account.Id}:user/aispm-scanner is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
          );
        }
        const duration = Number(c.params.get('DurationSeconds') ?? 3600);
        const accessKeyId = sessionAccessKeyId(account.Id, `${roleArn}|${sessionName}`);
        // Expiry is relative to a fixed clock so responses are reproducible; SDKs only compare it to now
        // for refresh, so it is placed far in the future.
        return queryResponse(name, STS_NS, {
          Credentials: {
            AccessKeyId: accessKeyId,
            SecretAccessKey: `aispm-sim-session-secret-${account.Id}`,
            SessionToken: Buffer.from(`aispm-sim-session|${account.Id}|${sessionName}`).toString('base64'),
            Expiration: isoTime(4102444800 + duration),
          },
          AssumedRoleUser: {
            AssumedRoleId: `${role.RoleId}:${sessionName}`,
            Arn: `arn:aws:sts::${account.Id}:assumed-role/${role.RoleName}/${sessionName}`,
          },
          PackedPolicySize: 0,
        });
      }
      default:
        throw new AwsError('InvalidAction', 400, `Could not find operation ${name} for version 2011-06-15`);
    }
  },
};
