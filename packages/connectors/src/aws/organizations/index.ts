import type { GraphBatch } from '@aispm/core';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CallPacer } from '../../shared/pacing.ts';
import { FAN_OUT, mapLimit } from '../../shared/paging.ts';
import { isPermanentAwsError } from '../../shared/retry.ts';
import type { AccountTarget, DiscoveryGap } from '../../types.ts';
import { type AccountConnection, type AwsClientFactory, GLOBAL_REGION } from '../clients.ts';
import { fetchOrganization } from './fetch.ts';
import { normalizeOrganization } from './normalize.ts';

type Discovered = { accounts: AccountTarget[]; batch: GraphBatch; gaps: DiscoveryGap[] };

function errorName(error: unknown): string {
  return (error as { name?: string }).name ?? 'Error';
}

function errorReason(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? ''}`;
}

/**
 * Accounts in scope. The caller is asked who it is first (sts:GetCallerIdentity): its own account is scanned with
 * the base credentials, every other account through the scanner role, whether the caller is the management
 * account, a delegated administrator (a member that may read the organisation) or a standalone account. An account
 * whose role cannot be assumed is a gap, not a failure; a caller that may not read the organisation scans itself.
 */
export async function discoverAwsAccounts(
  factory: AwsClientFactory,
  options: { signal: AbortSignal; only?: string[]; pacer?: CallPacer | undefined },
): Promise<Discovered> {
  // Discovery's clients carry its abort signal on every request, as a task's do.
  const whoAmI = factory.forTask(
    'caller',
    GLOBAL_REGION,
    () => {},
    { callerAccount: true },
    undefined,
    options.signal,
  );
  const me = await whoAmI
    .get(STSClient)
    .send(new GetCallerIdentityCommand({}))
    .finally(() => whoAmI.close());
  if (!me.Account) throw new Error('GetCallerIdentity returned no account');
  const callerAccountId = me.Account;
  factory.callerAccountId = callerAccountId;
  // The organisation's reads spend the caller account's budget, like its own tasks' do.
  const clients = factory.forTask(
    callerAccountId,
    GLOBAL_REGION,
    () => {},
    { callerAccount: true },
    options.pacer,
    options.signal,
  );
  try {
    const inScope = (id: string) => !options.only || options.only.includes(id);
    const callerOnly = (gaps: DiscoveryGap[]): Discovered => ({
      accounts: inScope(callerAccountId)
        ? [
            {
              provider: 'aws',
              accountId: callerAccountId,
              name: callerAccountId,
              orgPath: [],
              connection: connectionOf(factory, callerAccountId, callerAccountId, undefined),
            },
          ]
        : [],
      batch: { assets: [], edges: [] },
      gaps,
    });

    let org: Awaited<ReturnType<typeof fetchOrganization>>;
    try {
      org = await fetchOrganization(clients);
    } catch (error) {
      if (errorName(error) === 'AWSOrganizationsNotInUseException') return callerOnly([]);
      // A member account that is not a delegated administrator: scan it, and say the rest was not covered.
      if (errorName(error) !== 'AccessDeniedException') throw error;
      const only = callerOnly([]);
      only.gaps = only.accounts.map((account) => ({
        account,
        operation: 'organization',
        reason: `${errorReason(error)} (organizations:ListAccounts): only the caller's account ${callerAccountId} is scanned; run from the management account or a delegated administrator to scan the organisation`,
      }));
      return only;
    }
    const { accounts, assets } = normalizeOrganization(org);
    const managementAccountId = accounts.find((a) => a.managementAccountId)?.managementAccountId;
    const targets: AccountTarget[] = accounts
      .filter((a) => a.status !== 'SUSPENDED' && inScope(a.accountId))
      .map((a) => ({
        provider: 'aws',
        accountId: a.accountId,
        name: a.name,
        orgPath: a.orgPath,
        connection: connectionOf(factory, a.accountId, callerAccountId, managementAccountId),
      }));
    const gaps = await unreachableAccounts(factory, targets, options.signal, options.pacer);
    const unreachable = new Set(gaps.map((g) => g.account.accountId));
    return {
      accounts: targets.filter((t) => !unreachable.has(t.accountId)),
      batch: { assets, edges: [] },
      gaps,
    };
  } finally {
    clients.close();
  }
}

function connectionOf(
  factory: AwsClientFactory,
  accountId: string,
  callerAccountId: string,
  managementAccountId: string | undefined,
): Record<string, unknown> {
  const caller = accountId === callerAccountId;
  const connection: AccountConnection = {
    regions: factory.options.regions,
    callerAccount: caller,
    managementAccount: accountId === managementAccountId,
  };
  if (!caller) connection.roleArn = factory.roleArnFor(accountId);
  return { ...connection };
}

/**
 * Assumes each account's scanner role once (the session is cached for its tasks): an account whose role is
 * missing or does not trust the caller answers AccessDenied, which no retry changes, so it becomes a gap.
 * Throttling and server errors propagate, so discovery is retried.
 */
async function unreachableAccounts(
  factory: AwsClientFactory,
  targets: AccountTarget[],
  signal: AbortSignal,
  pacer: CallPacer | undefined,
): Promise<DiscoveryGap[]> {
  const found = await mapLimit(targets, FAN_OUT, async (account): Promise<DiscoveryGap | undefined> => {
    signal.throwIfAborted();
    const connection = account.connection as AccountConnection;
    if (connection.callerAccount) return undefined;
    const credentials = factory.credentialsFor(account.accountId, connection, pacer);
    if (typeof credentials !== 'function') return undefined;
    try {
      await credentials();
      return undefined;
    } catch (error) {
      if (!isPermanentAwsError(error)) throw error;
      return {
        account,
        operation: 'assume-role',
        reason: `${errorReason(error)} (sts:AssumeRole on ${connection.roleArn}): the account is not scanned; deploy the scanner role there, trusting account ${factory.callerAccountId}`,
      };
    }
  });
  return found.filter((g): g is DiscoveryGap => g !== undefined);
}
