import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AssetRecord, EdgeRecord } from '@aispm/core';
import { crownJewels } from '@aispm/paths';
import { describe, expect, it } from 'vitest';
import { RULES, RuleGraph } from '../src/index.ts';

/**
 * Agency is what the agent's own identities are granted. A bucket whose policy lets `Principal: "*"` write gives
 * every role a can-write edge (marked grantedToEveryone by the access analysis): that is the bucket's exposure, and
 * must not make a read-only agent "excessive" nor a crown jewel.
 */
const fixture = JSON.parse(
  readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'aispm-agent-excessive-agency.pass.json'),
    'utf8',
  ),
) as { target: string; assets: AssetRecord[]; edges: EdgeRecord[] };
const TOOL_ROLE = 'arn:aws:iam::111111111111:role/tool';
const CRM = 'arn:aws:s3:::crm';
const rule = RULES.find((r) => r.id === 'aispm-agent-excessive-agency');

function graphWith(writeProperties: Record<string, unknown>): RuleGraph {
  return new RuleGraph({
    assets: fixture.assets,
    edges: [...fixture.edges, { kind: 'can-write', from: TOOL_ROLE, to: CRM, properties: writeProperties }],
  });
}

describe("agency from the agent's own grants", () => {
  it('a write only granted to everyone leaves the read-only agent passing and not a crown jewel', () => {
    const g = graphWith({ actions: ['s3:PutObject'], via: 'resource', grantedToEveryone: true });
    const verdicts = rule?.evaluate({ graph: g }) ?? [];
    expect(verdicts.map((v) => [v.assetId, v.status])).toEqual([[fixture.target, 'pass']]);
    expect(crownJewels(g).has(fixture.target)).toBe(false);
  });

  it('the same write granted to the role itself fails the agent and makes it a crown jewel', () => {
    const g = graphWith({ actions: ['s3:PutObject'], via: 'identity' });
    const verdicts = rule?.evaluate({ graph: g }) ?? [];
    expect(verdicts.map((v) => [v.assetId, v.status])).toEqual([[fixture.target, 'fail']]);
    expect(verdicts[0]?.evidence.related).toEqual([CRM]);
    expect(crownJewels(g).get(fixture.target)?.reason).toMatch(/agent/);
  });
});
