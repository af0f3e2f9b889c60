import { type AssetRecord, type EdgeRecord, edge, externalPrincipalId } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { RULES, RuleGraph } from '../src/index.ts';

/**
 * A grant on the Foundry account or project that hosts an agent is a grant on the agent (Azure role assignments are
 * inherited by child resources) — when the role reaches the Agent Service's data plane. Cognitive Services OpenAI
 * User stays on the Azure OpenAI data plane: it invokes the account's deployments, not its agents.
 */
const rule = RULES.find((r) => r.id === 'aispm-endpoint-external-principal');
const ACCOUNT = '/subscriptions/s1/resourcegroups/rg/providers/microsoft.cognitiveservices/accounts/ais';
const PROJECT = `${ACCOUNT}/projects/p1`;
const AGENT = `${PROJECT}/agents/asst_1`;
const EXT = externalPrincipalId('azure', 'partner-group');

const asset = (id: string, kind: AssetRecord['kind'], nativeType: string): AssetRecord => ({
  id,
  kind,
  nativeType,
  provider: 'azure',
  accountId: id.startsWith('aispm:') ? 'global' : 's1',
  region: 'eastus',
  name: id.split('/').pop() ?? id,
  properties: {},
  tags: {},
});
const ROLES = {
  'Azure AI User': { dataActions: ['Microsoft.CognitiveServices/*'] },
  'Cognitive Services OpenAI User': {
    dataActions: [
      'Microsoft.CognitiveServices/accounts/OpenAI/*/read',
      'Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action',
    ],
  },
};

function verdicts(scope: string, roleName: keyof typeof ROLES) {
  const grant: EdgeRecord = edge('can-invoke', EXT, scope, {
    scope,
    roleName,
    actions: ['Microsoft.CognitiveServices/*/read', ...ROLES[roleName].dataActions],
    ...ROLES[roleName],
  });
  const graph = new RuleGraph({
    assets: [
      asset(ACCOUNT, 'ai-service', 'Microsoft.CognitiveServices/accounts'),
      asset(PROJECT, 'ml-workspace', 'Microsoft.CognitiveServices/accounts/projects'),
      asset(AGENT, 'agent', 'Microsoft.CognitiveServices/accounts/projects/agents'),
      asset(EXT, 'external-principal', 'aispm::ExternalPrincipal'),
    ],
    edges: [edge('contains', ACCOUNT, PROJECT), edge('contains', PROJECT, AGENT), grant],
  });
  const vs = rule?.evaluate({ graph }) ?? [];
  return { agent: vs.find((v) => v.assetId === AGENT), account: vs.find((v) => v.assetId === ACCOUNT) };
}

describe('aispm-endpoint-external-principal through a grant on a containing scope', () => {
  it('Azure AI User on the account reaches the agents of its projects, two contains steps down', () => {
    const { agent } = verdicts(ACCOUNT, 'Azure AI User');
    expect(agent?.status).toBe('fail');
    expect(agent?.evidence.properties.inheritedGrants).toEqual([
      { principal: EXT, scope: ACCOUNT, host: ACCOUNT, roleName: 'Azure AI User' },
    ]);
    expect(agent?.evidence.edges.map((e) => e.kind)).toEqual(['can-invoke', 'contains', 'contains']);
  });

  it('Cognitive Services OpenAI User on the account is reported on the account, not on its agents', () => {
    const { agent, account } = verdicts(ACCOUNT, 'Cognitive Services OpenAI User');
    expect(account?.status).toBe('fail');
    expect(agent?.status).toBe('pass');
  });
});
