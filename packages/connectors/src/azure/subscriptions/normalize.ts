import type { GraphBatch } from '@aispm/core';
import type { Subscription } from '@azure/arm-resources-subscriptions';
import type { AccountTarget } from '../../types.ts';
import { azureAsset, subscriptionAssetId } from '../arm.ts';

/** Subscriptions → scan accounts and account assets. Disabled / deleted subscriptions cannot be read. */
export function normalizeSubscriptions(
  subscriptions: readonly Subscription[],
  only?: readonly string[],
): { accounts: AccountTarget[]; batch: GraphBatch } {
  const batch: GraphBatch = { assets: [], edges: [] };
  const accounts: AccountTarget[] = [];
  const wanted = only ? new Set(only.map((s) => s.toLowerCase())) : undefined;
  for (const s of subscriptions) {
    const subscriptionId = s.subscriptionId;
    if (!subscriptionId) continue;
    if (wanted && !wanted.has(subscriptionId.toLowerCase())) continue;
    if (s.state && !['Enabled', 'PastDue', 'Warned'].includes(s.state)) continue;
    const name = s.displayName ?? subscriptionId;
    accounts.push({
      provider: 'azure',
      accountId: subscriptionId,
      name,
      orgPath: s.tenantId ? [s.tenantId] : [],
      connection: { tenantId: s.tenantId },
    });
    batch.assets.push(
      azureAsset({
        id: subscriptionAssetId(subscriptionId),
        kind: 'account',
        accountId: subscriptionId,
        region: 'global',
        name,
        nativeType: 'Microsoft.Resources/subscriptions',
        properties: {
          tenantId: s.tenantId,
          state: s.state,
          authorizationSource: s.authorizationSource,
          subscriptionPolicies: s.subscriptionPolicies,
        },
        tags: s.tags,
      }),
    );
  }
  return { accounts, batch };
}
