import type { AssetRecord } from '@aispm/core';
import { assetId } from '@aispm/core';
import { type AssetInput, cloudAsset, externalPrincipalAssetOf, internetAssetOf } from '../shared/asset.ts';

export const CRM = 'cloudresourcemanager.googleapis.com';
export const AIPLATFORM = 'aiplatform.googleapis.com';
export const NOTEBOOKS = 'notebooks.googleapis.com';
export const IAM = 'iam.googleapis.com';
export const STORAGE = 'storage.googleapis.com';
export const KMS = 'cloudkms.googleapis.com';
export const COMPUTE = 'compute.googleapis.com';

/** gax fallback mode fills unset strings with '' and unset messages with null: both mean "not set". */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function projectAssetId(projectNumber: string): string {
  return assetId('gcp', `projects/${projectNumber}`, CRM);
}

export function serviceAccountAssetId(projectId: string, email: string): string {
  return assetId('gcp', `projects/${projectId}/serviceAccounts/${email}`, IAM);
}

/**
 * The service account asset an email names: `x@{project}.iam.gserviceaccount.com` and the Compute default
 * `{number}-compute@developer.gserviceaccount.com`; Google-managed service agents and others are not assets.
 */
export function serviceAccountIdOfEmail(
  email: string | undefined,
  numberToId: Record<string, string>,
): string | undefined {
  if (!email) return undefined;
  const user = /^[^@]+@([a-z][a-z0-9-]+)\.iam\.gserviceaccount\.com$/.exec(email);
  // `service-N@gcp-sa-<api>.iam.gserviceaccount.com` are Google-managed service agents, not project accounts.
  if (user?.[1] && !user[1].startsWith('gcp-sa-')) return serviceAccountAssetId(user[1], email);
  const compute = /^(\d+)-compute@developer\.gserviceaccount\.com$/.exec(email);
  const projectId = compute?.[1] ? numberToId[compute[1]] : undefined;
  return projectId ? serviceAccountAssetId(projectId, email) : undefined;
}

/** `projects/{number|id}/global/networks/{n}` → the network asset id (always keyed by project id). */
export function networkAssetId(
  network: string | undefined,
  numberToId: Record<string, string>,
): string | undefined {
  const m = network
    ? /^(?:https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/([^/]+)\/global\/networks\/([^/]+)$/.exec(
        network,
      )
    : null;
  if (!m?.[1] || !m[2]) return undefined;
  const projectId = /^\d+$/.test(m[1]) ? numberToId[m[1]] : m[1];
  return projectId ? assetId('gcp', `projects/${projectId}/global/networks/${m[2]}`, COMPUTE) : undefined;
}

/** A Cloud KMS key name (a key version name is cut back to its key) → the key asset id. */
export function kmsKeyAssetId(name: string | undefined): string | undefined {
  const m = name
    ? /^(projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+)/.exec(name)
    : null;
  return m?.[1] ? assetId('gcp', m[1], KMS) : undefined;
}

/** `gs://bucket/…` → the bucket asset id. */
export function bucketAssetIdOfUri(uri: string | undefined): string | undefined {
  const m = uri ? /^gs:\/\/([^/]+)/.exec(uri) : null;
  return m?.[1] ? assetId('gcp', m[1], STORAGE) : undefined;
}

export function gcpAsset(a: AssetInput): AssetRecord {
  return cloudAsset('gcp', a);
}

export function gcpInternetAsset(): AssetRecord {
  return internetAssetOf('gcp');
}

/** `allUsers`, `allAuthenticatedUsers`, or a member outside the organisation. */
export function gcpExternalPrincipalAsset(member: string): AssetRecord {
  return externalPrincipalAssetOf('gcp', member, {
    public: member === 'allUsers' || member === 'allAuthenticatedUsers',
  });
}
