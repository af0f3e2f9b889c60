/**
 * Fixtures of the Azure AI Foundry rules (shared key connections, unauthenticated MCP connections, agents' MCP tools
 * without approval, Defender for AI),
 * in the shapes the Azure connector gives them. Imported by build-fixtures.ts, which writes them with the rest.
 */
import { edge } from '@aispm/core';
import { assetMaker, type Def, type Fixture } from './fixture-kit.ts';

const ACCOUNT =
  '/subscriptions/s1/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/ais-foundry';
const PROJECT = `${ACCOUNT}/projects/proj-agents`;

const asset = assetMaker({ provider: 'azure', accountId: 's1', region: 'eastus' });
const contains = (from: string, to: string) => edge('contains', from, to);

const account = (facts: Record<string, unknown> = {}) =>
  asset(ACCOUNT, 'ai-service', 'Microsoft.CognitiveServices/accounts', {
    accountKind: 'AIServices',
    allowProjectManagement: true,
    facts,
  });

/** An account connection as the connector gives it (its facts read from `authType` and `isSharedToAll`). */
function accountConnection(authType: string, credentialType: string, shared: boolean): Fixture {
  const id = `${ACCOUNT}/connections/partner-llm`;
  return {
    target: id,
    assets: [
      account(),
      asset(id, 'agent-tool', 'Microsoft.CognitiveServices/accounts/connections', {
        category: 'ApiKey',
        authType,
        target: 'https://api.partner-llm.example.com/v1',
        isSharedToAll: shared,
        facts: { credentialType, sharedToAll: shared },
      }),
    ],
    edges: [contains(ACCOUNT, id)],
  };
}

function mcpConnection(authType: string, credentialType: string): Fixture {
  const id = `${PROJECT}/connections/tools-mcp`;
  return {
    target: id,
    assets: [
      account(),
      asset(PROJECT, 'ml-workspace', 'Microsoft.CognitiveServices/accounts/projects', {}),
      asset(id, 'mcp-server', 'Microsoft.CognitiveServices/accounts/projects/connections#mcp', {
        category: 'RemoteTool',
        authType,
        target: 'https://mcp.contoso.example/mcp',
        isSharedToAll: false,
        facts: { credentialType, sharedToAll: false },
      }),
    ],
    edges: [contains(ACCOUNT, PROJECT), contains(PROJECT, id)],
  };
}

/** A (new) Foundry agent's own MCP tool to an outside server, as the connector gives it (one asset per agent tool). */
function agentMcpTool(requireApproval: 'never' | 'always', requiresApproval: boolean): Fixture {
  const agent = `${PROJECT}/agents/partner-helper`;
  const id = `${agent}/tools/mcp/partner`;
  return {
    target: id,
    assets: [
      account(),
      asset(PROJECT, 'ml-workspace', 'Microsoft.CognitiveServices/accounts/projects', {}),
      asset(agent, 'agent', 'Microsoft.CognitiveServices/accounts/projects/agents', {
        agentApi: 'versioned',
        version: '3',
        facts: { guardrailId: 'Microsoft.DefaultV2' },
      }),
      asset(id, 'mcp-server', 'Microsoft.CognitiveServices/accounts/projects/agents/tools#mcp', {
        serverLabel: 'partner',
        serverUrl: 'https://mcp.partner.example.net/mcp',
        requireApproval,
        projectConnectionId: `${PROJECT}/connections/partner-mcp`,
        facts: { credentialType: 'oauth', requiresApproval, outboundHost: 'mcp.partner.example.net' },
      }),
    ],
    edges: [
      contains(ACCOUNT, PROJECT),
      contains(PROJECT, agent),
      contains(PROJECT, id),
      edge('uses-tool', agent, id),
    ],
  };
}

const defender = (state: 'Enabled' | 'Disabled'): Fixture => ({
  target: ACCOUNT,
  assets: [account({ threatProtection: state === 'Enabled' })],
  edges: [],
});

export function foundryFixtures(def: Def): void {
  def(
    'aispm-agent-tool-shared-key-auth',
    accountConnection('ApiKey', 'api-key', true),
    accountConnection('AAD', 'iam', true),
  );
  def('aispm-mcp-server-no-auth', mcpConnection('None', 'none'), mcpConnection('OAuth2', 'oauth'));
  def('aispm-ai-service-threat-protection-disabled', defender('Disabled'), defender('Enabled'));
  def('aispm-mcp-server-no-approval', agentMcpTool('never', false), agentMcpTool('always', true));
}
