import { sha256 } from './hash.ts';
import type { EdgeKind, Provider } from './kinds.ts';

/**
 * Stable asset ids are the provider-native ids, normalised so the same resource always gets the same id:
 * - AWS: the ARN, as-is (ARNs are case-sensitive).
 * - Azure: the ARM resource id, lower-cased (ARM ids are case-insensitive and APIs vary the casing).
 * - GCP: the full resource name `//SERVICE.googleapis.com/RELATIVE_NAME`.
 */
export function assetId(provider: Provider, nativeId: string, gcpService?: string): string {
  switch (provider) {
    case 'aws':
      if (!nativeId.startsWith('arn:')) throw new Error(`not an ARN: ${nativeId}`);
      return nativeId;
    case 'azure': {
      if (!nativeId.startsWith('/')) throw new Error(`not an Azure resource id: ${nativeId}`);
      return nativeId.replace(/\/+$/, '').toLowerCase();
    }
    case 'gcp': {
      if (nativeId.startsWith('//')) return nativeId;
      if (!gcpService) throw new Error(`GCP relative name needs its service: ${nativeId}`);
      return `//${gcpService}/${nativeId.replace(/^\/+/, '')}`;
    }
  }
}

/** The provider a stable id belongs to, from its shape; aispm pseudo-assets are `aispm:` ids. */
export function providerOfId(id: string): Provider | 'aispm' {
  if (id.startsWith('arn:')) return 'aws';
  if (id.startsWith('/subscriptions/') || id.startsWith('/providers/')) return 'azure';
  if (id.startsWith('//')) return 'gcp';
  if (id.startsWith('aispm:')) return 'aispm';
  throw new Error(`unrecognised asset id: ${id}`);
}

/** The single node that stands for the public internet in the graph. */
export const INTERNET_ID = 'aispm:internet';

/** A pseudo-asset id for a principal outside the organisation (`*`, a foreign account, a federated IdP). */
export function externalPrincipalId(provider: Provider, principal: string): string {
  return `aispm:external:${provider}:${principal}`;
}

export function edgeId(kind: EdgeKind, fromId: string, toId: string): string {
  return sha256(`${kind}\u0000${fromId}\u0000${toId}`).slice(0, 32);
}
