import type { CloudSim } from '@aispm/cloud-sim';
import { describe, expect, it } from 'vitest';
import { scanAwsSim } from './helpers/aws-sim.ts';

const facts = (a: { properties: Record<string, unknown> } | undefined) =>
  (a?.properties.facts ?? {}) as Record<string, unknown>;

/** Seed 1's small estate plants a guardrail a partner account outside the organisation may apply and read. */
const SEED = 1;

const guardrailsOf = (sim: CloudSim) =>
  sim.manifest.assets.filter((a) => a.nativeType === 'AWS::Bedrock::Guardrail');

describe('AWS connector: Bedrock guardrail resource-based policies', () => {
  it('keeps each policy on its guardrail and gives the planted outside account apply and read edges', async () => {
    const { sim, result } = await scanAwsSim({ seed: SEED });
    try {
      expect(result.errors).toEqual([]);
      const planted = sim.manifest.risks.filter((r) => r.concept === 'guardrail-policy-external-access');
      expect(planted.length).toBeGreaterThan(0);
      for (const r of planted) {
        const guardrail = result.graph.assetsById.get(r.assetId);
        const principals = facts(guardrail).resourcePolicyPrincipals as string[];
        expect(principals).toHaveLength(1);
        expect(guardrail?.properties.resourcePolicy).toMatchObject({ Statement: expect.any(Array) });
        const outside = /arn:aws:iam::(\d{12}):root/.exec(principals[0] ?? '')?.[1];
        for (const kind of ['can-invoke', 'can-read'])
          expect(
            result.graph.edgesByKey.has(`${kind}|aispm:external:aws:${outside}|${r.assetId}`),
            kind,
          ).toBe(true);
      }
      // Every guardrail's policy was read: a list (empty where it has none), never unknown.
      const guardrails = guardrailsOf(sim);
      for (const g of guardrails)
        expect(Array.isArray(facts(result.graph.assetsById.get(g.id)).resourcePolicyPrincipals), g.id).toBe(
          true,
        );
      // The organisation-shared twins let no outsider in.
      const plantedIds = new Set(planted.map((r) => r.assetId));
      expect(
        result.graph.edgeList.filter(
          (e) =>
            e.from.startsWith('aispm:external:') && e.to.includes(':guardrail/') && !plantedIds.has(e.to),
        ),
      ).toEqual([]);
      expect(
        result.gaps.filter((g) => g.service === 'bedrock' && g.operation === 'GetResourcePolicy'),
      ).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it("leaves who may use a guardrail unknown where one account's GetResourcePolicy is denied (a gap, never none)", async () => {
    let scope = '';
    const { sim, result } = await scanAwsSim({
      seed: SEED,
      denied: (s) => {
        const planted = s.manifest.risks.find((r) => r.concept === 'guardrail-policy-external-access');
        const asset = s.manifest.assets.find((a) => a.id === planted?.assetId);
        scope = `${asset?.accountId}/${asset?.region}`;
        return [`bedrock:GetResourcePolicy@${scope}`];
      },
    });
    try {
      expect(result.errors).toEqual([]);
      const [account, region] = scope.split('/');
      const inScope = guardrailsOf(sim).filter((g) => g.accountId === account && g.region === region);
      expect(inScope.length).toBeGreaterThan(0);
      for (const g of guardrailsOf(sim)) {
        const principals = facts(result.graph.assetsById.get(g.id)).resourcePolicyPrincipals;
        if (inScope.includes(g))
          expect(principals, g.id).toMatchObject({
            $unknown: expect.stringContaining('bedrock:GetResourcePolicy'),
          });
        else expect(Array.isArray(principals), g.id).toBe(true);
      }
      const gaps = result.gaps.filter((g) => g.service === 'bedrock' && g.operation === 'GetResourcePolicy');
      expect(gaps.reduce((n, g) => n + g.count, 0)).toBe(inScope.length);
      const unread = new Set(inScope.map((g) => g.id));
      expect(
        result.graph.edgeList.filter((e) => e.from.startsWith('aispm:external:') && unread.has(e.to)),
      ).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
