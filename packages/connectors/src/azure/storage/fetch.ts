import type { GenericResourceExpanded } from '@azure/arm-resources';
import type { BlobServiceProperties, ListContainerItem, StorageAccount } from '@azure/arm-storage';
import { mapLimit } from '../../shared/paging.ts';
import { collectArm, resourceGroupOf } from '../arm.ts';
import { listVaults } from '../key-vault/fetch.ts';
import type { AzureFetchEnv } from '../service.ts';

export interface RawStorageAccount {
  account: StorageAccount;
  blobServices: BlobServiceProperties[];
  containers: ListContainerItem[];
}

export interface RawStorage {
  accounts: RawStorageAccount[];
  vaults: GenericResourceExpanded[];
}

export async function fetchStorage(env: AzureFetchEnv): Promise<RawStorage> {
  const { StorageManagementClient } = await import('@azure/arm-storage');
  const client = env.clients.get(StorageManagementClient);
  const [list, vaults] = await Promise.all([
    env.gaps.list('StorageAccounts_List', 'Microsoft.Storage/storageAccounts/read', () =>
      collectArm(client.storageAccounts.list(env.call)),
    ),
    listVaults(env),
  ]);
  const accounts = await mapLimit(
    list.filter((a) => a.id && a.name),
    env.fanOut,
    async (account): Promise<RawStorageAccount> => {
      const rg = resourceGroupOf(account.id as string);
      const name = account.name as string;
      const id = account.id as string;
      const [blobServices, containers] = await Promise.all([
        env.gaps.item('BlobServices_List', id, () =>
          collectArm(client.blobServices.list(rg, name, env.call)),
        ),
        env.gaps.item('BlobContainers_List', id, () =>
          collectArm(client.blobContainers.list(rg, name, env.call)),
        ),
      ]);
      return { account, blobServices: blobServices ?? [], containers: containers ?? [] };
    },
  );
  return { accounts, vaults };
}
