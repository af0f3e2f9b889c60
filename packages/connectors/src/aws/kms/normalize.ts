import type { AssetRecord, GraphBatch } from '@aispm/core';
import { awsAsset } from '../asset.ts';
import { parsePolicyDocument } from '../policy-document.ts';
import type { NormalizeScope } from '../service.ts';
import type { RawKms } from './fetch.ts';

export function normalizeKms(raw: RawKms, scope: NormalizeScope): GraphBatch {
  const assets: AssetRecord[] = [];
  const seen = new Set<string>();
  for (const k of raw.keys) {
    const m = k.metadata;
    if (!m.Arn || seen.has(m.Arn)) continue;
    seen.add(m.Arn);
    assets.push(
      awsAsset({
        id: m.Arn,
        kind: 'key',
        accountId: scope.accountId,
        // The s3 task describes keys of several regions at once: the ARN says where each key lives.
        region: m.Arn.split(':')[3] || scope.region,
        name: m.KeyId ?? m.Arn,
        nativeType: 'AWS::KMS::Key',
        properties: {
          keyId: m.KeyId,
          keyManager: m.KeyManager,
          customerManaged: m.KeyManager === 'CUSTOMER',
          keyState: m.KeyState,
          enabled: m.Enabled,
          keySpec: m.KeySpec,
          keyUsage: m.KeyUsage,
          origin: m.Origin,
          multiRegion: m.MultiRegion,
          description: m.Description,
          rotationEnabled: k.rotationEnabled ?? false,
          rotationPeriodInDays: k.rotationPeriodInDays,
          keyPolicy: parsePolicyDocument(k.policy),
          creationDate: m.CreationDate,
        },
      }),
    );
  }
  return { assets, edges: [] };
}
