import { describe, expect, it } from 'vitest';
import {
  ASSET_KINDS,
  assetId,
  canonicalJson,
  contentHash,
  edgeId,
  externalPrincipalId,
  kindOf,
  PROVIDERS,
  providerOfId,
  RESOURCE_TYPES,
  Rng,
} from '../src/index.ts';

describe('resource-type table', () => {
  it('maps the headline AI resource types of every cloud to the same kinds', () => {
    expect(kindOf('aws', 'AWS::Bedrock::CustomModel')).toBe('model');
    expect(kindOf('aws', 'AWS::SageMaker::Model')).toBe('model');
    expect(kindOf('azure', 'Microsoft.CognitiveServices/accounts/deployments')).toBe('model');
    expect(kindOf('gcp', 'aiplatform.googleapis.com/Model')).toBe('model');
    expect(kindOf('aws', 'AWS::SageMaker::Endpoint')).toBe('inference-endpoint');
    expect(kindOf('gcp', 'aiplatform.googleapis.com/Endpoint')).toBe('inference-endpoint');
    expect(kindOf('azure', 'Microsoft.Search/searchServices')).toBe('vector-store');
    expect(kindOf('aws', 'AWS::OpenSearchServerless::Collection')).toBe('vector-store');
    expect(kindOf('gcp', 'iam.googleapis.com/ServiceAccount')).toBe('identity');
    expect(kindOf('aws', 'AWS::Nope')).toBeUndefined();
  });

  it('covers the core AI kinds on all three clouds', () => {
    const core = [
      'model',
      'inference-endpoint',
      'data-store',
      'vector-store',
      'identity',
      'notebook',
      'training-job',
      'key',
      'network',
      'guardrail',
      'agent',
    ];
    for (const provider of PROVIDERS) {
      const kinds = new Set(RESOURCE_TYPES.filter((r) => r.provider === provider).map((r) => r.kind));
      for (const kind of core) expect(kinds, `${provider} has no ${kind}`).toContain(kind);
    }
  });

  it('only uses known kinds and lists each native type once', () => {
    const seen = new Set<string>();
    for (const r of RESOURCE_TYPES) {
      expect(Object.keys(ASSET_KINDS)).toContain(r.kind);
      const key = `${r.provider}|${r.nativeType}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });
});

describe('stable ids', () => {
  it('keeps ARNs, lower-cases Azure ids and builds GCP full resource names', () => {
    expect(assetId('aws', 'arn:aws:s3:::Bucket')).toBe('arn:aws:s3:::Bucket');
    expect(
      assetId('azure', '/subscriptions/ABC/resourceGroups/RG/providers/Microsoft.Search/searchServices/S1/'),
    ).toBe('/subscriptions/abc/resourcegroups/rg/providers/microsoft.search/searchservices/s1');
    expect(assetId('gcp', 'projects/p/locations/us-central1/endpoints/1', 'aiplatform.googleapis.com')).toBe(
      '//aiplatform.googleapis.com/projects/p/locations/us-central1/endpoints/1',
    );
    expect(() => assetId('aws', 'bucket')).toThrow(/not an ARN/);
    expect(() => assetId('gcp', 'projects/p')).toThrow(/needs its service/);
  });

  it('recognises the provider of an id', () => {
    expect(providerOfId('arn:aws:iam::1:role/x')).toBe('aws');
    expect(providerOfId('/subscriptions/1/resourcegroups/x')).toBe('azure');
    expect(providerOfId('//storage.googleapis.com/projects/_/buckets/b')).toBe('gcp');
    expect(providerOfId(externalPrincipalId('aws', '*'))).toBe('aispm');
    expect(() => providerOfId('what')).toThrow(/unrecognised/);
  });

  it('derives edge ids from kind and endpoints', () => {
    expect(edgeId('can-read', 'a', 'b')).toBe(edgeId('can-read', 'a', 'b'));
    expect(edgeId('can-read', 'a', 'b')).not.toBe(edgeId('can-write', 'a', 'b'));
    expect(edgeId('can-read', 'a', 'b')).not.toBe(edgeId('can-read', 'b', 'a'));
  });
});

describe('content hashing', () => {
  it('ignores key order and undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });
});

describe('Rng', () => {
  it('is deterministic per seed and fork label', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(Array.from({ length: 5 }, () => a.int(0, 1000))).toEqual(
      Array.from({ length: 5 }, () => b.int(0, 1000)),
    );
    expect(new Rng(42).fork('aws').hex(8)).toBe(new Rng(42).fork('aws').hex(8));
    expect(new Rng(42).fork('aws').hex(8)).not.toBe(new Rng(42).fork('gcp').hex(8));
    expect(new Rng(1).hex(16)).not.toBe(new Rng(2).hex(16));
  });
});

describe('control characters in untrusted text', () => {
  it('finds NUL, C0 controls and DEL; tab, LF and CR only where line breaks are not allowed', async () => {
    const { hasControlCharacter, replaceControlCharacters } = await import('../src/index.ts');
    expect(hasControlCharacter('plain text ✓')).toBe(false);
    expect(hasControlCharacter('a\u0000b')).toBe(true);
    expect(hasControlCharacter('del\u007f')).toBe(true);
    expect(hasControlCharacter('tab\there')).toBe(true);
    expect(hasControlCharacter('tab\there\r\n', { allowLineBreaks: true })).toBe(false);
    expect(hasControlCharacter('bell\u0007', { allowLineBreaks: true })).toBe(true);
    expect(replaceControlCharacters('a\u0000b\nc\u001b')).toBe('a\ufffdb\nc\ufffd');
  });
});
