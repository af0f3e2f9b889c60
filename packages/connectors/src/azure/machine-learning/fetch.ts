import type { ComputeResource, Workspace } from '@azure/arm-machinelearning';
import type { GenericResource } from '@azure/arm-resources';
import { mapLimit } from '../../shared/paging.ts';
import { collectArm, resourceGroupOf } from '../arm.ts';
import { listVaults } from '../key-vault/fetch.ts';
import type { AzureFetchEnv } from '../service.ts';
import { fetchWorkspaceServing, type RawWorkspaceServing } from './serving-fetch.ts';

/** `@azure/arm-machinelearning` 2.x has no registries operation: they are read with generic ARM calls. */
export const ML_REGISTRY_API_VERSION = '2024-04-01';

export interface RawMachineLearning {
  /** `serving`: online endpoints and datastores (absent in captures made before they were read). */
  workspaces: { workspace: Workspace; computes: ComputeResource[]; serving?: RawWorkspaceServing }[];
  registries: GenericResource[];
  /** ARM ids of the subscription's storage accounts, to resolve a datastore's account name. */
  storageAccounts?: string[];
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
          filter:
            "resourceType eq 'Microsoft.MachineLearningServices/registries' or resourceType eq 'Microsoft.Storage/storageAccounts'",
        }),
      ),
    ),
    listVaults(env),
  ]);
  const workspaces = await mapLimit(
    list.filter((w) => w.id && w.name),
    env.fanOut,
    async (workspace) => ({
      workspace,
      serving: await fetchWorkspaceServing(env, ml, workspace),
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
    env.fanOut,
    async (r) =>
      // Denied: the registry is kept from its list entry.
      (await env.gaps.item('Registries_Get', r.id as string, () =>
        arm.resources.getById(r.id as string, ML_REGISTRY_API_VERSION, env.call),
      )) ?? r,
  );
  const storageAccounts = resources
    .filter((r) => r.id && r.type?.toLowerCase() === 'microsoft.storage/storageaccounts')
    .map((r) => r.id as string);
  return { workspaces, registries, vaults, storageAccounts };
}
