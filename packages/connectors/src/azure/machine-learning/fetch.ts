import type { ComputeResource, Workspace } from '@azure/arm-machinelearning';
import type { GenericResource } from '@azure/arm-resources';
import { mapLimit } from '../../shared/paging.ts';
import { collectArm, resourceGroupOf } from '../arm.ts';
import { listVaults } from '../key-vault/fetch.ts';
import type { AzureFetchEnv } from '../service.ts';

/** `@azure/arm-machinelearning` 2.x has no registries operation: they are read with generic ARM calls. */
export const ML_REGISTRY_API_VERSION = '2024-04-01';

export interface RawMachineLearning {
  workspaces: { workspace: Workspace; computes: ComputeResource[] }[];
  registries: GenericResource[];
  vaults: Awaited<ReturnType<typeof listVaults>>;
}

export async function fetchMachineLearning(env: AzureFetchEnv): Promise<RawMachineLearning> {
  const [{ AzureMachineLearningWorkspaces }, { ResourceManagementClient }] = await Promise.all([
    import('@azure/arm-machinelearning'),
    import('@azure/arm-resources'),
  ]);
  const ml = env.clients.get(AzureMachineLearningWorkspaces);
  const arm = env.clients.get(ResourceManagementClient);
  const [list, resources, vaults] = await Promise.all([
    env.gaps.list('Workspaces_ListBySubscription', 'Microsoft.MachineLearningServices/workspaces/read', () =>
      collectArm(ml.workspaces.listBySubscription(env.call)),
    ),
    env.gaps.list('Resources_List', 'Microsoft.Resources/subscriptions/resources/read', () =>
      collectArm(
        arm.resources.list({
          ...env.call,
          filter: "resourceType eq 'Microsoft.MachineLearningServices/registries'",
        }),
      ),
    ),
    listVaults(env),
  ]);
  const workspaces = await mapLimit(
    list.filter((w) => w.id && w.name),
    4,
    async (workspace) => ({
      workspace,
      computes:
        (await env.gaps.item('Compute_List', workspace.id as string, () =>
          collectArm(
            ml.computeOperations.list(
              resourceGroupOf(workspace.id as string),
              workspace.name as string,
              env.call,
            ),
          ),
        )) ?? [],
    }),
  );
  const registries = await mapLimit(
    resources.filter((r) => r.id && r.type?.toLowerCase() === 'microsoft.machinelearningservices/registries'),
    4,
    async (r) =>
      // Denied: the registry is kept from its list entry.
      (await env.gaps.item('Registries_Get', r.id as string, () =>
        arm.resources.getById(r.id as string, ML_REGISTRY_API_VERSION, env.call),
      )) ?? r,
  );
  return { workspaces, registries, vaults };
}
