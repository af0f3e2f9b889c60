import { randomUUID } from 'node:crypto';
import type { CloudSim } from '@aispm/cloud-sim';
import {
  AI_PLATFORM_SETTING_TYPES,
  AI_RESOURCE_KINDS,
  type AiUsagePolicy,
  type AiUsageState,
  assetFacts,
  type Manifest,
  matchesPolicyPattern,
  type Provider,
} from '@aispm/core';
import {
  ensureTenant,
  getUsagePolicy,
  loadGovernanceEvidence,
  queryAssets,
  setUsagePolicy,
  writeGraphBatch,
} from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluation } from '../src/index.ts';
import { type SimScan, scanSim, startSmallSim } from './helpers/scan-sim.ts';

/**
 * Shadow AI against the simulator's ground truth: the manifest says where every AI resource runs (account,
 * region), so with a policy that approves some of them, the findings must be exactly the others; with no policy,
 * there must be none.
 */
const AI_KINDS = new Set<string>(AI_RESOURCE_KINDS);
const SHADOW = {
  region: 'aispm-shadow-ai-region-not-approved',
  account: 'aispm-shadow-ai-account-not-approved',
  owner: 'aispm-shadow-ai-no-owner',
  model: 'aispm-shadow-ai-unapproved-model',
};

describe.each(['aws', 'azure', 'gcp'] as const)(
  'shadow AI on the simulated %s estate (small)',
  (provider: Provider) => {
    let sim: CloudSim;
    let manifest: Manifest;
    let scanned: SimScan['batch'];
    let t: TestDatabase;
    let tenantId: string;

    beforeAll(async () => {
      sim = await startSmallSim(provider);
      manifest = sim.manifest;
      const { batch, errors } = await scanSim(provider, sim, manifest);
      expect(errors).toEqual([]);
      scanned = batch;
      t = await createTestDatabase();
      tenantId = (await ensureTenant(t.db, `shadow-ai-${provider}`)).id;
      await writeGraphBatch(
        t.db,
        { tenantId, scanId: randomUUID(), source: 'sim@global', accountId: 'all' },
        batch,
      );
    }, 120_000);
    afterAll(async () => {
      await sim?.close();
      await t?.drop();
    });

    async function shadowFindings(ruleId: string): Promise<string[]> {
      const rows = await t.db.query<{ asset_id: string }>(
        `SELECT asset_id FROM findings WHERE tenant_id = $1 AND rule_id = $2 AND status IN ('open', 'reopened')`,
        [tenantId, ruleId],
      );
      return rows.map((r) => r.asset_id).sort();
    }

    /** The organisation's AI resources as the manifest plants them (not provider catalog entries or pseudo-assets). */
    function plantedAi() {
      return manifest.assets.filter(
        (a) =>
          a.provider === provider &&
          AI_KINDS.has(a.kind) &&
          a.accountId !== 'aws' &&
          a.accountId !== 'global' &&
          !(AI_PLATFORM_SETTING_TYPES as readonly string[]).includes(a.nativeType),
      );
    }

    /** The inventory's AI usage filter: the ids in one state under the policy in force. */
    async function inState(state: AiUsageState): Promise<string[]> {
      const policy = (await getUsagePolicy(t.db, tenantId))?.policy ?? null;
      const page = await queryAssets(t.db, tenantId, { limit: 100_000, usage: { state, policy } });
      return page.items.map((a) => a.id).sort();
    }

    it('with no policy configured, no shadow-AI finding fires and governance says none is set', async () => {
      await runEvaluation(t.db, tenantId);
      for (const rule of Object.values(SHADOW)) expect(await shadowFindings(rule), rule).toEqual([]);
      expect((await loadGovernanceEvidence(t.db, tenantId)).usagePolicyConfigured).toBe(false);
      // Nothing was judged: every AI resource is unknown to the inventory filter.
      expect(await inState('unknown')).toEqual(
        plantedAi()
          .map((a) => a.id)
          .sort(),
      );
      expect(await inState('approved')).toEqual([]);
      expect(await inState('unapproved')).toEqual([]);
    });

    it('with a policy, exactly the AI resources outside it are flagged, by region, account and owner', async () => {
      const ai = plantedAi();
      const regions = [...new Set(ai.map((a) => a.region).filter((r) => r !== 'global'))].sort();
      const accounts = [...new Set(ai.map((a) => a.accountId))].sort();
      // The estate must give each check something to pass and something to fail.
      expect(regions.length).toBeGreaterThan(1);
      expect(accounts.length).toBeGreaterThan(1);
      const policy: AiUsagePolicy = {
        approvedRegions: [regions[0] as string],
        // One account by its id, the rest ruled out; a wildcard that matches nothing shows patterns do not over-match.
        aiAccounts: [accounts[0] as string, 'no-such-*'],
        requiredOwnerTags: ['owner'],
      };
      const stored = await setUsagePolicy(t.db, tenantId, policy, 'test');
      expect(stored.version).toBe(1);
      await runEvaluation(t.db, tenantId);

      const outsideRegion = ai
        .filter((a) => a.region !== 'global' && !matchesPolicyPattern(regions[0] as string, a.region))
        .map((a) => a.id)
        .sort();
      const outsideAccount = ai
        .filter((a) => a.accountId !== accounts[0])
        .map((a) => a.id)
        .sort();
      expect(outsideRegion.length).toBeGreaterThan(0);
      expect(outsideAccount.length).toBeGreaterThan(0);
      expect(await shadowFindings(SHADOW.region)).toEqual(outsideRegion);
      expect(await shadowFindings(SHADOW.account)).toEqual(outsideAccount);
      // Owner tags are not in the manifest: the scanned graph's tags are the truth here.
      const aiIds = new Set(ai.map((a) => a.id));
      const unowned = scanned.assets
        .filter((a) => aiIds.has(a.id) && !Object.keys(a.tags).some((k) => k.toLowerCase() === 'owner'))
        .map((a) => a.id)
        .sort();
      expect(unowned.length).toBeGreaterThan(0);
      expect(await shadowFindings(SHADOW.owner)).toEqual(unowned);
      expect((await loadGovernanceEvidence(t.db, tenantId)).usagePolicyConfigured).toBe(true);
      // The inventory filter: unapproved is every flagged resource, approved the other AI ones, none unknown.
      const flagged = [...new Set([...outsideRegion, ...outsideAccount, ...unowned])].sort();
      expect(await inState('unapproved')).toEqual(flagged);
      expect(await inState('approved')).toEqual([...aiIds].filter((id) => !flagged.includes(id)).sort());
      expect(await inState('unknown')).toEqual([]);
    });

    it('approved models: the models whose maker-given id is outside the list are flagged; listed ids pass', async () => {
      // The models the scan could name (fine-tuned Bedrock bases, Azure OpenAI deployments, public-hub pulls).
      const aiIds = new Set(plantedAi().map((a) => a.id));
      const named = scanned.assets.flatMap((a) => {
        if (a.kind !== 'model' || !aiIds.has(a.id)) return [];
        const id = assetFacts({ kind: 'model', properties: a.properties }).modelId;
        return typeof id === 'string' ? [{ asset: a.id, model: id }] : [];
      });
      expect(named.length).toBeGreaterThan(0);
      await setUsagePolicy(t.db, tenantId, { approvedModels: ['no-such-vendor.*'] }, 'test');
      await runEvaluation(t.db, tenantId);
      expect(await shadowFindings(SHADOW.model)).toEqual(named.map((m) => m.asset).sort());
      // Only the model list is set now: the region, account and owner findings resolved.
      for (const rule of [SHADOW.region, SHADOW.account, SHADOW.owner])
        expect(await shadowFindings(rule), rule).toEqual([]);

      await setUsagePolicy(
        t.db,
        tenantId,
        { approvedModels: [...new Set(named.map((m) => m.model))] },
        'test',
      );
      await runEvaluation(t.db, tenantId);
      expect(await shadowFindings(SHADOW.model)).toEqual([]);
      // With models listed, a model the platform cannot name is unknown, not approved.
      const namedIds = new Set(named.map((m) => m.asset));
      const unnamed = plantedAi()
        .filter((a) => a.kind === 'model' && !namedIds.has(a.id))
        .map((a) => a.id)
        .sort();
      expect(await inState('unknown')).toEqual(unnamed);
      expect(await inState('unapproved')).toEqual([]);
    });

    it('a new policy version is in force at the next evaluation, and findings it no longer backs resolve', async () => {
      const before = await getUsagePolicy(t.db, tenantId);
      const next = await setUsagePolicy(t.db, tenantId, { approvedRegions: ['*'] }, 'test');
      expect(next.version).toBe((before?.version ?? 0) + 1);
      await runEvaluation(t.db, tenantId);
      for (const rule of Object.values(SHADOW)) expect(await shadowFindings(rule), rule).toEqual([]);
    });
  },
);
