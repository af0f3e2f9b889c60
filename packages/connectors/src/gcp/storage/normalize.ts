import { assetId, edge, type GraphBatch, INTERNET_ID } from '@aispm/core';
import {
  gcpAsset,
  gcpExternalPrincipalAsset,
  gcpInternetAsset,
  kmsKeyAssetId,
  projectAssetId,
  STORAGE,
  str,
} from '../asset.ts';
import { gcpRoleAccess, principalOfMember } from '../iam/roles.ts';
import { get } from '../json.ts';
import type { GcpNormalizeScope } from '../service.ts';
import type { RawStorage } from './fetch.ts';

const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

export function normalizeStorage(raw: RawStorage, scope: GcpNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const externals = new Map<string, ReturnType<typeof gcpExternalPrincipalAsset>>();
  let exposed = false;
  for (const { bucket, iam } of raw.buckets) {
    const name = str(bucket.name);
    if (!name) continue;
    const id = assetId('gcp', name, STORAGE);
    const keyId = kmsKeyAssetId(str(get(bucket, 'encryption.defaultKmsKeyName')));
    const bindings = (iam.bindings as { role?: string; members?: string[] }[] | undefined) ?? [];
    const pap = str(get(bucket, 'iamConfiguration.publicAccessPrevention')) ?? 'inherited';
    const publicMembers = bindings.flatMap((b) =>
      (b.members ?? []).filter((m) => PUBLIC_MEMBERS.has(m) && gcpRoleAccess(String(b.role)).length > 0),
    );
    // Public access prevention "enforced" makes allUsers bindings inert.
    const isPublic = publicMembers.length > 0 && pap !== 'enforced';
    const project = str(bucket.projectNumber)
      ? projectAssetId(String(bucket.projectNumber))
      : projectAssetId(scope.projects.projectNumber);
    batch.assets.push(
      gcpAsset({
        id,
        kind: 'data-store',
        accountId: scope.projectId,
        region: (str(bucket.location) ?? 'global').toLowerCase(),
        name,
        nativeType: 'storage.googleapis.com/Bucket',
        properties: {
          location: bucket.location,
          locationType: bucket.locationType,
          storageClass: bucket.storageClass,
          publicAccessPrevention: pap,
          uniformBucketLevelAccess: get(bucket, 'iamConfiguration.uniformBucketLevelAccess.enabled') === true,
          publicNetworkAccess: isPublic,
          policyIsPublic: isPublic,
          publicMembers: [...new Set(publicMembers)],
          versioningEnabled: get(bucket, 'versioning.enabled') === true,
          accessLoggingEnabled: Boolean(str(get(bucket, 'logging.logBucket'))),
          logging: bucket.logging,
          encryption: { cmk: Boolean(keyId), keyId },
          softDeletePolicy: bucket.softDeletePolicy,
          retentionPolicy: bucket.retentionPolicy,
          iamBindings: bindings,
        },
        tags: bucket.labels as Record<string, string> | undefined,
      }),
    );
    batch.edges.push(edge('contains', project, id));
    if (keyId) batch.edges.push(edge('encrypted-by', id, keyId));
    for (const b of bindings) {
      const role = String(b.role);
      const kinds = gcpRoleAccess(role);
      for (const member of b.members ?? []) {
        const principal = principalOfMember(member, scope.projects.numberToId);
        if (!principal) continue;
        if (principal.external && !externals.has(principal.id))
          externals.set(principal.id, gcpExternalPrincipalAsset(member));
        for (const kind of kinds)
          batch.edges.push(edge(kind, principal.id, id, { scope: 'bucket', role, actions: [role] }));
      }
    }
    if (isPublic) {
      exposed = true;
      batch.edges.push(
        edge('exposed-to-internet', INTERNET_ID, id, { via: 'IAM', members: [...new Set(publicMembers)] }),
      );
    }
  }
  batch.assets.push(...externals.values());
  if (exposed) batch.assets.push(gcpInternetAsset());
  return batch;
}
