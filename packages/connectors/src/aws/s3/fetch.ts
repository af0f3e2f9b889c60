import { KMSClient } from '@aws-sdk/client-kms';
import {
  type Bucket,
  GetBucketEncryptionCommand,
  type GetBucketEncryptionCommandOutput,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  type GetBucketLoggingCommandOutput,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  type GetBucketVersioningCommandOutput,
  GetPublicAccessBlockCommand,
  type PublicAccessBlockConfiguration,
  paginateListBuckets,
  S3Client,
  type Tag,
} from '@aws-sdk/client-s3';
import { collectPages, mapLimit } from '../../shared/paging.ts';
import { isNotFoundError } from '../../shared/retry.ts';
import { bucketNameOfArn } from '../arn.ts';
import { describeKeys, phaseOneKeyReferences, type RawKms } from '../kms/fetch.ts';
import type { AwsFetchEnv } from '../service.ts';
import { bucketKeyArn } from './normalize.ts';

export interface RawBucket {
  bucket: Bucket;
  /** GetBucketLocation's LocationConstraint as returned (empty for us-east-1, 'EU' for old eu-west-1 buckets). */
  locationConstraint?: string;
  publicAccessBlock?: PublicAccessBlockConfiguration;
  policyStatusIsPublic?: boolean;
  policy?: string;
  encryption?: GetBucketEncryptionCommandOutput['ServerSideEncryptionConfiguration'];
  versioning?: Pick<GetBucketVersioningCommandOutput, 'Status' | 'MFADelete'>;
  logging?: GetBucketLoggingCommandOutput['LoggingEnabled'];
  tags?: Tag[];
}

export interface RawS3 {
  buckets: RawBucket[];
  /** KMS keys of this account that only buckets reference (phase-1 tasks never saw them), described here. */
  bucketKeys: RawKms;
}

/** Runs `fn` and maps the "this optional configuration does not exist" errors to undefined. */
async function optional<T>(fn: () => Promise<T>, ...notFound: string[]): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    if (isNotFoundError(error, ...notFound)) return undefined;
    throw error;
  }
}

export async function fetchS3(env: AwsFetchEnv): Promise<RawS3> {
  const referenced = new Set(
    (await env.graph.referencedIds({ prefix: 'arn:aws:s3:::' }))
      .map(bucketNameOfArn)
      .filter((b): b is string => Boolean(b)),
  );
  if (referenced.size === 0) return { buckets: [], bucketKeys: { keys: [], missing: [] } };
  const client = env.clients.get(S3Client, {
    forcePathStyle: env.clients.customEndpoint,
    followRegionRedirects: true,
  });
  const owned = await env.gaps.list('ListBuckets', 's3:ListBuckets', () =>
    collectPages(paginateListBuckets({ client }, {}), (p) => p.Buckets),
  );
  const inScope = owned.filter((b) => b.Name && referenced.has(b.Name));
  const buckets = await mapLimit(inScope, 2, async (bucket): Promise<RawBucket> => {
    const Bucket = bucket.Name as string;
    const id = `arn:aws:s3:::${Bucket}`;
    // A denied read keeps the bucket; what it would have said is marked unknown (see the module's itemReads).
    const read = <T>(operation: string, fn: () => Promise<T>) => env.gaps.item(operation, id, fn);
    // The eight reads are independent: issue them together (the task's bucket concurrency bounds the total).
    const [location, pab, status, policy, encryption, versioning, logging, tagging] = await Promise.all([
      read('GetBucketLocation', () => client.send(new GetBucketLocationCommand({ Bucket }))),
      optional(
        () => read('GetPublicAccessBlock', () => client.send(new GetPublicAccessBlockCommand({ Bucket }))),
        'NoSuchPublicAccessBlockConfiguration',
      ),
      optional(
        () => read('GetBucketPolicyStatus', () => client.send(new GetBucketPolicyStatusCommand({ Bucket }))),
        'NoSuchBucketPolicy',
      ),
      optional(
        () => read('GetBucketPolicy', () => client.send(new GetBucketPolicyCommand({ Bucket }))),
        'NoSuchBucketPolicy',
      ),
      optional(
        () => read('GetBucketEncryption', () => client.send(new GetBucketEncryptionCommand({ Bucket }))),
        'ServerSideEncryptionConfigurationNotFoundError',
      ),
      read('GetBucketVersioning', () => client.send(new GetBucketVersioningCommand({ Bucket }))),
      read('GetBucketLogging', () => client.send(new GetBucketLoggingCommand({ Bucket }))),
      optional(
        () => read('GetBucketTagging', () => client.send(new GetBucketTaggingCommand({ Bucket }))),
        'NoSuchTagSet',
      ),
    ]);
    return {
      bucket,
      // Denied: ListBuckets names the bucket's region too (BucketRegion); us-east-1 is the empty constraint.
      locationConstraint: location
        ? (location.LocationConstraint ?? '')
        : bucket.BucketRegion === 'us-east-1'
          ? ''
          : bucket.BucketRegion,
      publicAccessBlock: pab?.PublicAccessBlockConfiguration,
      policyStatusIsPublic: status?.PolicyStatus?.IsPublic,
      policy: policy?.Policy,
      encryption: encryption?.ServerSideEncryptionConfiguration,
      versioning: versioning && { Status: versioning.Status, MFADelete: versioning.MFADelete },
      logging: logging?.LoggingEnabled,
      tags: tagging?.TagSet,
    };
  });
  // Keys are phase-2 assets too, so the kms task cannot see bucket references: keys that only buckets use are
  // described here (and owned by this task), per region of the key.
  const seenByKms = await phaseOneKeyReferences(env, `arn:aws:kms:`);
  const byRegion = new Map<string, string[]>();
  for (const b of buckets) {
    const key = bucketKeyArn(b, env.accountId);
    if (!key || seenByKms.has(key) || key.split(':')[4] !== env.accountId) continue;
    const region = key.split(':')[3] as string;
    byRegion.set(region, [...(byRegion.get(region) ?? []), key]);
  }
  const bucketKeys: RawKms = { keys: [], missing: [] };
  for (const [region, refs] of byRegion) {
    const described = await describeKeys(env.clients.get(KMSClient, { region }), refs, env.gaps, env.fanOut);
    bucketKeys.keys.push(...described.keys);
    bucketKeys.missing.push(...described.missing);
  }
  return { buckets, bucketKeys };
}
