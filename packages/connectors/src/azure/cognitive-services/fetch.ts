import type {
  Account,
  DefenderForAISetting,
  Deployment,
  PrivateEndpointConnection,
  RaiPolicy,
} from '@azure/arm-cognitiveservices';
import type { GenericResourceExpanded } from '@azure/arm-resources';
import { mapLimit } from '../../shared/paging.ts';
import { collectArm, resourceGroupOf } from '../arm.ts';
import { listVaults } from '../key-vault/fetch.ts';
import { type DiagnosticSetting, listDiagnosticSettings } from '../monitor.ts';
import type { AzureFetchEnv } from '../service.ts';
import { fetchDefenderForAi, fetchFoundry, type RawFoundry } from './foundry-fetch.ts';

export interface RawCognitiveAccount {
  account: Account;
  deployments: Deployment[];
  raiPolicies: RaiPolicy[];
  privateEndpointConnections: PrivateEndpointConnection[];
  diagnosticSettings: DiagnosticSetting[];
  /** Undefined when the read was denied. */
  defenderForAISettings?: DefenderForAISetting[] | undefined;
  /** Projects, connections and capability hosts of an Azure AI Foundry account. */
  foundry?: RawFoundry | undefined;
}

export interface RawCognitiveServices {
  accounts: RawCognitiveAccount[];
  vaults: GenericResourceExpanded[];
}

export async function fetchCognitiveServices(env: AzureFetchEnv): Promise<RawCognitiveServices> {
  const { CognitiveServicesManagementClient } = await import('@azure/arm-cognitiveservices');
  const client = env.clients.get(CognitiveServicesManagementClient);
  const [list, vaults] = await Promise.all([
    env.gaps.list('Accounts_List', 'Microsoft.CognitiveServices/accounts/read', () =>
      collectArm(client.accounts.list(env.call)),
    ),
    listVaults(env),
  ]);
  // The Foundry agent listings wait for this task (`after`): it reads as many accounts at a time as the scan lets it.
  const accounts = await mapLimit(
    list.filter((a) => a.id && a.name),
    env.fanOut,
    async (account): Promise<RawCognitiveAccount> => {
      const rg = resourceGroupOf(account.id as string);
      const name = account.name as string;
      const id = account.id as string;
      // A denied read keeps the account; what it would have said is marked unknown (the module's itemReads).
      const [deployments, raiPolicies, pecs, diagnosticSettings, defenderForAISettings, foundry] =
        await Promise.all([
          env.gaps.item('Deployments_List', id, () =>
            collectArm(client.deployments.list(rg, name, env.call)),
          ),
          env.gaps.item('RaiPolicy_List', id, () => collectArm(client.raiPolicies.list(rg, name, env.call))),
          env.gaps.item('PrivateEndpointConnections_List', id, () =>
            client.privateEndpointConnections.list(rg, name, env.call),
          ),
          env.gaps.item('DiagnosticSettings_List', id, () => listDiagnosticSettings(env, id)),
          fetchDefenderForAi(env, client, account),
          fetchFoundry(env, client, account),
        ]);
      return {
        account,
        deployments: deployments ?? [],
        raiPolicies: raiPolicies ?? [],
        privateEndpointConnections: pecs?.value ?? [],
        diagnosticSettings: diagnosticSettings ?? [],
        defenderForAISettings,
        foundry,
      };
    },
  );
  return { accounts, vaults };
}
