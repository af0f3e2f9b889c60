import { type Subscription, SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/identity';
import { collectArm } from '../arm.ts';

export async function fetchSubscriptions(
  credential: TokenCredential,
  clientOptions: Record<string, unknown>,
  signal: AbortSignal,
): Promise<Subscription[]> {
  const client = new SubscriptionClient(credential, clientOptions);
  return collectArm(client.subscriptions.list({ abortSignal: signal }));
}
