import { type AssetRecord, type EdgeKind, edge, externalPrincipalId, type GraphBatch } from '@aispm/core';
import type { RoleDefinition } from '@azure/arm-authorization';
import { withProperties } from '../../shared/asset.ts';
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

/** Top-level resource types that are assets: a resource-group grant reaches these. */
const ASSET_TYPES = new Set(
  [
    'Microsoft.CognitiveServices/accounts',
    'Microsoft.Search/searchServices',
    'Microsoft.Storage/storageAccounts',
    'Microsoft.MachineLearningServices/workspaces',
    'Microsoft.MachineLearningServices/registries',
    'Microsoft.ManagedIdentity/userAssignedIdentities',
  ].map((t) => t.toLowerCase()),
);

/**
 * What an access edge points at for a role assignment scope: the subscription, the resource itself, or, for a
 * resource group, every asset resource in it (management-group scopes are above what a subscription scan sees).
 */
export function scopeTargets(
  scope: string | undefined,
  subscriptionId: string,
  resources: readonly { id: string; type: string }[],
): string[] {
  if (!scope) return [];
  const s = scope.replace(/\/+$/, '').toLowerCase();
  const sub = `/subscriptions/${subscriptionId}`.toLowerCase();
  if (s === sub) return [subscriptionAssetId(subscriptionId)];
  if (!s.startsWith(`${sub}/`)) return [];
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/.test(s))
    return resources
      .filter((r) => r.id.toLowerCase().startsWith(`${s}/`) && ASSET_TYPES.has(r.type.toLowerCase()))
      .map((r) => armAssetId(r.id));
  return /\/providers\/[^/]+\/[^/]+\/[^/]+/.test(s) ? [armAssetId(s)] : [];
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
    const targets = scopeTargets(ra.scope, scope.subscriptionId, raw.resources ?? []);
    if (!principalId || !def || targets.length === 0) continue;
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
    list.push({ roleName, scope: (ra.scope ?? '').toLowerCase() });
    roles.set(from, list);
    for (const target of targets)
      for (const kind of kinds)
        batch.edges.push(
          edge(kind, from, target, {
            scope: (ra.scope ?? '').toLowerCase(),
            roleName,
            roleDefinitionId: ra.roleDefinitionId,
            actions: def.permissions?.flatMap((p) => [...(p.actions ?? []), ...(p.dataActions ?? [])]) ?? [],
            // The data plane apart: which of it the role reaches (a Foundry project's agents, or only Azure OpenAI).
            dataActions: def.permissions?.flatMap((p) => p.dataActions ?? []) ?? [],
            condition: ra.condition ?? undefined,
          }),
        );
  }
  // The roles are known only now: the identities' facts are derived again with them.
  const withRoles = (asset: AssetRecord): AssetRecord => {
    if (asset.kind !== 'identity') return asset;
    const held = roles.get(asset.id) ?? [];
    return withProperties(asset, {
      roles: held,
      primitiveRoles: [
        ...new Set(held.filter((r) => PRIVILEGED_ROLE_NAMES.has(r.roleName)).map((r) => r.roleName)),
      ],
    });
  };
  batch.assets = [...batch.assets, ...servicePrincipals.values()].map(withRoles);
  batch.assets.push(...externals.values());
  return batch;
}
