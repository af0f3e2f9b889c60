import type { AssetRecord, EdgeKind } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { RULES, RuleGraph } from '../src/index.ts';

const rule = RULES.find((r) => r.id === 'aispm-aws-bedrock-agent-role-shared');
const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/rg/providers';
const ACCOUNT = `${SUB}/microsoft.cognitiveservices/accounts/ai`;

const asset = (id: string, kind: AssetRecord['kind'], nativeType: string): AssetRecord => ({
  id,
  kind,
  provider: 'azure',
  accountId: '00000000-0000-0000-0000-000000000001',
  region: 'westeurope',
  name: id.split('/').pop() ?? id,
  nativeType,
  properties: { facts: {} },
  tags: {},
});
const edge = (kind: EdgeKind, from: string, to: string) => ({ kind, from, to, properties: {} });

/** Two Foundry projects with two agents each; each project (and so its agents) runs as the project's identity. */
function foundry(extra: ReturnType<typeof edge>[] = []) {
  const assets: AssetRecord[] = [];
  const edges = [...extra];
  for (const p of ['p1', 'p2']) {
    const project = `${ACCOUNT}/projects/${p}`;
    const identity = `/providers/microsoft.graph/serviceprincipals/${p}-identity`;
    assets.push(
      asset(project, 'ml-workspace', 'Microsoft.CognitiveServices/accounts/projects'),
      asset(identity, 'identity', 'Microsoft.Graph/servicePrincipals'),
    );
    edges.push(edge('runs-as', project, identity));
    for (const a of ['a', 'b']) {
      const agent = `${project}/agents/${a}`;
      assets.push(asset(agent, 'agent', 'Microsoft.CognitiveServices/accounts/projects/agents'));
      edges.push(edge('contains', project, agent), edge('runs-as', agent, identity));
    }
  }
  return { assets, edges };
}

const verdicts = (graph: ReturnType<typeof foundry>) =>
  new Map(rule?.evaluate({ graph: new RuleGraph(graph) }).map((v) => [v.assetId, v]));

describe('an agent identity shared with other agents', () => {
  it("passes Foundry agents acting with their own project's identity, which the Agent Service gives them all", () => {
    const got = verdicts(foundry());
    expect([...got.values()].map((v) => v.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(got.get(`${ACCOUNT}/projects/p1/agents/a`)?.message).toContain('the identity of its project');
  });

  it("fails an agent that also runs as another project's identity", () => {
    const stray = `${ACCOUNT}/projects/p2/agents/a`;
    const got = verdicts(
      foundry([edge('runs-as', stray, '/providers/microsoft.graph/serviceprincipals/p1-identity')]),
    );
    expect(got.get(stray)?.status).toBe('fail');
    expect(got.get(`${ACCOUNT}/projects/p1/agents/a`)?.status).toBe('fail');
    expect(got.get(`${ACCOUNT}/projects/p2/agents/b`)?.status).toBe('pass');
  });
});
