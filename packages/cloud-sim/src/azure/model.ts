/** One ARM object exactly as the management API returns it (resource groups, resources, child and extension resources). */
export interface ArmObject {
  id: string;
  name: string;
  type: string;
  [field: string]: unknown;
}

/** A service principal the token endpoint accepts client-credential requests from. */
export interface AzureAppCredential {
  clientId: string;
  clientSecret: string;
  displayName: string;
}

/** The simulated Azure tenant: everything the ARM and AAD endpoints answer from. */
export interface AzureEstate {
  tenantId: string;
  /** The scanner's own app registration (what `startCloudSim` reports as the Azure credentials). */
  clientId: string;
  clientSecret: string;
  /** Every app registration the token endpoint accepts, the scanner's first. */
  apps: AzureAppCredential[];
  /** Management group chain the subscriptions sit under, root first (informational; no ARM API served). */
  managementGroups: { id: string; displayName: string }[];
  /** Subscription objects as `GET /subscriptions` returns them. */
  subscriptions: ArmObject[];
  /**
   * Every other ARM object, in a stable order: resource groups, resources, child resources (deployments,
   * containers, computes …) and extension resources (role assignments, role definitions, diagnostic settings).
   */
  resources: ArmObject[];
  /**
   * The Foundry Agent Service data plane: each Foundry project's agents, as `GET {project endpoint}/assistants`
   * lists them (absent: no project has agents).
   */
  foundryAgents?: FoundryProjectAgents[];
}

/** One agent exactly as the Agent Service answers it (the `Agent` model of `@azure/ai-agents`, wire names). */
export interface FoundryAgent {
  id: string;
  object: 'assistant';
  created_at: number;
  name: string | null;
  description: string | null;
  model: string;
  instructions: string | null;
  tools: Record<string, unknown>[];
  tool_resources: Record<string, unknown> | null;
  temperature: number | null;
  top_p: number | null;
  response_format?: unknown;
  metadata: Record<string, string> | null;
}

/** The agents of one Foundry project, served under `https://{host}/api/projects/{project}`. */
export interface FoundryProjectAgents {
  /** `{account}.services.ai.azure.com` */
  host: string;
  project: string;
  /** The subscription the account is in (fault rules and rate limits match it). */
  subscriptionId: string;
  agents: FoundryAgent[];
  /**
   * The project's agents of the (new) Foundry Agent Service, as `GET {project endpoint}/agents?api-version=v1`
   * lists them (`@azure/ai-projects`): named, versioned agents (absent: none).
   */
  versionedAgents?: FoundryVersionedAgent[];
}

/** One (new) Foundry agent exactly as the service answers it (the `Agent` model of `@azure/ai-projects`, wire names). */
export interface FoundryVersionedAgent {
  object: 'agent';
  /** The service gives an agent its name as its id. */
  id: string;
  name: string;
  versions: { latest: FoundryAgentVersion };
}

/** One version of a (new) Foundry agent (`AgentVersion` of `@azure/ai-projects`, wire names). */
export interface FoundryAgentVersion {
  object: 'agent.version';
  /** `{name}:{version}` */
  id: string;
  name: string;
  version: string;
  description?: string;
  /** Unix seconds. */
  created_at: number;
  metadata: Record<string, string>;
  status?: 'active';
  /** `{ kind: 'prompt', model, instructions, tools, … }` (a `PromptAgentDefinition`). */
  definition: Record<string, unknown>;
}
