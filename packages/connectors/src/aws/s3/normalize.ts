import { type AssetRecord, type EdgeRecord, edge, type GraphBatch, INTERNET_ID } from '@aispm/core';
import { bucketArn } from '../arn.ts';
import { awsAsset, internetAsset, tagMap } from '../asset.ts';
import { normalizeKms } from '../kms/normalize.ts';
import { parsePolicyDocument } from '../policy-document.ts';
import type { NormalizeScope } from '../service.ts';
import type { RawBucket, RawS3 } from './fetch.ts';

/** GetBucketLocation answers null/'' for us-east-1 and the legacy 'EU' for eu-west-1. */
export function bucketRegion(locationConstraint: string | undefined): string {
  if (!locationConstraint) return 'us-east-1';
  if (locationConstraint === 'EU') return 'eu-west-1';
  return locationConstraint;
}

/** The KMS key ARN a bucket's default encryption uses (key ids resolved in the bucket's region), if SSE-KMS. */
export function bucketKeyArn(b: RawBucket, accountId: string): string | undefined {
  const rule = b.encryption?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  const key = rule?.SSEAlgorithm?.startsWith('aws:kms') ? rule.KMSMasterKeyID : undefined;
  if (!key) return undefined;
  return key.startsWith('arn:')
    ? key
    : `arn:aws:kms:${bucketRegion(b.locationConstraint)}:${accountId}:key/${key}`;
}

/**
 * The bucket refuses plain-HTTP requests: its policy has a Deny statement conditioned on `aws:SecureTransport`
 * being false (the documented way to require TLS). No policy at all requires nothing.
 */
export function requiresSecureTransport(policy: unknown): boolean {
  const statements = (policy as { Statement?: unknown } | undefined)?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  return list.some((s) => {
    const st = (s ?? {}) as { Effect?: unknown; Condition?: Record<string, Record<string, unknown>> };
    if (st.Effect !== 'Deny' || !st.Condition) return false;
    return Object.entries(st.Condition).some(
      ([op, values]) =>
        /^Bool(IfExists)?$/.test(op) &&
        Object.entries(values ?? {}).some(
          ([key, v]) => key.toLowerCase() === 'aws:securetransport' && String(v).toLowerCase() === 'false',
        ),
    );
  });
}

export function normalizeS3(raw: RawS3, scope: NormalizeScope): GraphBatch {
  const assets: AssetRecord[] = [];
  const edges: EdgeRecord[] = [];
  let exposed = false;
  for (const b of raw.buckets) {
    const name = b.bucket.Name;
    if (!name) continue;
    const id = bucketArn(name);
    const rule = b.encryption?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    const kmsKey = rule?.SSEAlgorithm?.startsWith('aws:kms') ? rule.KMSMasterKeyID : undefined;
    const region = bucketRegion(b.locationConstraint);
    const pab = b.publicAccessBlock;
    const bucketPolicy = parsePolicyDocument(b.policy);
    assets.push(
      awsAsset({
        id,
        kind: 'data-store',
        accountId: scope.accountId,
        region,
        name,
        nativeType: 'AWS::S3::Bucket',
        properties: {
          creationDate: b.bucket.CreationDate,
          publicAccessBlock: pab
            ? {
                blockPublicAcls: pab.BlockPublicAcls ?? false,
                ignorePublicAcls: pab.IgnorePublicAcls ?? false,
                blockPublicPolicy: pab.BlockPublicPolicy ?? false,
                restrictPublicBuckets: pab.RestrictPublicBuckets ?? false,
              }
            : undefined,
          policyIsPublic: b.policyStatusIsPublic ?? false,
          bucketPolicy,
          encryption: rule?.SSEAlgorithm,
          kmsKeyId: kmsKey,
          bucketKeyEnabled: b.encryption?.Rules?.[0]?.BucketKeyEnabled,
          versioning: b.versioning?.Status ?? 'Disabled',
          mfaDelete: b.versioning?.MFADelete,
          accessLogging: Boolean(b.logging?.TargetBucket),
          accessLogTarget: b.logging?.TargetBucket,
        },
        tags: tagMap(b.tags),
        // Unread (GetBucketPolicy denied), the gap marks it unknown rather than "no policy, not required".
        facts: { secureTransportRequired: requiresSecureTransport(bucketPolicy) },
      }),
    );
    const keyArn = bucketKeyArn(b, scope.accountId);
    if (keyArn) edges.push(edge('encrypted-by', id, keyArn));
    if (b.policyStatusIsPublic) {
      exposed = true;
      edges.push(
        edge('exposed-to-internet', INTERNET_ID, id, {
          reason: 'bucket policy status is public',
          restrictPublicBuckets: pab?.RestrictPublicBuckets ?? false,
        }),
      );
    }
  }
  if (exposed) assets.push(internetAsset());
  assets.push(...normalizeKms(raw.bucketKeys, scope).assets);
  return { assets, edges };
}
