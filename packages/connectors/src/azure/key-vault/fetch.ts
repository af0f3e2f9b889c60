import type { GenericResourceExpanded } from '@azure/arm-resources';
import { mapLimit } from '../../shared/paging.ts';
import { collectArm, listArmGeneric, type VaultIndex } from '../arm.ts';
import type { AzureFetchEnv } from '../service.ts';

/** Key Vault has no SDK in this package's set: keys are read with generic ARM GETs at the Key Vault api-version. */
export const KEY_VAULT_API_VERSION = '2023-07-01';

export async function listVaults(env: AzureFetchEnv): Promise<GenericResourceExpanded[]> {
  const { ResourceManagementClient } = await import('@azure/arm-resources');
  const client = env.clients.get(ResourceManagementClient);
  const all = await env.gaps.list('Resources_List', 'Microsoft.Resources/subscriptions/resources/read', () =>
    collectArm(client.resources.list({ ...env.call, filter: "resourceType eq 'Microsoft.KeyVault/vaults'" })),
  );
  // The filter is advisory for us: keep only vaults whatever the server honoured.
  return all.filter((r) => r.type?.toLowerCase() === 'microsoft.keyvault/vaults' && r.id);
}

export function vaultIndex(vaults: readonly GenericResourceExpanded[]): VaultIndex {
  return new Map(vaults.map((v) => [String(v.name).toLowerCase(), String(v.id)]));
}

export interface RawKeyVault {
  vault: GenericResourceExpanded;
  keys: Record<string, unknown>[];
}

/** `GET {vaultId}/keys`, following nextLink. */
async function listKeys(env: AzureFetchEnv, vaultId: string): Promise<Record<string, unknown>[]> {
  const { ResourceManagementClient } = await import('@azure/arm-resources');
  return listArmGeneric(
    env.clients.get(ResourceManagementClient),
    `${vaultId}/keys`,
    KEY_VAULT_API_VERSION,
    env.call,
  );
}

export async function fetchKeyVault(env: AzureFetchEnv): Promise<RawKeyVault[]> {
  const vaults = await listVaults(env);
  return mapLimit(vaults, env.fanOut, async (vault) => ({
    vault,
    keys: (await env.gaps.item('Keys_List', String(vault.id), () => listKeys(env, String(vault.id)))) ?? [],
  }));
}
