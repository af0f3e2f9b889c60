/**
 * Fixtures of access held on a scope that contains the asset: a partner tenant's group holding Azure AI User on an
 * Azure AI Foundry project can drive the project's agents (role assignments are inherited by child resources), in the
 * shapes the Azure connector gives them. Written as a variant of the rule's fixtures (its own pair stays AWS's).
 * Imported by build-fixtures.ts.
 */
import { edge, externalPrincipalId } from '@aispm/core';
import { assetMaker, type Def, type Fixture } from './fixture-kit.ts';

const ACCOUNT =
  '/subscriptions/s1/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/ais-foundry';
const PROJECT = `${ACCOUNT}/projects/proj-agents`;
const SIBLING = `${ACCOUNT}/projects/proj-partner`;
const AGENT = `${PROJECT}/agents/asst_research01`;
const PARTNER_GROUP = '5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
const EXT = externalPrincipalId('azure', PARTNER_GROUP);
const AZURE_AI_USER = {
  roleName: 'Azure AI User',
  roleDefinitionId:
    '/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/53ca6127-db72-4b80-b1b0-d745d6d5456d',
  actions: ['Microsoft.CognitiveServices/*/read', 'Microsoft.CognitiveServices/*'],
  dataActions: ['Microsoft.CognitiveServices/*'],
};

const asset = assetMaker({ provider: 'azure', accountId: 's1', region: 'eastus' });
const contains = (from: string, to: string) => edge('contains', from, to);

/**
 * The partner group's Azure AI User assignment at `scope` (a project), and an agent of PROJECT. Failing when the
 * scope is the agent's own project; passing when it is a sibling project that does not contain the agent.
 */
function projectGrant(scope: string): Fixture {
  return {
    target: AGENT,
    assets: [
      asset(ACCOUNT, 'ai-service', 'Microsoft.CognitiveServices/accounts', {
        accountKind: 'AIServices',
        allowProjectManagement: true,
      }),
      asset(PROJECT, 'ml-workspace', 'Microsoft.CognitiveServices/accounts/projects', {}),
      asset(SIBLING, 'ml-workspace', 'Microsoft.CognitiveServices/accounts/projects', {}),
      asset(AGENT, 'agent', 'Microsoft.CognitiveServices/accounts/projects/agents', {
        agentApi: 'classic',
        model: 'gpt-4o',
      }),
      {
        ...asset(EXT, 'external-principal', 'aispm::ExternalPrincipal', {
          principal: PARTNER_GROUP,
          principalType: 'ForeignGroup',
          public: false,
        }),
        accountId: 'global',
        region: 'global',
        name: PARTNER_GROUP,
      },
    ],
    edges: [
      contains(ACCOUNT, PROJECT),
      contains(ACCOUNT, SIBLING),
      contains(PROJECT, AGENT),
      edge('can-invoke', EXT, scope, { scope, ...AZURE_AI_USER }),
    ],
  };
}

export function inheritedAccessFixtures(def: Def): void {
  def('aispm-endpoint-external-principal', projectGrant(PROJECT), projectGrant(SIBLING), 'azure-project');
}
