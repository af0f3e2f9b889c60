import type { AssetRecord } from '@aispm/core';
import { type AssetInput, cloudAsset, externalPrincipalAssetOf, internetAssetOf } from '../shared/asset.ts';

export { jsonSafe, properties, tagMap } from '../shared/asset.ts';

export function awsAsset(a: AssetInput): AssetRecord {
  return cloudAsset('aws', a);
}

export function internetAsset(): AssetRecord {
  return internetAssetOf('aws');
}

/** `principal` is a 12-digit account id or `*`. */
export function externalPrincipalAsset(principal: string): AssetRecord {
  return externalPrincipalAssetOf('aws', principal, { public: principal === '*' });
}
