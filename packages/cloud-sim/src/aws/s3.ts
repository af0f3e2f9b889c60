import type { S3Bucket } from './model.ts';
import {
  AwsError,
  escapeXml,
  isoTime,
  numberParam,
  type OpContext,
  paginate,
  toXml,
  type XmlValue,
} from './protocol.ts';
import type { AwsService, ResolvedOperation } from './service.ts';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Bucket sub-resources this simulator answers, in the query key S3 uses for them. */
const SUBRESOURCES: [key: string, operation: string][] = [
  ['location', 'GetBucketLocation'],
  ['publicAccessBlock', 'GetPublicAccessBlock'],
  ['policyStatus', 'GetBucketPolicyStatus'],
  ['policy', 'GetBucketPolicy'],
  ['encryption', 'GetBucketEncryption'],
  ['versioning', 'GetBucketVersioning'],
  ['logging', 'GetBucketLogging'],
  ['tagging', 'GetBucketTagging'],
];

function doc(root: string, inner: XmlValue): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${NS}">${toXml(inner)}</${root}>`;
}

function bucketOf(c: OpContext): S3Bucket {
  const name = c.path.bucket as string;
  for (const account of c.estate.accounts) {
    const bucket = account.buckets.find((b) => b.Name === name);
    if (!bucket) continue;
    if (account.Id !== c.caller.account.Id) throw new AwsError('AccessDenied', 403, 'Access Denied');
    return bucket;
  }
  throw new AwsError('NoSuchBucket', 404, 'The specified bucket does not exist');
}

/** Whether a bucket policy grants anything to everyone (what S3's policy-status check reports). */
export function isPolicyPublic(bucket: S3Bucket): boolean {
  if (!bucket.policy) return false;
  if (bucket.publicAccessBlock?.RestrictPublicBuckets) return false;
  return bucket.policy.Statement.some((s) => {
    if (s.Effect !== 'Allow') return false;
    const p = s.Principal;
    const everyone = p === '*' || (typeof p === 'object' && [p.AWS].flat().includes('*'));
    return everyone && !s.Condition;
  });
}

export const s3: AwsService = {
  protocol: 'restXml',
  actionPrefix: 's3',
  resolve(req): ResolvedOperation | undefined {
    if (req.method !== 'GET') return undefined;
    const parts = req.url.pathname.split('/').filter(Boolean);
    if (parts.length === 0) return { name: 'ListBuckets', path: {} };
    if (parts.length !== 1) return undefined;
    const bucket = decodeURIComponent(parts[0] as string);
    for (const [key, operation] of SUBRESOURCES) {
      if (req.url.searchParams.has(key)) return { name: operation, path: { bucket } };
    }
    return undefined;
  },
  handle(name, c) {
    switch (name) {
      case 'ListBuckets': {
        const all = c.caller.account.buckets;
        const max = numberParam(c.params.get('max-buckets'));
        // S3 pages only when the caller asks for a page size (max-buckets); otherwise it lists everything.
        const { page, next } =
          max === undefined && !c.params.get('continuation-token')
            ? { page: all, next: undefined }
            : paginate(all, c.params.get('continuation-token'), max, c.endless);
        const buckets = page
          .map(
            (b) =>
              `<Bucket><Name>${escapeXml(b.Name)}</Name><CreationDate>${isoTime(b.CreationDate)}</CreationDate><BucketRegion>${b.region}</BucketRegion></Bucket>`,
          )
          .join('');
        return (
          `<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="${NS}">` +
          `<Owner><ID>${c.caller.account.Id}</ID><DisplayName>${escapeXml(c.caller.account.Name)}</DisplayName></Owner>` +
          `<Buckets>${buckets}</Buckets>${next ? `<ContinuationToken>${next}</ContinuationToken>` : ''}</ListAllMyBucketsResult>`
        );
      }
      case 'GetBucketLocation': {
        const b = bucketOf(c);
        // us-east-1 is reported as an empty location constraint.
        return `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${NS}">${b.region === 'us-east-1' ? '' : b.region}</LocationConstraint>`;
      }
      case 'GetPublicAccessBlock': {
        const b = bucketOf(c);
        if (!b.publicAccessBlock)
          throw new AwsError(
            'NoSuchPublicAccessBlockConfiguration',
            404,
            'The public access block configuration was not found',
          );
        return doc('PublicAccessBlockConfiguration', b.publicAccessBlock);
      }
      case 'GetBucketPolicyStatus': {
        const b = bucketOf(c);
        if (!b.policy) throw new AwsError('NoSuchBucketPolicy', 404, 'The bucket policy does not exist');
        return doc('PolicyStatus', { IsPublic: isPolicyPublic(b) });
      }
      case 'GetBucketPolicy': {
        const b = bucketOf(c);
        if (!b.policy) throw new AwsError('NoSuchBucketPolicy', 404, 'The bucket policy does not exist');
        return JSON.stringify(b.policy);
      }
      case 'GetBucketEncryption': {
        const b = bucketOf(c);
        return doc('ServerSideEncryptionConfiguration', {
          Rule: {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: b.encryption.SSEAlgorithm,
              KMSMasterKeyID: b.encryption.KMSMasterKeyID,
            },
            BucketKeyEnabled: b.encryption.BucketKeyEnabled ?? false,
          },
        });
      }
      case 'GetBucketVersioning':
        return doc('VersioningConfiguration', { Status: bucketOf(c).versioning });
      case 'GetBucketLogging': {
        const b = bucketOf(c);
        return doc('BucketLoggingStatus', b.logging ? { LoggingEnabled: b.logging } : {});
      }
      case 'GetBucketTagging': {
        const b = bucketOf(c);
        if (b.tags.length === 0) throw new AwsError('NoSuchTagSet', 404, 'The TagSet does not exist');
        return `<?xml version="1.0" encoding="UTF-8"?>\n<Tagging xmlns="${NS}"><TagSet>${toXml(b.tags, 'Tag')}</TagSet></Tagging>`;
      }
      default:
        throw new AwsError('MethodNotAllowed', 405, `Unsupported operation ${name}`);
    }
  },
};
