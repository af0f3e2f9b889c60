import type { Subscription } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/identity';
import { collectArm } from '../arm.ts';

export async function fetchSubscriptions(
  credential: TokenCredential,
  clientOptions: Record<string, unknown>,
  signal: AbortSignal,
): Promise<Subscription[]> {
  const { SubscriptionClient } = await import('@azure/arm-resources-subscriptions');
  const client = new SubscriptionClient(credential, clientOptions);
  return collectArm(client.subscriptions.list({ abortSignal: signal }));
}
