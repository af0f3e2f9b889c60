import type {
  Account,
  CapabilityHost,
  CognitiveServicesManagementClient,
  ConnectionPropertiesV2BasicResource,
  DefenderForAISetting,
  Project,
  ProjectCapabilityHost,
} from '@azure/arm-cognitiveservices';
import { collectArm, resourceGroupOf } from '../arm.ts';
import type { AzureFetchEnv } from '../service.ts';

export interface RawFoundryProject {
  project: Project;
  connections: ConnectionPropertiesV2BasicResource[];
  /** Undefined when the read was denied (where agent state is kept is then not known). */
  capabilityHosts: ProjectCapabilityHost[] | undefined;
}

/** What an AIServices account with project management (an Azure AI Foundry resource) holds. */
export interface RawFoundry {
  projects: RawFoundryProject[];
  connections: ConnectionPropertiesV2BasicResource[];
  capabilityHosts: CapabilityHost[] | undefined;
}

/** The name an ARM child id ends with (a project's `name` may come back as `account/project`). */
function lastSegment(id: string): string {
  return id.split('/').filter(Boolean).pop() ?? id;
}

/**
 * Defender for AI settings of an account. Undefined when the read was denied, so the account's threat protection
 * stays unknown instead of reading as off.
 */
export function fetchDefenderForAi(
  env: AzureFetchEnv,
  client: CognitiveServicesManagementClient,
  account: Account,
): Promise<DefenderForAISetting[] | undefined> {
  const id = account.id as string;
  return env.gaps.item('DefenderForAISettings_List', id, () =>
    collectArm(client.defenderForAISettings.list(resourceGroupOf(id), account.name as string, env.call)),
  );
}

/**
 * Projects, connections and capability hosts of a Foundry account (none for a classic account). Each list is a
 * per-item read: a denied one loses only what it would have listed.
 */
export async function fetchFoundry(
  env: AzureFetchEnv,
  client: CognitiveServicesManagementClient,
  account: Account,
): Promise<RawFoundry | undefined> {
  if (account.properties?.allowProjectManagement !== true) return undefined;
  const id = account.id as string;
  const rg = resourceGroupOf(id);
  const name = account.name as string;
  const [projects, connections, capabilityHosts] = await Promise.all([
    env.gaps.item('Projects_List', id, () => collectArm(client.projects.list(rg, name, env.call))),
    env.gaps.item('AccountConnections_List', id, () =>
      collectArm(client.accountConnections.list(rg, name, env.call)),
    ),
    env.gaps.item('AccountCapabilityHosts_List', id, () =>
      collectArm(client.accountCapabilityHosts.list(rg, name, env.call)),
    ),
  ]);
  const withChildren = await Promise.all(
    (projects ?? [])
      .filter((p) => p.id)
      .map(async (project): Promise<RawFoundryProject> => {
        const pid = project.id as string;
        const pname = lastSegment(pid);
        const [projectConnections, projectHosts] = await Promise.all([
          env.gaps.item('ProjectConnections_List', pid, () =>
            collectArm(client.projectConnections.list(rg, name, pname, env.call)),
          ),
          env.gaps.item('ProjectCapabilityHosts_List', pid, () =>
            collectArm(client.projectCapabilityHosts.list(rg, name, pname, env.call)),
          ),
        ]);
        return { project, connections: projectConnections ?? [], capabilityHosts: projectHosts };
      }),
  );
  return { projects: withChildren, connections: connections ?? [], capabilityHosts };
}
