import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  type KeyMetadata,
  KMSClient,
} from '@aws-sdk/client-kms';
import type { TaskGaps } from '../../shared/gaps.ts';
import { mapLimit } from '../../shared/paging.ts';
import { isNotFoundError } from '../../shared/retry.ts';
import { type AwsFetchEnv, awsItemRead } from '../service.ts';

/** The key reads (the kms task and the s3 task, for keys only buckets use, make them). */
export const KMS_ITEM_READS = [
  awsItemRead('kms', 'DescribeKey', ['rotationEnabled', 'keyManager']),
  awsItemRead('kms', 'GetKeyRotationStatus', ['rotationEnabled']),
  awsItemRead('kms', 'GetKeyPolicy', []),
];

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
  // Buckets' key references are written by phase-2 s3 tasks themselves, so they are left out.
  const ids = await env.graph.referencedIds({
    prefix,
    kinds: ['encrypted-by'],
    excludeFromPrefix: 'arn:aws:s3:::',
  });
  return new Set(ids);
}

export async function fetchKms(env: AwsFetchEnv): Promise<RawKms> {
  const referenced = await phaseOneKeyReferences(env, `arn:aws:kms:${env.region}:${env.accountId}:`);
  const raw = await describeKeys(env.clients.get(KMSClient), [...referenced], env.gaps, env.fanOut);
  if (raw.missing.length)
    env.log('referenced KMS keys not found (deleted or not visible)', { missing: raw.missing });
  return raw;
}

export async function describeKeys(
  client: KMSClient,
  refs: readonly string[],
  gaps: TaskGaps,
  fanOut: number,
): Promise<RawKms> {
  if (refs.length === 0) return { keys: [], missing: [] };
  const missing: string[] = [];
  const keys = await mapLimit([...new Set(refs)].sort(), fanOut, async (ref): Promise<RawKey | undefined> => {
    let metadata: KeyMetadata | undefined;
    // Only a key ARN names the key without DescribeKey; an alias cannot be resolved when DescribeKey is denied.
    const keyArn = /^arn:[^:]+:kms:[^:]*:\d{12}:key\//.test(ref) ? ref : undefined;
    try {
      const got = await gaps.item('DescribeKey', keyArn ?? ref, () =>
        client.send(new DescribeKeyCommand({ KeyId: ref })),
      );
      metadata = got
        ? got.KeyMetadata
        : keyArn === undefined
          ? undefined
          : { Arn: keyArn, KeyId: keyArn.split('/').pop() as string };
    } catch (error) {
      if (!isNotFoundError(error, 'NotFoundException')) throw error;
    }
    if (!metadata?.Arn) {
      missing.push(ref);
      return undefined;
    }
    const arn = metadata.Arn;
    const rotation = await gaps
      .item('GetKeyRotationStatus', arn, () => client.send(new GetKeyRotationStatusCommand({ KeyId: arn })))
      .catch((error) => {
        // Rotation status is not defined for asymmetric / imported / custom key store keys.
        if (isNotFoundError(error, 'UnsupportedOperationException')) return undefined;
        throw error;
      });
    const policy = await gaps.item('GetKeyPolicy', arn, () =>
      client.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: 'default' })),
    );
    return {
      referencedAs: ref,
      metadata,
      rotationEnabled: rotation?.KeyRotationEnabled,
      rotationPeriodInDays: rotation?.RotationPeriodInDays,
      policy: policy?.Policy,
    };
  });
  return { keys: keys.filter((k): k is RawKey => Boolean(k)), missing };
}
