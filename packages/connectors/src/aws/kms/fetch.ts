import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  type KeyMetadata,
  KMSClient,
} from '@aws-sdk/client-kms';
import { mapLimit } from '../../shared/paging.ts';
import { isNotFoundError } from '../../shared/retry.ts';
import type { AwsFetchEnv } from '../service.ts';

export interface RawKey {
  /** The id other assets reference the key by (a key ARN, or an alias ARN resolved by DescribeKey). */
  referencedAs: string;
  metadata: KeyMetadata;
  rotationEnabled?: boolean;
  rotationPeriodInDays?: number;
  policy?: string;
}

export interface RawKms {
  keys: RawKey[];
  /** Referenced keys DescribeKey could not find (deleted keys still referenced by assets). */
  missing: string[];
}

/** Keys referenced by phase-1 assets; keys referenced only by buckets are described by the s3 task. */
export async function phaseOneKeyReferences(
  env: Pick<AwsFetchEnv, 'graph'>,
  prefix: string,
): Promise<Set<string>> {
  const edges = await env.graph.edges({ kinds: ['encrypted-by'] });
  return new Set(
    edges.filter((e) => e.to.startsWith(prefix) && !e.from.startsWith('arn:aws:s3:::')).map((e) => e.to),
  );
}

export async function fetchKms(env: AwsFetchEnv): Promise<RawKms> {
  const referenced = await phaseOneKeyReferences(env, `arn:aws:kms:${env.region}:${env.accountId}:`);
  const raw = await describeKeys(env.clients.get(KMSClient), [...referenced], env.call);
  if (raw.missing.length)
    env.log('referenced KMS keys not found (deleted or not visible)', { missing: raw.missing });
  return raw;
}

export async function describeKeys(
  client: KMSClient,
  refs: readonly string[],
  call: AwsFetchEnv['call'],
): Promise<RawKms> {
  if (refs.length === 0) return { keys: [], missing: [] };
  const missing: string[] = [];
  const keys = await mapLimit([...new Set(refs)].sort(), 4, async (ref): Promise<RawKey | undefined> => {
    let metadata: KeyMetadata | undefined;
    try {
      metadata = (await client.send(new DescribeKeyCommand({ KeyId: ref }), call)).KeyMetadata;
    } catch (error) {
      if (!isNotFoundError(error, 'NotFoundException')) throw error;
    }
    if (!metadata?.Arn) {
      missing.push(ref);
      return undefined;
    }
    const rotation = await client
      .send(new GetKeyRotationStatusCommand({ KeyId: metadata.Arn }), call)
      .catch((error) => {
        // Rotation status is not defined for asymmetric / imported / custom key store keys.
        if (isNotFoundError(error, 'UnsupportedOperationException')) return undefined;
        throw error;
      });
    const policy = await client.send(
      new GetKeyPolicyCommand({ KeyId: metadata.Arn, PolicyName: 'default' }),
      call,
    );
    return {
      referencedAs: ref,
      metadata,
      rotationEnabled: rotation?.KeyRotationEnabled,
      rotationPeriodInDays: rotation?.RotationPeriodInDays,
      policy: policy.Policy,
    };
  });
  return { keys: keys.filter((k): k is RawKey => Boolean(k)), missing };
}
