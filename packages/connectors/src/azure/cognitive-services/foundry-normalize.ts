import { type AssetRecord, edge, type FactsOf, type GraphBatch } from '@aispm/core';
import type {
  CapabilityHost,
  ConnectionPropertiesV2BasicResource,
  DefenderForAISetting,
  ProjectCapabilityHost,
} from '@azure/arm-cognitiveservices';
import { armAssetId, azureAsset, userAssignedIdentityIds } from '../arm.ts';
import { servicePrincipalAssetId } from '../authorization/normalize.ts';
import type { AzureNormalizeScope } from '../service.ts';
import type { RawFoundry, RawFoundryProject } from './foundry-fetch.ts';

export const PROJECT_TYPE = 'Microsoft.CognitiveServices/accounts/projects';
export const ACCOUNT_CONNECTION_TYPE = 'Microsoft.CognitiveServices/accounts/connections';
export const PROJECT_CONNECTION_TYPE = 'Microsoft.CognitiveServices/accounts/projects/connections';
/** Suffix of the native type of a connection to a remote tool / MCP server (kind mcp-server). */
export const MCP_SUFFIX = '#mcp';

type CredentialType = NonNullable<Exclude<FactsOf<'agent-tool'>['credentialType'], { $unknown: string }>>;

/**
 * A connection's `authType` as the neutral credential: a stored secret of any shape (key, account key, SAS,
 * PAT, password) is an API key; OAuth and a service principal's client credentials are OAuth; Entra ID (the
 * caller's or the project's managed identity) is the platform's IAM. An unknown type stays unknown.
 */
const CREDENTIAL_TYPES: Record<string, CredentialType> = {
  apikey: 'api-key',
  customkeys: 'api-key',
  accountkey: 'api-key',
  accesskey: 'api-key',
  sas: 'api-key',
  pat: 'api-key',
  usernamepassword: 'api-key',
  oauth2: 'oauth',
  serviceprincipal: 'oauth',
  aad: 'iam',
  managedidentity: 'iam',
  none: 'none',
};

export function connectionCredentialType(authType: string | undefined): CredentialType | undefined {
  return authType ? CREDENTIAL_TYPES[authType.toLowerCase()] : undefined;
}

/**
 * Remote tools: Foundry files MCP servers under the `RemoteTool` category (not yet among the SDK's known
 * `ConnectionCategory` values, which the service extends); a category naming MCP counts too.
 */
export function isMcpConnection(category: string | undefined): boolean {
  return !!category && (category.toLowerCase() === 'remotetool' || /mcp/i.test(category));
}

/** Web-search grounding connections (Grounding with Bing Search / Custom Search, Bing LLM search). */
export function isWebSearchConnection(category: string | undefined): boolean {
  return !!category && /^(groundingwithbing|groundingwithcustomsearch|bingllmsearch)/i.test(category);
}

/** Defender for AI: on when a setting says Enabled; unknown (undefined) when the read was denied or said nothing. */
export function threatProtectionOf(
  settings: readonly DefenderForAISetting[] | undefined,
): boolean | undefined {
  if (!settings || settings.length === 0) return undefined;
  return settings.some((s) => s.state?.toLowerCase() === 'enabled');
}

const READABLE_TARGET_TYPES = ['microsoft.storage/storageaccounts', 'microsoft.search/searchservices'];

/** The storage account or search service a connection reads, when its target (or metadata ResourceId) is one's ARM id. */
export function connectionReadsFrom(c: ConnectionPropertiesV2BasicResource): string | undefined {
  const candidates = [c.properties?.target, c.properties?.metadata?.ResourceId];
  for (const candidate of candidates) {
    const id = candidate?.trim().replace(/\/+$/, '') ?? '';
    const m = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/([^/]+\/[^/]+)\/[^/]+$/i.exec(id);
    if (m?.[1] && READABLE_TARGET_TYPES.includes(m[1].toLowerCase())) return armAssetId(id);
  }
  return undefined;
}

/** Where a project's agents keep threads, files and vector stores: the customer's own connections, or Microsoft's. */
function agentStorage(hosts: readonly ProjectCapabilityHost[] | undefined) {
  if (!hosts) return undefined;
  const names = (pick: (p: NonNullable<ProjectCapabilityHost['properties']>) => string[] | undefined) => [
    ...new Set(hosts.flatMap((h) => pick(h.properties ?? {}) ?? [])),
  ];
  const threadStorageConnections = names((p) => p.threadStorageConnections);
  const storageConnections = names((p) => p.storageConnections);
  const vectorStoreConnections = names((p) => p.vectorStoreConnections);
  const customer =
    threadStorageConnections.length + storageConnections.length + vectorStoreConnections.length > 0;
  return {
    managedBy: customer ? 'customer' : 'microsoft',
    threadStorageConnections,
    storageConnections,
    vectorStoreConnections,
  };
}

interface Parent {
  assetId: string;
  region: string;
  /** Account connections may be shared to every project; a project's own are the project's alone. */
  level: 'account' | 'project';
}

function connectionAsset(c: ConnectionPropertiesV2BasicResource, parent: Parent, scope: AzureNormalizeScope) {
  const id = armAssetId(c.id as string);
  const p = c.properties;
  const mcp = isMcpConnection(p?.category);
  const type = parent.level === 'account' ? ACCOUNT_CONNECTION_TYPE : PROJECT_CONNECTION_TYPE;
  const credentialType = connectionCredentialType(p?.authType);
  const facts = {
    ...(credentialType ? { credentialType } : {}),
    sharedToAll: parent.level === 'account' && p?.isSharedToAll === true,
    // Grounding with Bing (custom) search: agents calling it read what any web page says.
    ...(!mcp && isWebSearchConnection(p?.category)
      ? { toolType: 'web-search' as const, readsWebContent: true }
      : {}),
  };
  const asset: AssetRecord = azureAsset({
    id,
    kind: mcp ? 'mcp-server' : 'agent-tool',
    accountId: scope.subscriptionId,
    region: parent.region,
    name: c.name?.split('/').pop() ?? id,
    nativeType: mcp ? `${type}${MCP_SUFFIX}` : type,
    properties: {
      category: p?.category,
      authType: p?.authType,
      target: p?.target,
      isSharedToAll: p?.isSharedToAll,
      sharedUserList: p?.sharedUserList,
      group: p?.group,
      metadata: p?.metadata,
      expiryTime: p?.expiryTime,
      peRequirement: p?.peRequirement,
      useWorkspaceManagedIdentity: p?.useWorkspaceManagedIdentity,
      parentId: parent.assetId,
    },
    facts,
  });
  const edges = [edge('contains', parent.assetId, id)];
  const reads = connectionReadsFrom(c);
  if (reads) edges.push(edge('reads-from', id, reads, { via: 'connection target' }));
  return { asset, edges };
}

function projectAsset(
  raw: RawFoundryProject,
  accountAssetId: string,
  region: string,
  accountHosts: readonly CapabilityHost[] | undefined,
  scope: AzureNormalizeScope,
) {
  const { project } = raw;
  const id = armAssetId(project.id as string);
  const principalId = project.identity?.principalId;
  const asset = azureAsset({
    id,
    kind: 'ml-workspace',
    accountId: scope.subscriptionId,
    region: project.location ?? region,
    name: project.name?.split('/').pop() ?? id,
    nativeType: PROJECT_TYPE,
    properties: {
      displayName: project.properties?.displayName,
      description: project.properties?.description,
      isDefault: project.properties?.isDefault,
      endpoints: project.properties?.endpoints,
      identityType: project.identity?.type,
      principalId,
      foundryAccountId: accountAssetId,
      // The project's capability host names the customer's stores; without one Microsoft keeps agent state.
      agentStorage: agentStorage(raw.capabilityHosts),
      capabilityHostKinds: accountHosts?.map((h) => h.properties?.capabilityHostKind).filter(Boolean),
    },
    tags: project.tags,
  });
  const edges = [edge('contains', accountAssetId, id)];
  // A system-assigned identity is a service principal: the authorization module names it by its object id.
  if (principalId) edges.push(edge('runs-as', id, servicePrincipalAssetId(principalId)));
  for (const mi of userAssignedIdentityIds(project.identity)) edges.push(edge('runs-as', id, mi));
  return { asset, edges };
}

/** The Foundry projects and connections of one account, appended to the batch. */
export function normalizeFoundry(
  foundry: RawFoundry,
  accountAssetId: string,
  region: string,
  scope: AzureNormalizeScope,
  batch: GraphBatch,
): void {
  const add = (x: { asset: AssetRecord; edges: GraphBatch['edges'] }) => {
    batch.assets.push(x.asset);
    batch.edges.push(...x.edges);
  };
  for (const c of foundry.connections)
    if (c.id) add(connectionAsset(c, { assetId: accountAssetId, region, level: 'account' }, scope));
  for (const raw of foundry.projects) {
    const project = projectAsset(raw, accountAssetId, region, foundry.capabilityHosts, scope);
    add(project);
    for (const c of raw.connections)
      if (c.id) add(connectionAsset(c, { assetId: project.asset.id, region, level: 'project' }, scope));
  }
}
