import type { ItemRead } from '../../types.ts';
import { azureItemRead } from '../service.ts';
import {
  ACCOUNT_CONNECTION_TYPE,
  MCP_SUFFIX,
  PROJECT_CONNECTION_TYPE,
  PROJECT_TYPE,
} from './foundry-normalize.ts';

const CS = 'Microsoft.CognitiveServices/accounts';

/**
 * Both connection reads may lose either level's connections: custom roles usually grant `connections/read` with
 * a wildcard over both levels, and the simulator denies them as one operation (`cognitiveservices:ListConnections`).
 */
const CONNECTION_TYPES = [ACCOUNT_CONNECTION_TYPE, PROJECT_CONNECTION_TYPE].flatMap((t) => [
  t,
  `${t}${MCP_SUFFIX}`,
]);

/** The Azure AI Foundry and Defender for AI reads of the cognitive-services module, each of which may be a gap. */
export const foundryItemReads: readonly ItemRead[] = [
  azureItemRead(
    'DefenderForAISettings_List',
    `${CS}/defenderForAISettings`,
    // Denied: the account's threat protection is unknown, never "off".
    ['threatProtection'],
  ),
  azureItemRead(
    'Projects_List',
    `${CS}/projects`,
    [],
    ['contains', 'runs-as', 'reads-from'],
    // A project's connections are listed through the project: they go with it.
    [PROJECT_TYPE, PROJECT_CONNECTION_TYPE, `${PROJECT_CONNECTION_TYPE}${MCP_SUFFIX}`],
  ),
  azureItemRead(
    'AccountConnections_List',
    `${CS}/connections`,
    [],
    ['contains', 'reads-from'],
    CONNECTION_TYPES,
  ),
  azureItemRead(
    'ProjectConnections_List',
    `${CS}/projects/connections`,
    [],
    ['contains', 'reads-from'],
    CONNECTION_TYPES,
  ),
  // Where agent state is kept (project properties, no fact or asset of its own).
  azureItemRead('AccountCapabilityHosts_List', `${CS}/capabilityHosts`, []),
  azureItemRead('ProjectCapabilityHosts_List', `${CS}/projects/capabilityHosts`, []),
];
