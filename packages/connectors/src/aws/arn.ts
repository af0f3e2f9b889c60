/** ARN helpers: every AWS asset id is an ARN (see MODEL.md), built the way the APIs themselves spell them. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, accountId] = parts as [string, string, string, string, string];
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

export function isArn(value: string | undefined | null): boolean {
  return typeof value === 'string' && value.startsWith('arn:');
}

export function foundationModelArn(region: string, modelId: string): string {
  return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/** An agent's `foundationModel`: a model id (→ foundation-model ARN in the agent's region) or an ARN as given. */
export function modelReferenceArn(region: string, model: string): string {
  return isArn(model) ? model : foundationModelArn(region, model);
}

/**
 * A guardrail reference (an id, the guardrail's ARN, or its ARN qualified by a version: `…:guardrail/<id>:<version>`,
 * as IAM's `bedrock:GuardrailIdentifier` takes it) → the guardrail asset's id (the unqualified ARN) and the version
 * the reference names, if any. Every version of a guardrail is one asset.
 */
export function guardrailRef(
  region: string,
  accountId: string,
  identifier: string,
): { arn: string; version?: string } {
  const arn = isArn(identifier)
    ? identifier
    : `arn:aws:bedrock:${region}:${accountId}:guardrail/${identifier}`;
  const m = /^(arn:[^:]+:bedrock:[^:]*:[^:]*:guardrail\/[^:/]+):([^:/]+)$/.exec(arn);
  return m ? { arn: m[1] as string, version: m[2] as string } : { arn };
}

/** The guardrail asset id a reference resolves to (its version, if the reference names one, dropped). */
export function guardrailArn(region: string, accountId: string, identifier: string): string {
  return guardrailRef(region, accountId, identifier).arn;
}

export function bucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}

/** `s3://bucket/key` (or `https://bucket.s3…/key`) → the bucket's ARN; undefined when not an S3 location. */
export function s3UriToBucketArn(uri: string | undefined | null): string | undefined {
  if (!uri) return undefined;
  const m = /^s3a?:\/\/([^/]+)/i.exec(uri);
  if (m?.[1]) return bucketArn(m[1]);
  if (uri.startsWith('arn:aws:s3:::'))
    return bucketArn(uri.slice('arn:aws:s3:::'.length).split('/')[0] as string);
  return undefined;
}

export function bucketNameOfArn(arn: string): string | undefined {
  if (!arn.startsWith('arn:aws:s3:::')) return undefined;
  return arn.slice('arn:aws:s3:::'.length).split('/')[0] || undefined;
}

/** KMS key references come as ARNs, key ids or aliases; ids are resolved into the account+region's key ARN. */
export function kmsKeyArn(
  region: string,
  accountId: string,
  keyRef: string | undefined | null,
): string | undefined {
  if (!keyRef) return undefined;
  if (isArn(keyRef)) return keyRef;
  if (keyRef.startsWith('alias/')) return `arn:aws:kms:${region}:${accountId}:${keyRef}`;
  return `arn:aws:kms:${region}:${accountId}:key/${keyRef}`;
}

/** A Lambda ARN without its version / alias qualifier (the function asset id). */
export function unqualifiedFunctionArn(arn: string): string {
  const parts = arn.split(':');
  return parts.length > 7 ? parts.slice(0, 7).join(':') : arn;
}

export function sagemakerArn(region: string, accountId: string, type: string, name: string): string {
  return `arn:aws:sagemaker:${region}:${accountId}:${type}/${name.toLowerCase()}`;
}
