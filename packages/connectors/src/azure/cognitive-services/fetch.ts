import type { Account, Deployment, PrivateEndpointConnection, RaiPolicy } from '@azure/arm-cognitiveservices';
import type { GenericResourceExpanded } from '@azure/arm-resources';
import { mapLimit } from '../../shared/paging.ts';
import { collectArm, resourceGroupOf } from '../arm.ts';
import { listVaults } from '../key-vault/fetch.ts';
import { type DiagnosticSetting, listDiagnosticSettings } from '../monitor.ts';
import type { AzureFetchEnv } from '../service.ts';

export interface RawCognitiveAccount {
  account: Account;
  deployments: Deployment[];
  raiPolicies: RaiPolicy[];
  privateEndpointConnections: PrivateEndpointConnection[];
  diagnosticSettings: DiagnosticSetting[];
}

export interface RawCognitiveServices {
  accounts: RawCognitiveAccount[];
  vaults: GenericResourceExpanded[];
}

export async function fetchCognitiveServices(env: AzureFetchEnv): Promise<RawCognitiveServices> {
  const { CognitiveServicesManagementClient } = await import('@azure/arm-cognitiveservices');
  const client = env.clients.get(CognitiveServicesManagementClient);
  const [list, vaults] = await Promise.all([collectArm(client.accounts.list(env.call)), listVaults(env)]);
  const accounts = await mapLimit(
    list.filter((a) => a.id && a.name),
    4,
    async (account): Promise<RawCognitiveAccount> => {
      const rg = resourceGroupOf(account.id as string);
      const name = account.name as string;
      const [deployments, raiPolicies, pecs, diagnosticSettings] = await Promise.all([
        collectArm(client.deployments.list(rg, name, env.call)),
        collectArm(client.raiPolicies.list(rg, name, env.call)),
        client.privateEndpointConnections.list(rg, name, env.call),
        listDiagnosticSettings(env, account.id as string),
      ]);
      return {
        account,
        deployments,
        raiPolicies,
        privateEndpointConnections: pecs.value ?? [],
        diagnosticSettings,
      };
    },
  );
  return { accounts, vaults };
}
