import type { GraphBatch } from '@aispm/core';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AccountTarget } from '../../types.ts';
import { type AwsClientFactory, GLOBAL_REGION } from '../clients.ts';
import { fetchOrganization } from './fetch.ts';
import { normalizeOrganization } from './normalize.ts';

export const ORGANIZATIONS_OPERATIONS = [
  'ListAccounts',
  'ListRoots',
  'ListOrganizationalUnitsForParent',
  'ListParents',
  'ListPolicies',
  'DescribePolicy',
  'ListTargetsForPolicy',
] as const;

/**
 * Accounts in scope: the organization's active accounts (management account learnt from the account ARNs), or
 * when Organizations is not in use, the single account the credentials belong to.
 */
export async function discoverAwsAccounts(
  factory: AwsClientFactory,
  options: { signal: AbortSignal; only?: string[] },
): Promise<{ accounts: AccountTarget[]; batch: GraphBatch }> {
  const clients = factory.forTask(factory.managementAccountId ?? 'management', GLOBAL_REGION, () => {});
  try {
    let org: Awaited<ReturnType<typeof fetchOrganization>>;
    try {
      org = await fetchOrganization(clients, options.signal);
    } catch (error) {
      if ((error as { name?: string }).name !== 'AWSOrganizationsNotInUseException') throw error;
      const sts = clients.get(STSClient);
      const me = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: options.signal });
      if (!me.Account) throw new Error('GetCallerIdentity returned no account');
      factory.managementAccountId ??= me.Account;
      const only = options.only;
      const accounts: AccountTarget[] =
        only && !only.includes(me.Account)
          ? []
          : [
              {
                provider: 'aws',
                accountId: me.Account,
                name: me.Account,
                orgPath: [],
                connection: { regions: factory.options.regions },
              },
            ];
      return { accounts, batch: { assets: [], edges: [] } };
    }
    const { accounts, assets } = normalizeOrganization(org);
    const managementAccountId = accounts.find((a) => a.managementAccountId)?.managementAccountId;
    if (managementAccountId) factory.managementAccountId ??= managementAccountId;
    const selected = accounts.filter(
      (a) => a.status !== 'SUSPENDED' && (!options.only || options.only.includes(a.accountId)),
    );
    return {
      accounts: selected.map((a) => ({
        provider: 'aws',
        accountId: a.accountId,
        name: a.name,
        orgPath: a.orgPath,
        connection: {
          regions: factory.options.regions,
          roleArn: a.accountId === factory.managementAccountId ? undefined : factory.roleArnFor(a.accountId),
          managementAccount: a.accountId === factory.managementAccountId,
        },
      })),
      batch: { assets, edges: [] },
    };
  } finally {
    clients.close();
  }
}
