import type { RoleAssignment, RoleDefinition } from '@azure/arm-authorization';
import type { GenericResource } from '@azure/arm-resources';
import { mapLimit } from '../../shared/paging.ts';
import { collectArm } from '../arm.ts';
import type { AzureFetchEnv } from '../service.ts';

/** No managed-identity SDK in this package's set: identities are read with generic ARM calls. */
export const MANAGED_IDENTITY_API_VERSION = '2023-01-31';

export interface RawAuthorization {
  roleAssignments: RoleAssignment[];
  roleDefinitions: RoleDefinition[];
  identities: GenericResource[];
  /** Top-level resources (id and type), to resolve role assignments scoped to a resource group. */
  resources?: { id: string; type: string }[];
}

export async function fetchAuthorization(env: AzureFetchEnv): Promise<RawAuthorization> {
  const [{ AuthorizationManagementClient }, { ResourceManagementClient }] = await Promise.all([
    import('@azure/arm-authorization'),
    import('@azure/arm-resources'),
  ]);
  const auth = env.clients.get(AuthorizationManagementClient);
  const arm = env.clients.get(ResourceManagementClient);
  const [roleAssignments, roleDefinitions, listed] = await Promise.all([
    env.gaps.list('RoleAssignments_ListForSubscription', 'Microsoft.Authorization/roleAssignments/read', () =>
      collectArm(auth.roleAssignments.listForSubscription(env.call)),
    ),
    env.gaps.list('RoleDefinitions_List', 'Microsoft.Authorization/roleDefinitions/read', () =>
      collectArm(auth.roleDefinitions.list(`/subscriptions/${env.subscriptionId}`, env.call)),
    ),
    env.gaps.list('Resources_List', 'Microsoft.Resources/subscriptions/resources/read', () =>
      collectArm(arm.resources.list(env.call)),
    ),
  ]);
  const identities = await mapLimit(
    listed.filter(
      (r) => r.id && r.type?.toLowerCase() === 'microsoft.managedidentity/userassignedidentities',
    ),
    4,
    async (r) =>
      // Denied: the identity is kept from its list entry (its principal id is then unknown).
      (await env.gaps.item('UserAssignedIdentities_Get', r.id as string, () =>
        arm.resources.getById(r.id as string, MANAGED_IDENTITY_API_VERSION, env.call),
      )) ?? r,
  );
  const resources = listed
    .filter((r) => r.id && r.type)
    .map((r) => ({ id: r.id as string, type: r.type as string }));
  return { roleAssignments, roleDefinitions, identities, resources };
}
