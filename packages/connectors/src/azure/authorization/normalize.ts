import { type AssetRecord, type EdgeKind, edge, externalPrincipalId, type GraphBatch } from '@aispm/core';
import type { RoleDefinition } from '@azure/arm-authorization';
import { armAssetId, azureAsset, azureExternalPrincipalAsset, subscriptionAssetId } from '../arm.ts';
import type { AzureNormalizeScope } from '../service.ts';
import type { RawAuthorization } from './fetch.ts';

/** Built-in roles that hand over the whole scope (the Azure equivalent of GCP's primitive roles). */
export const PRIVILEGED_ROLE_NAMES = new Set(['Owner', 'Contributor', 'User Access Administrator']);

export function servicePrincipalAssetId(principalId: string): string {
  return armAssetId(`/providers/Microsoft.Graph/servicePrincipals/${principalId}`);
}

/**
 * What a role lets its holder do, from its permissions rather than its name so custom roles count too:
 * `*` or role-assignment writes administer the scope; Cognitive Services data actions invoke models; other data
 * actions read or write data.
 */
export function roleAccess(def: Pick<RoleDefinition, 'permissions'>): EdgeKind[] {
  const kinds = new Set<EdgeKind>();
  for (const p of def.permissions ?? []) {
    const actions = (p.actions ?? []).map((a) => a.toLowerCase());
    if (
      actions.includes('*') ||
      actions.some(
        (a) => a === 'microsoft.authorization/*' || a === 'microsoft.authorization/roleassignments/write',
      )
    )
      kinds.add('can-admin');
    for (const raw of p.dataActions ?? []) {
      const a = raw.toLowerCase();
      if (a === '*') {
        kinds.add('can-invoke');
        kinds.add('can-read');
        kinds.add('can-write');
      } else if (a.startsWith('microsoft.cognitiveservices/')) kinds.add('can-invoke');
      else if (/\/(read|\*)$/.test(a)) kinds.add('can-read');
      if (!a.startsWith('microsoft.cognitiveservices/') && /\/(write|delete|add\/action|\*)$/.test(a))
        kinds.add('can-write');
    }
  }
  return [...kinds];
}

/** A scope an access edge can point at: the subscription itself or a resource (not a resource group). */
function scopeAssetId(scope: string | undefined, subscriptionId: string): string | undefined {
  if (!scope) return undefined;
  const s = scope.replace(/\/+$/, '');
  if (s.toLowerCase() === `/subscriptions/${subscriptionId}`.toLowerCase())
    return subscriptionAssetId(subscriptionId);
  return /\/providers\/[^/]+\/[^/]+\/[^/]+/i.test(s) && s.toLowerCase().startsWith('/subscriptions/')
    ? armAssetId(s)
    : undefined;
}

export function normalizeAuthorization(raw: RawAuthorization, scope: AzureNormalizeScope): GraphBatch {
  const batch: GraphBatch = { assets: [], edges: [] };
  const sub = subscriptionAssetId(scope.subscriptionId);
  const byPrincipal = new Map<string, string>();
  for (const mi of raw.identities) {
    if (!mi.id) continue;
    const id = armAssetId(mi.id);
    const p = (mi.properties ?? {}) as { principalId?: string; clientId?: string; tenantId?: string };
    if (p.principalId) byPrincipal.set(p.principalId.toLowerCase(), id);
    batch.assets.push(
      azureAsset({
        id,
        kind: 'identity',
        accountId: scope.subscriptionId,
        region: mi.location ?? 'global',
        name: mi.name ?? id,
        nativeType: 'Microsoft.ManagedIdentity/userAssignedIdentities',
        properties: { principalId: p.principalId, clientId: p.clientId, tenantId: p.tenantId, roles: [] },
        tags: mi.tags,
      }),
    );
    batch.edges.push(edge('contains', sub, id));
  }
  const definitions = new Map<string, RoleDefinition>();
  for (const d of raw.roleDefinitions) {
    if (d.id) definitions.set(d.id.toLowerCase(), d);
    if (d.name) definitions.set(d.name.toLowerCase(), d);
  }
  const definitionOf = (id: string | undefined) =>
    id
      ? (definitions.get(id.toLowerCase()) ?? definitions.get(id.split('/').pop()?.toLowerCase() ?? ''))
      : undefined;

  const servicePrincipals = new Map<string, AssetRecord>();
  const externals = new Map<string, AssetRecord>();
  const roles = new Map<string, { roleName: string; scope: string }[]>();
  for (const ra of raw.roleAssignments) {
    const principalId = ra.principalId;
    const def = definitionOf(ra.roleDefinitionId);
    const target = scopeAssetId(ra.scope, scope.subscriptionId);
    if (!principalId || !def || !target) continue;
    const kinds = roleAccess(def);
    if (kinds.length === 0) continue;
    let from = byPrincipal.get(principalId.toLowerCase());
    if (!from && ra.principalType === 'ServicePrincipal') {
      from = servicePrincipalAssetId(principalId);
      if (!servicePrincipals.has(from))
        servicePrincipals.set(
          from,
          azureAsset({
            id: from,
            kind: 'identity',
            accountId: scope.subscriptionId,
            region: 'global',
            name: principalId,
            nativeType: 'Microsoft.Graph/servicePrincipals',
            properties: { principalId, principalType: ra.principalType },
          }),
        );
    }
    if (!from && (ra.principalType === 'ForeignGroup' || ra.principalType === 'Device')) {
      from = externalPrincipalId('azure', principalId);
      if (!externals.has(from))
        externals.set(from, azureExternalPrincipalAsset(principalId, ra.principalType));
    }
    // Users and groups of the tenant are not assets: their access is not an AI-workload identity's.
    if (!from) continue;
    const roleName = def.roleName ?? def.name ?? '';
    const list = roles.get(from) ?? [];
    list.push({ roleName, scope: target });
    roles.set(from, list);
    for (const kind of kinds)
      batch.edges.push(
        edge(kind, from, target, {
          roleName,
          roleDefinitionId: ra.roleDefinitionId,
          actions: def.permissions?.flatMap((p) => [...(p.actions ?? []), ...(p.dataActions ?? [])]) ?? [],
          condition: ra.condition ?? undefined,
        }),
      );
  }
  for (const asset of [...batch.assets, ...servicePrincipals.values()]) {
    if (asset.kind !== 'identity') continue;
    const held = roles.get(asset.id) ?? [];
    asset.properties.roles = held;
    asset.properties.primitiveRoles = [
      ...new Set(held.filter((r) => PRIVILEGED_ROLE_NAMES.has(r.roleName)).map((r) => r.roleName)),
    ];
  }
  batch.assets.push(...servicePrincipals.values(), ...externals.values());
  return batch;
}
