import { googleError } from './errors.ts';
import type { GcpApi, RouteSpec } from './routes.ts';

/**
 * Agent Registry v1 collections answered: list only (aispm never reads one entry alone). Endpoints are not served:
 * on the simulator's single host `/v1/projects/{p}/locations/{l}/endpoints` is Vertex AI's collection, and the
 * connector does not read Agent Registry endpoints.
 */
const REGISTRY_COLLECTIONS = ['agents', 'mcpServers', 'bindings'] as const;

const OPERATIONS: Record<(typeof REGISTRY_COLLECTIONS)[number], string> = {
  agents: 'agentregistry:ListAgents',
  mcpServers: 'agentregistry:ListMcpServers',
  bindings: 'agentregistry:ListBindings',
};

/**
 * Agent Registry v1 (`agentregistry.googleapis.com`): a project's agents, MCP servers (with their tools) and
 * bindings per location, paged with `pageToken` like every list. Names carry the project number; the estate keeps
 * the objects in `collections` under `projects/{number}/locations/{l}/{collection}`.
 */
export function agentRegistryRoutes(api: GcpApi): RouteSpec[] {
  return [
    {
      method: 'GET',
      pattern: new RegExp(`^/v1/projects/([^/]+)/locations/([^/]+)/(${REGISTRY_COLLECTIONS.join('|')})$`),
      operation: (params) => OPERATIONS[params[2] as keyof typeof OPERATIONS],
      project: (params) => api.project(params[0] as string),
      handler: ({ params, project, url, operation }) => {
        const [ref, location, collection] = params as [string, string, string];
        if (!project) return googleError(403, `Permission denied on resource project ${ref}.`);
        const items =
          api.state.collections[`projects/${project.projectNumber}/locations/${location}/${collection}`] ??
          [];
        return api.page(items, collection, url, operation);
      },
    },
  ];
}
