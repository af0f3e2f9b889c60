import { randomUUID } from 'node:crypto';
import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import type { Manifest, Provider } from '@aispm/core';
import { ensureTenant, listAttackPaths, writeGraphBatch } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { RULES } from '@aispm/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluation } from '../src/index.ts';
import { attachFullAwsAccessEverywhere, type SimScan, scanAwsSim, scanGcpSim } from './helpers/scan-sim.ts';

/**
 * The simulator's ground truth: scan an estate with the real connector, store the graph, evaluate, and hold the
 * findings to the manifest — every planted risk found under its concept, no finding on an asset the manifest
 * calls clean, the planted attack paths found hop for hop with their expected choke points.
 */
const CASES: {
  provider: Provider;
  scan: (sim: CloudSim, m: Manifest) => Promise<SimScan>;
  paths: boolean;
}[] = [
  { provider: 'aws', scan: scanAwsSim, paths: true },
  // GCP's "service account with a key → project" paths are not modelled yet (see README), so only risks here.
  { provider: 'gcp', scan: scanGcpSim, paths: false },
];

describe.each(CASES)(
  'policy engine against the simulator ground truth ($provider, small estate)',
  ({ provider, scan, paths }) => {
    let sim: CloudSim;
    let manifest: Manifest;
    let t: TestDatabase;
    let tenantId: string;
    let findings: { rule_id: string; asset_id: string }[];

    beforeAll(async () => {
      sim = await startCloudSim({
        seed: 7,
        scale: 'small',
        port: 0,
        rateLimits: false,
        providers: [provider],
      });
      if (provider === 'aws') attachFullAwsAccessEverywhere(sim);
      manifest = sim.manifest;
      const { batch, errors } = await scan(sim, manifest);
      expect(errors).toEqual([]);
      t = await createTestDatabase();
      tenantId = (await ensureTenant(t.db, `ground-truth-${provider}`)).id;
      await writeGraphBatch(
        t.db,
        { tenantId, scanId: randomUUID(), source: 'sim@global', accountId: 'all' },
        batch,
      );
      const summary = await runEvaluation(t.db, tenantId);
      expect((summary as { ruleErrors?: unknown }).ruleErrors).toBeUndefined();
      findings = await t.db.query('SELECT rule_id, asset_id FROM findings WHERE tenant_id = $1', [tenantId]);
    }, 120_000);
    afterAll(async () => {
      await sim?.close();
      await t?.drop();
    });

    it('detects every planted risk under its concept', () => {
      const concepts = new Map(RULES.map((r) => [r.id, r.concepts as string[]]));
      const detected = new Set(
        findings.flatMap((f) => (concepts.get(f.rule_id) ?? []).map((c) => `${f.asset_id}|${c}`)),
      );
      const planted = manifest.risks.filter((r) => r.provider === provider);
      expect(planted.length).toBeGreaterThan(10);
      expect(
        planted
          .filter((r) => !detected.has(`${r.assetId}|${r.concept}`))
          .map((r) => `${r.concept} ${r.assetId}`),
      ).toEqual([]);
    });

    it('names no asset the manifest calls clean', () => {
      const clean = new Set(manifest.clean);
      expect(findings.filter((f) => clean.has(f.asset_id)).map((f) => `${f.rule_id} ${f.asset_id}`)).toEqual(
        [],
      );
    });

    // Defined only where the paths are modelled: a test that cannot run is not written (rather than skipped).
    if (paths)
      it('finds every planted attack path hop for hop, with its expected choke point', async () => {
        const stored = await listAttackPaths(t.db, tenantId, { limit: 1000 });
        const routes = new Set(
          stored.map((p) => (p.hops as { assetId: string }[]).map((h) => h.assetId).join(' > ')),
        );
        const planted = manifest.attackPaths.filter((p) => p.provider === provider);
        expect(planted.length).toBeGreaterThan(0);
        expect(planted.filter((p) => !routes.has(p.hops.join(' > '))).map((p) => p.hops.join(' > '))).toEqual(
          [],
        );
        const [row] = await t.db.query<{ summary: { chokePoints: { assetId: string }[] } }>(
          'SELECT summary FROM evaluations WHERE tenant_id = $1 ORDER BY started_at DESC LIMIT 1',
          [tenantId],
        );
        const chokes = new Set(row?.summary.chokePoints.map((c) => c.assetId));
        expect(planted.filter((p) => !chokes.has(p.chokePoint)).map((p) => p.chokePoint)).toEqual([]);
      });
  },
);
