/** Constants, ids and workload profiles shared by the Azure estate's subscription and workload builders. */
import { assetId, type Rng } from '@aispm/core';

/** Built-in role definition GUIDs (the real ones, so role-name lookups in connectors can be tested). */
export const AZURE_BUILTIN_ROLES = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Cognitive Services OpenAI User': '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  'Cognitive Services OpenAI Contributor': 'a001fd3d-188f-4b5d-821b-7da978bf7442',
  'Search Index Data Reader': '1407120a-92aa-4202-b7e9-c0e197c71c8f',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'Azure AI User': '53ca6127-db72-4b80-b1b0-d745d6d5456d',
} as const;
export type RoleName = keyof typeof AZURE_BUILTIN_ROLES;

export const ROLE_PERMISSIONS: Record<RoleName, { actions: string[]; dataActions: string[] }> = {
  Owner: { actions: ['*'], dataActions: [] },
  Contributor: { actions: ['*'], dataActions: [] },
  Reader: { actions: ['*/read'], dataActions: [] },
  'Cognitive Services OpenAI User': {
    actions: ['Microsoft.CognitiveServices/*/read'],
    dataActions: [
      'Microsoft.CognitiveServices/accounts/OpenAI/*/read',
      'Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action',
    ],
  },
  'Cognitive Services OpenAI Contributor': {
    actions: ['Microsoft.CognitiveServices/*/read', 'Microsoft.CognitiveServices/accounts/deployments/write'],
    dataActions: ['Microsoft.CognitiveServices/accounts/OpenAI/*'],
  },
  'Search Index Data Reader': {
    actions: [],
    dataActions: ['Microsoft.Search/searchServices/indexes/documents/read'],
  },
  'Storage Blob Data Reader': {
    actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/read'],
    dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
  },
  'Storage Blob Data Contributor': {
    actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/*'],
    dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'],
  },
  // Foundry User (formerly Azure AI User): builds and runs a Foundry project's agents.
  'Azure AI User': {
    actions: ['Microsoft.CognitiveServices/*/read'],
    dataActions: ['Microsoft.CognitiveServices/*'],
  },
};

export const LOCATIONS = ['eastus', 'swedencentral', 'westeurope', 'eastus2'] as const;
export const APPS = [
  'copilot',
  'contracts',
  'support',
  'search',
  'claims',
  'hr-assist',
  'kyc',
  'forecast',
  'triage',
  'docqa',
];
export const CHAT_MODELS = [
  { name: 'gpt-4o', version: '2024-08-06' },
  { name: 'gpt-4o-mini', version: '2024-07-18' },
  { name: 'gpt-4.1', version: '2025-04-14' },
  { name: 'o3-mini', version: '2025-01-31' },
] as const;
export const EMBEDDING_MODELS = [
  { name: 'text-embedding-3-large', version: '1' },
  { name: 'text-embedding-3-small', version: '1' },
  { name: 'text-embedding-ada-002', version: '2' },
] as const;
export const HARM_CATEGORIES = ['Hate', 'Sexual', 'Violence', 'Selfharm'] as const;
export const CREATED = '2025-03-14T09:12:44.1234567Z';

export function guid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** How a workload is configured: which of its settings are planted weaknesses. */
export interface WorkloadProfile {
  aiPublic: boolean;
  aiLocalAuth: boolean;
  aiCmk: boolean;
  aiDiagnostics: boolean;
  unguardedDeployment: boolean;
  weakFilter: boolean;
  /** The team's own content filter leaves Prompt Shields for indirect attacks (documents, tool output) off. */
  indirectShieldOff: boolean;
  foreignInvoker: boolean;
  searchPublic: boolean;
  searchKeys: boolean;
  storagePublicContainer: boolean;
  storageCmk: boolean;
  mlWorkspace: boolean;
  mlPublic: boolean;
  computePublicIp: boolean;
  /** Microsoft Defender for AI services is off on the AI account. */
  defenderForAiOff: boolean;
  /** The Foundry account holds a connection shared to all its projects that authenticates with a stored API key. */
  foundrySharedKeyConnection: boolean;
  /** A Foundry project connects its agents to a remote MCP server with no authentication. */
  foundryMcpNoAuth: boolean;
  /**
   * A Foundry agent grounds on Bing web search (untrusted web content) and also holds an OpenAPI tool to an outside
   * host (an outbound channel): the indirect prompt injection → exfiltration pair. Its clean twin searches the
   * team's own index instead.
   */
  foundryAgentExfil: boolean;
  /** The ML workspace's online endpoint takes static keys (`authMode: Key`) instead of Entra ID tokens. */
  mlEndpointKeyAuth: boolean;
  /** What the ML workspace's training-data datastore stores to reach its container (`None`: identity-based). */
  mlDatastoreCredential: 'None' | 'AccountKey' | 'Sas';
}

/**
 * Profiles rotate so every planted concept appears even in the smallest estate: 0 = fully sound, 1 = wide
 * open, 2 = hygiene gaps, 3 = dice.
 */
export function profileFor(index: number, rng: Rng): WorkloadProfile {
  const mode = index % 4;
  const all = (v: boolean): WorkloadProfile => ({
    aiPublic: v,
    aiLocalAuth: v,
    aiCmk: !v,
    aiDiagnostics: !v,
    unguardedDeployment: v,
    weakFilter: false,
    indirectShieldOff: v,
    foreignInvoker: false,
    searchPublic: v,
    searchKeys: v,
    storagePublicContainer: v,
    storageCmk: !v,
    mlWorkspace: index % 2 === 0,
    mlPublic: v,
    computePublicIp: v,
    defenderForAiOff: v,
    foundrySharedKeyConnection: v,
    foundryMcpNoAuth: v,
    foundryAgentExfil: v,
    mlEndpointKeyAuth: v,
    mlDatastoreCredential: v ? 'AccountKey' : 'None',
  });
  if (mode === 0) return all(false);
  if (mode === 1) return { ...all(true), aiDiagnostics: true };
  if (mode === 2)
    return {
      ...all(false),
      aiCmk: false,
      aiDiagnostics: false,
      weakFilter: true,
      indirectShieldOff: true,
      foreignInvoker: true,
      storageCmk: false,
      defenderForAiOff: true,
      mlEndpointKeyAuth: true,
      mlDatastoreCredential: 'AccountKey',
    };
  return {
    aiPublic: rng.chance(0.5),
    aiLocalAuth: rng.chance(0.5),
    aiCmk: rng.chance(0.5),
    aiDiagnostics: rng.chance(0.5),
    unguardedDeployment: rng.chance(0.3),
    weakFilter: rng.chance(0.3),
    indirectShieldOff: false,
    foreignInvoker: rng.chance(0.3),
    searchPublic: rng.chance(0.5),
    searchKeys: rng.chance(0.5),
    storagePublicContainer: rng.chance(0.3),
    storageCmk: rng.chance(0.5),
    mlWorkspace: rng.chance(0.5),
    mlPublic: rng.chance(0.5),
    computePublicIp: rng.chance(0.5),
    // Drawn last, so the earlier draws (and the estate they shape) stay what they were.
    defenderForAiOff: rng.chance(0.5),
    foundrySharedKeyConnection: rng.chance(0.5),
    foundryMcpNoAuth: rng.chance(0.5),
    mlEndpointKeyAuth: rng.chance(0.5),
    mlDatastoreCredential: rng.chance(0.5) ? 'Sas' : 'None',
    foundryAgentExfil: rng.chance(0.5),
  };
}

/** The manifest id of an ARM object. */
export function id(nativeId: string): string {
  return assetId('azure', nativeId);
}
