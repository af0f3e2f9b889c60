import { CREATED, guid, id } from '../common.ts';
import { assignRole } from '../subscription.ts';
import type { AiAccount } from './ai-account.ts';
import { foundryAgents } from './foundry-agents.ts';
import type { Workload } from './index.ts';
import type { Search } from './search.ts';
import type { Storage } from './storage.ts';

const CONNECTION_TYPE = 'Microsoft.CognitiveServices/accounts/connections';
const PROJECT_CONNECTION_TYPE = 'Microsoft.CognitiveServices/accounts/projects/connections';

/** Microsoft Defender for AI services on every AI account: Enabled, or Disabled where the profile plants it. */
export function defenderForAi(wl: Workload, ai: AiAccount): void {
  const { truth, add } = wl.sub.t;
  const off = wl.p.defenderForAiOff;
  add({
    id: `${ai.aiId}/defenderForAISettings/Default`,
    name: 'Default',
    type: 'Microsoft.CognitiveServices/accounts/defenderForAISettings',
    properties: { state: off ? 'Disabled' : 'Enabled' },
  });
  if (off)
    truth.risk(
      ai.aiAsset,
      'ai-service-threat-protection-disabled',
      `Defender for AI services is Disabled on ${ai.aiName}`,
    );
}

interface ConnectionSpec {
  name: string;
  category: string;
  authType: string;
  target: string;
  shared: boolean;
  metadata?: Record<string, string>;
  /** The estate asset the connection reads (its metadata names the ARM id). */
  reads?: string;
}

/**
 * The Azure AI Foundry side of an AIServices account: a project (system-assigned identity that may read the
 * search index), account connections shared to all projects (search and blob storage over Entra ID — and, where
 * the profile plants it, a partner API by stored key), project connections to remote MCP servers (OAuth — and,
 * where planted, one without any authentication), and the capability hosts that say where agent state is kept.
 */
export function foundry(wl: Workload, ai: AiAccount, srch: Search, st: Storage): void {
  const { truth, add, tenantId } = wl.sub.t;
  const { subscriptionId, location, env } = wl.sub;
  const { wrng, p, app, tags } = wl;
  const frng = wrng.fork('foundry');
  const { aiId, aiName, aiAsset } = ai;

  const projName = `proj-${app}`;
  const projId = `${aiId}/projects/${projName}`;
  const projPrincipal = guid(frng.fork('project-principal'));
  add({
    id: projId,
    name: projName,
    type: 'Microsoft.CognitiveServices/accounts/projects',
    location,
    tags,
    identity: { type: 'SystemAssigned', principalId: projPrincipal, tenantId },
    properties: {
      provisioningState: 'Succeeded',
      displayName: `${app} (${env})`,
      description: `Agents of the ${app} team`,
      isDefault: true,
      endpoints: { 'AI Foundry API': `https://${aiName}.services.ai.azure.com/api/projects/${projName}` },
    },
  });
  const projAsset = truth.asset(
    id(projId),
    'ml-workspace',
    'Microsoft.CognitiveServices/accounts/projects',
    subscriptionId,
    location,
    projName,
  );
  truth.edge('contains', aiAsset, projAsset);
  truth.markClean(projAsset);
  // Agents' file search reads the workload's index as the project: its identity holds the reader role there.
  const spId = `/providers/Microsoft.Graph/servicePrincipals/${projPrincipal}`;
  const spAsset = truth.asset(
    id(spId),
    'identity',
    'Microsoft.Graph/servicePrincipals',
    subscriptionId,
    'global',
    projPrincipal,
  );
  assignRole(
    wl.sub,
    frng.fork('ra-project-search'),
    srch.srchId,
    'Search Index Data Reader',
    projPrincipal,
    'ServicePrincipal',
  );
  truth.edge('runs-as', projAsset, spAsset);
  truth.edge('can-read', spAsset, srch.srchAsset);
  // The blob connection authenticates with Entra ID: agents' tools read the RAG documents as the project.
  assignRole(
    wl.sub,
    frng.fork('ra-project-blob'),
    st.stId,
    'Storage Blob Data Reader',
    projPrincipal,
    'ServicePrincipal',
  );
  truth.edge('can-read', spAsset, st.stAsset);
  truth.markClean(spAsset);

  const stName = st.stId.split('/').pop() as string;
  const srchName = srch.srchId.split('/').pop() as string;
  const accountConnections: ConnectionSpec[] = [
    {
      name: `${srchName}-conn`,
      category: 'CognitiveSearch',
      authType: 'AAD',
      target: `https://${srchName}.search.windows.net/`,
      shared: true,
      metadata: { ApiType: 'Azure', ResourceId: srch.srchId },
      reads: srch.srchAsset,
    },
    {
      name: `${stName}-conn`,
      category: 'AzureBlob',
      authType: 'AAD',
      target: `https://${stName}.blob.core.windows.net/`,
      shared: true,
      metadata: { ResourceId: st.stId, AccountName: stName, ContainerName: 'rag-documents' },
      reads: st.stAsset,
    },
  ];
  if (p.foundrySharedKeyConnection)
    accountConnections.push({
      name: 'partner-llm-key',
      category: 'ApiKey',
      authType: 'ApiKey',
      target: 'https://api.partner-llm.example.com/v1',
      shared: true,
    });
  for (const c of accountConnections) connection(wl, c, `${aiId}/connections/${c.name}`, aiAsset, aiName);

  const projectConnections: ConnectionSpec[] = [
    {
      // Grounding with Bing Search: the agents' web search, by the Bing resource's key.
      name: 'bing-grounding',
      category: 'GroundingWithBingSearch',
      authType: 'ApiKey',
      target: 'https://api.bing.microsoft.com/',
      shared: false,
      metadata: {
        type: 'bing_grounding',
        ApiType: 'Azure',
        ResourceId: `${wl.rgId}/providers/Microsoft.Bing/accounts/bing-${app}`,
      },
    },
    {
      name: 'github-mcp',
      category: 'RemoteTool',
      authType: 'OAuth2',
      target: 'https://api.githubcopilot.example.com/mcp',
      shared: false,
      metadata: { type: 'custom_MCP' },
    },
  ];
  if (p.foundryMcpNoAuth)
    projectConnections.push({
      name: `${app}-tools-mcp`,
      category: 'RemoteTool',
      authType: 'None',
      target: `https://mcp-${app}.contoso.example/mcp`,
      shared: false,
      metadata: { type: 'custom_MCP' },
    });
  for (const c of projectConnections)
    connection(wl, c, `${projId}/connections/${c.name}`, projAsset, `${aiName}/${projName}`);

  capabilityHosts(wl, aiId, projId, [`${srchName}-conn`], [`${stName}-conn`]);
  foundryAgents(wl, ai, {
    projId,
    projName,
    projAsset,
    identityAsset: spAsset,
    bingConnId: `${projId}/connections/bing-grounding`,
    searchConnId: `${aiId}/connections/${srchName}-conn`,
    dataStoreAsset: st.stAsset,
  });
}

/** One connection object and its truth: kind by category, planted risks by auth and sharing. */
function connection(wl: Workload, c: ConnectionSpec, connId: string, parent: string, where: string): void {
  const { truth, add } = wl.sub.t;
  const { subscriptionId, location } = wl.sub;
  const projectLevel = connId.toLowerCase().includes('/projects/');
  const type = projectLevel ? PROJECT_CONNECTION_TYPE : CONNECTION_TYPE;
  const mcp = c.category === 'RemoteTool';
  add({
    id: connId,
    name: c.name,
    type,
    properties: {
      authType: c.authType,
      category: c.category,
      target: c.target,
      isSharedToAll: c.shared,
      ...(c.metadata ? { metadata: c.metadata } : {}),
    },
    systemData: { createdAt: CREATED, createdBy: 'platform@contoso.example', createdByType: 'User' },
  });
  const asset = truth.asset(
    id(connId),
    mcp ? 'mcp-server' : 'agent-tool',
    mcp ? `${type}#mcp` : type,
    subscriptionId,
    location,
    c.name,
  );
  truth.edge('contains', parent, asset);
  if (c.reads) truth.edge('reads-from', asset, c.reads);
  let risky = false;
  if (c.shared && c.authType === 'ApiKey') {
    risky = true;
    truth.risk(
      asset,
      'agent-tool-shared-key-auth',
      `connection ${c.name} on ${where} is shared to all projects and authenticates with an API key`,
    );
  }
  if (c.authType === 'ApiKey') {
    risky = true;
    truth.risk(asset, 'agent-tool-static-credential', `connection ${c.name} on ${where} stores an API key`);
  }
  if (mcp && c.authType === 'None') {
    risky = true;
    truth.risk(asset, 'mcp-server-no-auth', `MCP connection ${c.name} on ${where} has authType None`);
  }
  if (!risky) truth.markClean(asset);
}

/**
 * Capability hosts: the account's agent host, and the project's, which keeps agent files and vector stores in
 * the customer's own storage and search (standard setup) where the account is private, else Microsoft-managed
 * (basic setup: no project capability host connections).
 */
function capabilityHosts(
  wl: Workload,
  aiId: string,
  projId: string,
  vectorStoreConnections: string[],
  storageConnections: string[],
): void {
  const { add } = wl.sub.t;
  add({
    id: `${aiId}/capabilityHosts/default`,
    name: 'default',
    type: 'Microsoft.CognitiveServices/accounts/capabilityHosts',
    properties: { capabilityHostKind: 'Agents', provisioningState: 'Succeeded' },
  });
  add({
    id: `${projId}/capabilityHosts/default`,
    name: 'default',
    type: 'Microsoft.CognitiveServices/accounts/projects/capabilityHosts',
    properties: wl.p.aiPublic
      ? { provisioningState: 'Succeeded' }
      : { provisioningState: 'Succeeded', vectorStoreConnections, storageConnections },
  });
}
