import { describe, expect, it } from 'vitest';
import type { AttackPath } from '../src/api/types.ts';
import { layoutGraph } from '../src/components/graph/layout.ts';
import { attackPathGraph, neighbourhoodGraph, relationGroups } from '../src/lib/graph-model.ts';

const path: Pick<AttackPath, 'hops'> & Partial<AttackPath> = {
  id: 'p1',
  entryId: 'aispm:internet',
  targetId: 'arn:aws:s3:::secrets',
  length: 3,
  likelihood: 0.9,
  impact: 9,
  score: 8.1,
  status: 'open',
  hops: [
    { assetId: 'aispm:internet', kind: 'internet', name: 'Internet' },
    {
      assetId: 'arn:aws:sagemaker:us-east-1:1:endpoint/ep',
      kind: 'inference-endpoint',
      name: 'ep',
      via: 'exposed-to-internet',
    },
    { assetId: 'arn:aws:iam::1:role/exec', kind: 'identity', name: 'exec', via: 'runs-as' },
    { assetId: 'arn:aws:s3:::secrets', kind: 'data-store', name: 'secrets', via: 'can-read' },
  ],
};

describe('attack path graph', () => {
  it('chains the hops with the via edge kind as label, entry and crown jewel marked', () => {
    const g = attackPathGraph(path);
    expect(g.nodes.map((n) => n.role)).toEqual(['entry', 'normal', 'normal', 'target']);
    expect(g.edges.map((e) => [e.source, e.target, e.label])).toEqual([
      ['aispm:internet', 'arn:aws:sagemaker:us-east-1:1:endpoint/ep', 'exposed-to-internet'],
      ['arn:aws:sagemaker:us-east-1:1:endpoint/ep', 'arn:aws:iam::1:role/exec', 'runs-as'],
      ['arn:aws:iam::1:role/exec', 'arn:aws:s3:::secrets', 'can-read'],
    ]);
    // Pseudo-assets have no detail page; real ones link to theirs.
    expect(g.nodes[0]?.href).toBeUndefined();
    expect(g.nodes[3]?.href).toBe('/assets/arn%3Aaws%3As3%3A%3A%3Asecrets');
  });

  it('lays the path out left to right: entry leftmost, crown jewel rightmost', () => {
    const g = attackPathGraph(path);
    const positions = layoutGraph(
      g.nodes.map((n) => ({ id: n.id, width: 190, height: 54 })),
      g.edges,
    );
    const xs = path.hops.map((h) => positions.get(h.assetId)?.x ?? Number.NaN);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1] as number);
  });

  it('lays out top to bottom on request and ignores edges to unknown nodes', () => {
    const positions = layoutGraph(
      [
        { id: 'a', width: 100, height: 40 },
        { id: 'b', width: 100, height: 40 },
      ],
      [
        { source: 'a', target: 'b' },
        { source: 'a', target: 'ghost' },
      ],
      { direction: 'TB' },
    );
    expect(positions.size).toBe(2);
    expect(positions.get('b')!.y).toBeGreaterThan(positions.get('a')!.y);
  });

  it('builds a neighbourhood with the asset as focus and fills in assets only edges name', () => {
    const focus = {
      id: 'arn:aws:s3:::data',
      kind: 'data-store',
      provider: 'aws',
      accountId: '1',
      region: 'us-east-1',
      name: 'data',
      nativeType: 'AWS::S3::Bucket',
      tags: {},
      firstSeenAt: '',
      lastSeenAt: '',
    };
    const role = { ...focus, id: 'arn:aws:iam::1:role/r', kind: 'identity', name: 'r' };
    const g = neighbourhoodGraph(
      focus,
      [role],
      [
        { id: 'e1', kind: 'can-read', from: role.id, to: focus.id },
        { id: 'e2', kind: 'can-read', from: 'aispm:external:aws:*', to: focus.id },
      ],
    );
    expect(g.nodes.find((n) => n.id === focus.id)?.role).toBe('focus');
    expect(g.nodes.map((n) => n.id).sort()).toEqual([role.id, focus.id, 'aispm:external:aws:*'].sort());
    expect(g.edges.map((e) => e.label)).toEqual(['can-read', 'can-read']);
  });

  it("groups an agent's relationships from its side: tools, identity and guardrail first, callers after", () => {
    const agent = { id: 'arn:agent', name: 'agent-x', kind: 'agent' };
    const tools = [
      { id: 'arn:tool-b', name: 'search', kind: 'agent-tool' },
      { id: 'arn:tool-a', name: 'crm', kind: 'agent-tool' },
    ];
    const role = { id: 'arn:role', name: 'AgentRole', kind: 'identity' };
    const guard = { id: 'arn:guard', name: 'guard-x', kind: 'guardrail' };
    const groups = relationGroups(
      agent,
      [...tools, role, guard],
      [
        { kind: 'can-invoke', from: 'aispm:external:aws:*', to: agent.id },
        { kind: 'guarded-by', from: agent.id, to: guard.id },
        { kind: 'runs-as', from: agent.id, to: role.id },
        { kind: 'uses-tool', from: agent.id, to: 'arn:tool-b' },
        { kind: 'uses-tool', from: agent.id, to: 'arn:tool-a' },
        { kind: 'uses-tool', from: agent.id, to: 'arn:tool-a' },
        { kind: 'runs-as', from: 'arn:tool-a', to: role.id },
      ],
    );
    expect(groups.map((g) => [g.label, g.members.map((m) => m.name)])).toEqual([
      ['Tools and MCP servers it calls', ['crm', 'search']],
      ['Runs as (identity)', ['AgentRole']],
      ['Guardrails', ['guard-x']],
      ['Can be invoked by', ['external:aws:*']],
    ]);
    expect(groups[0]?.members[0]?.href).toBe('/assets/arn%3Atool-a');
    expect(groups[3]?.members[0]?.href).toBeUndefined();
  });
});
