import type { ArmObject, AzureEstate } from './model.ts';

/** Items per page on paged ARM lists: small, so every paginator really pages. */
export const ARM_PAGE_SIZE = 3;

/**
 * Collection types whose SDK list operation is not pageable (the response model has no nextLink): these
 * are always answered in one page, or a real SDK would silently drop the rest.
 */
const UNPAGED_TYPES = new Set(
  [
    'Microsoft.Insights/diagnosticSettings',
    'Microsoft.CognitiveServices/accounts/privateEndpointConnections',
    'Microsoft.Storage/storageAccounts/blobServices',
  ].map((t) => t.toLowerCase()),
);

export function isPagedType(type: string): boolean {
  return !UNPAGED_TYPES.has(type.toLowerCase());
}

/** Types that may be listed even when no object of the type exists in the estate (empty collections). */
const ALWAYS_KNOWN_TYPES = [
  'Microsoft.Resources/subscriptions',
  'Microsoft.Resources/resourceGroups',
  'Microsoft.Resources/resources',
  'Microsoft.Resources/tenants',
  'Microsoft.Authorization/roleAssignments',
  'Microsoft.Authorization/roleDefinitions',
  'Microsoft.Insights/diagnosticSettings',
  'Microsoft.CognitiveServices/accounts',
  'Microsoft.CognitiveServices/accounts/deployments',
  'Microsoft.CognitiveServices/accounts/raiPolicies',
  'Microsoft.CognitiveServices/accounts/privateEndpointConnections',
  // Azure AI Foundry: projects, connections and capability hosts of AIServices accounts, Defender for AI.
  'Microsoft.CognitiveServices/accounts/projects',
  'Microsoft.CognitiveServices/accounts/connections',
  'Microsoft.CognitiveServices/accounts/projects/connections',
  'Microsoft.CognitiveServices/accounts/capabilityHosts',
  'Microsoft.CognitiveServices/accounts/projects/capabilityHosts',
  'Microsoft.CognitiveServices/accounts/defenderForAISettings',
  'Microsoft.MachineLearningServices/workspaces',
  'Microsoft.MachineLearningServices/workspaces/computes',
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
  'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments',
  'Microsoft.MachineLearningServices/workspaces/datastores',
  // Serverless API (models-as-a-service) endpoints: no operation in @azure/arm-machinelearning 2.x, read by REST.
  'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints',
  'Microsoft.MachineLearningServices/registries',
  'Microsoft.Search/searchServices',
  'Microsoft.Search/searchServices/privateEndpointConnections',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.Storage/storageAccounts/blobServices',
  'Microsoft.Storage/storageAccounts/blobServices/containers',
  'Microsoft.Network/privateEndpoints',
  'Microsoft.Network/virtualNetworks',
  'Microsoft.ManagedIdentity/userAssignedIdentities',
  'Microsoft.KeyVault/vaults',
  'Microsoft.KeyVault/vaults/keys',
];

/** What an ARM path addresses. */
export type ArmRoute =
  | { kind: 'collection'; type: string; path: string; parent: string; subscriptionId?: string }
  | { kind: 'object'; type: string; path: string; parent: string; name: string; subscriptionId?: string }
  | { kind: 'invalid'; message: string };

/** Parses an ARM path (already split into decoded segments) into a collection or an object reference. */
export function parseArmPath(segments: string[]): ArmRoute {
  const path = `/${segments.join('/')}`;
  const lower = segments.map((s) => s.toLowerCase());
  const subscriptionId = lower[0] === 'subscriptions' ? segments[1] : undefined;
  if (segments.length === 1 && lower[0] === 'subscriptions')
    return { kind: 'collection', type: 'Microsoft.Resources/subscriptions', path, parent: '' };
  if (segments.length === 1 && lower[0] === 'tenants')
    return { kind: 'collection', type: 'Microsoft.Resources/tenants', path, parent: '' };
  const providersAt = lower.lastIndexOf('providers');
  if (providersAt < 0) {
    if (lower[0] !== 'subscriptions') return { kind: 'invalid', message: `No route for '${path}'.` };
    if (segments.length === 2)
      return {
        kind: 'object',
        type: 'Microsoft.Resources/subscriptions',
        path,
        parent: '',
        name: segments[1] as string,
        subscriptionId,
      };
    if (segments.length === 3 && lower[2] === 'resourcegroups')
      return {
        kind: 'collection',
        type: 'Microsoft.Resources/resourceGroups',
        path,
        parent: `/${segments.slice(0, 2).join('/')}`,
        subscriptionId,
      };
    if (segments.length === 3 && lower[2] === 'resources')
      return {
        kind: 'collection',
        type: 'Microsoft.Resources/resources',
        path,
        parent: `/${segments.slice(0, 2).join('/')}`,
        subscriptionId,
      };
    if (segments.length === 4 && lower[2] === 'resourcegroups')
      return {
        kind: 'object',
        type: 'Microsoft.Resources/resourceGroups',
        path,
        parent: `/${segments.slice(0, 2).join('/')}`,
        name: segments[3] as string,
        subscriptionId,
      };
    if (segments.length === 5 && lower[2] === 'resourcegroups' && lower[4] === 'resources')
      return {
        kind: 'collection',
        type: 'Microsoft.Resources/resources',
        path,
        parent: `/${segments.slice(0, 4).join('/')}`,
        subscriptionId,
      };
    return { kind: 'invalid', message: `No route for '${path}'.` };
  }
  const rest = segments.slice(providersAt + 1);
  if (rest.length < 2) return { kind: 'invalid', message: `No route for '${path}'.` };
  const typeSegments = [rest[0] as string, ...rest.slice(1).filter((_, i) => i % 2 === 0)];
  const type = typeSegments.join('/');
  const isCollection = rest.length % 2 === 0;
  const parent = isCollection
    ? rest.length === 2
      ? `/${segments.slice(0, providersAt).join('/')}`
      : `/${segments.slice(0, -1).join('/')}`
    : rest.length === 3
      ? `/${segments.slice(0, providersAt).join('/')}`
      : `/${segments.slice(0, -2).join('/')}`;
  const normalisedParent = parent === '/' ? '' : parent;
  if (isCollection) return { kind: 'collection', type, path, parent: normalisedParent, subscriptionId };
  return {
    kind: 'object',
    type,
    path,
    parent: normalisedParent,
    name: segments[segments.length - 1] as string,
    subscriptionId,
  };
}

/** Lower-cased id → object, and the lookups the list operations need. */
export class ArmIndex {
  readonly byId = new Map<string, ArmObject>();
  readonly subscriptions = new Map<string, ArmObject>();
  private readonly collections = new Map<string, ArmObject[]>();
  readonly knownTypes = new Set<string>(ALWAYS_KNOWN_TYPES.map((t) => t.toLowerCase()));

  constructor(readonly state: AzureEstate) {
    for (const sub of state.subscriptions) {
      this.subscriptions.set(String(sub.subscriptionId).toLowerCase(), sub);
      this.byId.set(sub.id.toLowerCase(), sub);
    }
    for (const o of state.resources) {
      const lid = o.id.toLowerCase();
      this.byId.set(lid, o);
      this.knownTypes.add(o.type.toLowerCase());
      const route = parseArmPath(o.id.split('/').filter(Boolean));
      if (route.kind !== 'object') continue;
      const collection = o.id.slice(0, o.id.lastIndexOf('/')).toLowerCase();
      this.push(collection, o);
      // Tracked resources directly in a resource group are also listed subscription-wide.
      const topLevel =
        /^\/subscriptions\/([^/]+)\/resourcegroups\/[^/]+\/providers\/([^/]+)\/([^/]+)\/[^/]+$/.exec(lid);
      if (topLevel) this.push(`/subscriptions/${topLevel[1]}/providers/${topLevel[2]}/${topLevel[3]}`, o);
    }
  }

  private push(key: string, o: ArmObject): void {
    const list = this.collections.get(key);
    if (list) list.push(o);
    else this.collections.set(key, [o]);
  }

  collection(path: string): ArmObject[] {
    return this.collections.get(path.toLowerCase()) ?? [];
  }

  /** Whether an object / subscription exists at this id ('' is the tenant root). */
  exists(id: string): boolean {
    return id === '' || this.byId.has(id.toLowerCase());
  }

  ofType(type: string, subscriptionId: string): ArmObject[] {
    const t = type.toLowerCase();
    const prefix = `/subscriptions/${subscriptionId.toLowerCase()}/`;
    return this.state.resources.filter(
      (o) => o.type.toLowerCase() === t && o.id.toLowerCase().startsWith(prefix),
    );
  }
}

/** The `Microsoft.X/a/b` type of an object id's collection, for messages. */
export function shortType(type: string): string {
  return type.split('/').slice(1).join('/');
}
