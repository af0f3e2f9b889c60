import { assetId, edge, type GraphBatch } from '@aispm/core';
import {
  gcpAsset,
  gcpExternalPrincipalAsset,
  IAM,
  projectAssetId,
  serviceAccountAssetId,
  str,
} from '../asset.ts';
import type { GcpNormalizeScope } from '../service.ts';
import type { GcpJson, RawIam } from './fetch.ts';
import { gcpRoleAccess, PRIMITIVE_ROLES, principalOfMember } from './roles.ts';

interface Binding {
  role?: string;
  members?: string[];
  condition?: GcpJson | null;
}

/**
 * Service accounts, their user-managed keys, and the project's IAM bindings as access edges to the project
 * (`properties.scope = 'project'`); the access task expands them to the project's AI assets.
 */
export function normalizeIam(raw: RawIam, scope: GcpNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const project = projectAssetId(scope.projects.projectNumber);
  const bindings = ((raw.policy.bindings as Binding[] | undefined) ?? []).filter((b) => b.role);
  const rolesOf = new Map<string, string[]>();
  for (const b of bindings)
    for (const m of b.members ?? []) rolesOf.set(m, [...(rolesOf.get(m) ?? []), String(b.role)]);

  for (const { account, keys } of raw.serviceAccounts) {
    const email = str(account.email);
    if (!email) continue;
    const id = serviceAccountAssetId(scope.projectId, email);
    const roles = rolesOf.get(`serviceAccount:${email}`) ?? [];
    const activeKeys = keys.filter((k) => k.disabled !== true);
    batch.assets.push(
      gcpAsset({
        id,
        kind: 'identity',
        accountId: scope.projectId,
        region: 'global',
        name: email,
        nativeType: 'iam.googleapis.com/ServiceAccount',
        properties: {
          email,
          uniqueId: account.uniqueId,
          displayName: account.displayName,
          disabled: account.disabled === true,
          projectRoles: roles.sort(),
          primitiveRoles: roles.filter((r) => PRIMITIVE_ROLES.has(r)).sort(),
          userManagedKeyCount: activeKeys.length,
          defaultComputeServiceAccount: /-compute@developer\.gserviceaccount\.com$/.test(email),
        },
      }),
    );
    batch.edges.push(edge('contains', project, id));
    for (const k of keys) {
      const name = str(k.name);
      if (!name) continue;
      const keyId = assetId('gcp', name, IAM);
      const validBefore = str(k.validBeforeTime);
      batch.assets.push(
        gcpAsset({
          id: keyId,
          kind: 'access-key',
          accountId: scope.projectId,
          region: 'global',
          name: name.split('/').pop() ?? name,
          nativeType: 'iam.googleapis.com/ServiceAccountKey',
          properties: {
            serviceAccount: email,
            keyType: k.keyType,
            keyOrigin: k.keyOrigin,
            keyAlgorithm: k.keyAlgorithm,
            validAfterTime: k.validAfterTime,
            validBeforeTime: validBefore,
            neverExpires: !validBefore || validBefore.startsWith('9999-'),
            status: k.disabled === true ? 'Inactive' : 'Active',
          },
        }),
      );
      batch.edges.push(edge('contains', project, keyId));
      batch.edges.push(edge('has-key', id, keyId));
    }
  }

  const externals = new Map<string, ReturnType<typeof gcpExternalPrincipalAsset>>();
  for (const b of bindings) {
    const role = String(b.role);
    const kinds = gcpRoleAccess(role);
    if (kinds.length === 0) continue;
    for (const member of b.members ?? []) {
      const principal = principalOfMember(member, scope.projects.numberToId);
      if (!principal) continue;
      if (principal.external && !externals.has(principal.id))
        externals.set(principal.id, gcpExternalPrincipalAsset(member));
      for (const kind of kinds)
        batch.edges.push(
          edge(kind, principal.id, project, {
            scope: 'project',
            role,
            actions: [role],
            ...(b.condition ? { condition: b.condition } : {}),
          }),
        );
    }
  }
  batch.assets.push(...externals.values());
  return batch;
}
