import type { Policy } from '@aws-sdk/client-bedrock-agentcore-control';
import { describe, expect, it } from 'vitest';
import { readCedar } from '../src/aws/agentcore/cedar.ts';
import { permitsAll } from '../src/aws/agentcore/normalize-policy.ts';
import { scanAwsSim } from './helpers/aws-sim.ts';

const facts = (a: { properties: Record<string, unknown> } | undefined) =>
  (a?.properties.facts ?? {}) as Record<string, unknown>;
const GATEWAY = 'arn:aws:bedrock-agentcore:us-east-1:111122223333:gateway/gw-a-a1b2c3d4e5';

describe('Cedar reading: only the exact unconditional permit-all counts, anything unreadable is unknown', () => {
  it.each([
    'permit(principal,action,resource);',
    'permit (principal, action, resource);',
    '  permit (\n  principal,\n  action,\n  resource\n)\n;  ',
    'permit (principal, action, resource); // TODO: scope per tool',
    '// allow everything while we test\npermit (principal, action, resource);\n// end',
    '@id("allow-all")\npermit (principal, action, resource);',
  ])('permit-all: %j', (statement) => {
    expect(readCedar(statement)).toEqual({ verdict: 'permit-all' });
  });

  it.each([
    [
      `permit (principal, action == AgentCore::Action::"tickets___open_ticket", resource == AgentCore::Gateway::"${GATEWAY}") when { principal.hasTag("scope") };`,
      'permit',
    ],
    ['permit (principal is AgentCore::OAuthUser, action, resource);', 'permit'],
    [
      'permit (principal, action in [AgentCore::Action::"a___b", AgentCore::Action::"c___d"], resource);',
      'permit',
    ],
    ['permit (principal, action, resource) when { context.input.amount < 500 };', 'permit'],
    ['permit (principal, action, resource) unless { principal.getTag("role") == "guest" };', 'permit'],
    [
      'permit (principal, action, resource) when { context.input.note == "}; permit(principal, action, resource);" };',
      'permit',
    ],
    ['forbid (principal, action, resource);', 'forbid'],
  ])('scoped or conditional: %j', (statement, effect) => {
    expect(readCedar(statement)).toEqual({ verdict: 'scoped', effect });
  });

  it.each([
    ['permit (principal, action, resource)', 'no closing'],
    ['permit (principal, action, resource); permit (principal, action, resource);', 'more than one policy'],
    ['/* all */ permit (principal, action, resource);', 'block comment'],
    ['permit (principal, action, resource) when { true };', 'always holds'],
    ['permit (principal, action, resource) unless { false };', 'always holds'],
    ['permit (principal, action);', 'exactly principal, action and resource'],
    ['permit (principal, action, resource, context);', 'exactly principal, action and resource'],
    ['permit (resource, action, principal);', 'scope'],
    ['permit (principal, action == AgentCore::Action::"x, resource);', 'unterminated'],
    ['permit (principal, action, resource) when { context.input.a > 1 ;', 'bracket'],
    ['allow all', 'no permit or forbid'],
    ['', 'no permit or forbid'],
  ])('unknown: %j', (statement, reason) => {
    const r = readCedar(statement);
    expect(r.verdict).toBe('unknown');
    expect(r.verdict === 'unknown' ? r.reason : '').toContain(reason);
  });

  it('reads a non-string statement as unknown, never as safe', () => {
    expect(readCedar(undefined).verdict).toBe('unknown');
    expect(readCedar(42).verdict).toBe('unknown');
    expect(readCedar({ statement: 'permit (principal, action, resource);' }).verdict).toBe('unknown');
  });
});

describe("an engine's verdict from its policies", () => {
  const p = (statement: string | undefined, extra: Partial<Policy> = {}): Policy =>
    ({
      policyId: `p-${Math.random().toString(36).slice(2, 12)}`,
      name: 'p',
      status: 'ACTIVE',
      enforcementMode: 'ACTIVE',
      ...(statement === undefined ? {} : { definition: { cedar: { statement } } }),
      ...extra,
    }) as Policy;
  const ALL = 'permit (principal, action, resource);';
  const SCOPED =
    'permit (principal, action == AgentCore::Action::"t___x", resource) when { principal.hasTag("s") };';

  it('permits all when one policy in effect is the permit-all, whatever the others are', () => {
    expect(permitsAll([p(SCOPED), p(ALL)])).toBe(true);
    expect(permitsAll([p('garbage'), p(ALL)])).toBe(true);
    expect(permitsAll([p(ALL, { status: 'DELETE_FAILED' })])).toBe(true);
  });

  it('does not when every policy in effect is scoped (or there are none: Cedar denies by default)', () => {
    expect(permitsAll([p(SCOPED), p('forbid (principal, action, resource);')])).toBe(false);
    expect(permitsAll([])).toBe(false);
  });

  it('ignores policies that take no part in decisions (LOG_ONLY, not yet created)', () => {
    expect(permitsAll([p(SCOPED), p(ALL, { enforcementMode: 'LOG_ONLY' })])).toBe(false);
    expect(permitsAll([p(ALL, { status: 'CREATE_FAILED' }), p('garbage', { status: 'CREATING' })])).toBe(
      false,
    );
  });

  it('is unknown when a policy in effect cannot be read (bad Cedar, a generated-policy reference, no definition)', () => {
    expect(permitsAll([p(SCOPED), p('permit (principal, action, resource) when { true };')])).toMatchObject({
      $unknown: expect.stringContaining('always holds'),
    });
    const generated = p(undefined, {
      definition: { policyGeneration: { policyGenerationId: 'g', policyGenerationAssetId: 'a' } },
    } as Partial<Policy>);
    expect(permitsAll([generated])).toMatchObject({ $unknown: expect.any(String) });
    expect(permitsAll([p(undefined)])).toMatchObject({ $unknown: expect.any(String) });
    // Dogwood statements are Cedar-compatible: a plain one reads like Cedar.
    const dogwood = p(undefined, { definition: { policy: { statement: ALL } } } as Partial<Policy>);
    expect(permitsAll([dogwood])).toBe(true);
  });
});

describe('AWS connector: AgentCore policy engines over the official SDK against the simulator', () => {
  it('reads each engine and its Cedar policies, and judges the planted permit-all gateway and not its twin', async () => {
    const { sim, result } = await scanAwsSim({ seed: 7 });
    try {
      expect(result.errors).toEqual([]);
      const engines = sim.manifest.assets.filter(
        (a) => a.nativeType === 'AWS::BedrockAgentCore::PolicyEngine',
      );
      expect(engines.length).toBeGreaterThan(0);
      for (const e of engines) {
        const got = result.graph.assetsById.get(e.id);
        expect(got?.kind, e.id).toBe('guardrail');
        expect(facts(got).policyCount, e.id).toBeGreaterThan(0);
        expect(typeof facts(got).permitsAllUnconditionally, e.id).toBe('boolean');
        // No content-filter facts on a Cedar engine.
        expect(facts(got).promptAttackFilter).toBeUndefined();
      }
      const planted = new Set(
        sim.manifest.risks
          .filter((r) => r.concept === 'agent-gateway-policy-permit-all')
          .map((r) => r.assetId),
      );
      expect(planted.size).toBeGreaterThan(0);
      const gateways = sim.manifest.assets.filter((a) => a.nativeType === 'AWS::BedrockAgentCore::Gateway');
      for (const g of gateways) {
        const edges = result.graph.edgeList.filter((e) => e.kind === 'guarded-by' && e.from === g.id);
        const want = sim.manifest.edges.filter((e) => e.kind === 'guarded-by' && e.from === g.id);
        expect(
          edges.map((e) => e.to),
          g.id,
        ).toEqual(want.map((e) => e.to));
        const got = facts(result.graph.assetsById.get(g.id));
        if (want.length === 0) expect(got.policyEnginePermitsAll, g.id).toBeUndefined();
        else expect(got.policyEnginePermitsAll, g.id).toBe(planted.has(g.id));
      }
      // The LOG_ONLY gateway's edge says so.
      const logOnly = result.graph.edgeList.filter(
        (e) =>
          e.kind === 'guarded-by' && (e.properties as { mode?: string } | undefined)?.mode === 'LOG_ONLY',
      );
      expect(logOnly.length).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });

  it('leaves what an engine permits unknown when ListPolicies is denied (a gap, never "no policies")', async () => {
    const { sim, result } = await scanAwsSim({ seed: 7, denied: ['bedrock-agentcore:ListPolicies'] });
    try {
      expect(result.errors).toEqual([]);
      const engines = sim.manifest.assets.filter(
        (a) => a.nativeType === 'AWS::BedrockAgentCore::PolicyEngine',
      );
      for (const e of engines) {
        const got = facts(result.graph.assetsById.get(e.id));
        for (const fact of ['policyCount', 'permitsAllUnconditionally'])
          expect(got[fact], `${e.id} ${fact}`).toMatchObject({
            $unknown: expect.stringContaining('bedrock-agentcore:ListPolicies'),
          });
      }
      const named = sim.manifest.edges.filter(
        (e) => e.kind === 'guarded-by' && e.to.includes(':policy-engine/'),
      );
      for (const e of named)
        expect(facts(result.graph.assetsById.get(e.from)).policyEnginePermitsAll, e.from).toMatchObject({
          $unknown: expect.stringContaining('ListPolicies'),
        });
      const gaps = result.gaps.filter((g) => g.operation === 'ListPolicies');
      expect(new Set(gaps.map((g) => `${g.scope} ${g.permission}`))).toEqual(
        new Set(['item bedrock-agentcore:ListPolicies']),
      );
      expect(gaps.reduce((n, g) => n + g.count, 0)).toBe(engines.length);
    } finally {
      await sim.close();
    }
  });

  it('keeps the gateways judged unknown when ListPolicyEngines is denied', async () => {
    const { sim, result } = await scanAwsSim({ seed: 7, denied: ['bedrock-agentcore:ListPolicyEngines'] });
    try {
      expect(result.errors).toEqual([]);
      const named = sim.manifest.edges.filter(
        (e) => e.kind === 'guarded-by' && e.to.includes(':policy-engine/'),
      );
      expect(named.length).toBeGreaterThan(0);
      for (const e of named) {
        expect(facts(result.graph.assetsById.get(e.from)).policyEnginePermitsAll, e.from).toMatchObject({
          $unknown: expect.stringContaining('ListPolicyEngines'),
        });
        // The gateway still names its engine.
        expect(result.graph.edgesByKey.has(`guarded-by|${e.from}|${e.to}`)).toBe(true);
        expect(result.graph.assetsById.has(e.to)).toBe(false);
      }
      const gaps = result.gaps.filter((g) => g.operation === 'ListPolicyEngines');
      expect(new Set(gaps.map((g) => `${g.scope} ${g.permission}`))).toEqual(
        new Set(['list bedrock-agentcore:ListPolicyEngines']),
      );
    } finally {
      await sim.close();
    }
  });
});
