import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import type { Manifest } from '@aispm/core';
import { ensureTenant, listAttackPaths } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { RULES } from '@aispm/policy';
import { createScanService, runEvaluation, type ScanService } from '@aispm/scan';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simConnectors } from '../src/demo.ts';

/**
 * The whole pipeline against the simulator's ground truth, as a user runs it: cloud-sim → AWS connector →
 * scan service → Postgres graph → policy engine and attack paths. Nothing is seeded by hand.
 */
async function scanAndEvaluate(scans: ScanService, t: TestDatabase, tenantId: string) {
  const { scanId } = await scans.startScan({ trigger: 'manual', provider: 'aws' });
  const summary = await scans.waitForScan(scanId, { timeoutMs: 300_000 });
  expect(summary.status).toBe('succeeded');
  return runEvaluation(t.db, tenantId, { scanId });
}

describe('ground truth on the medium estate, through the scan pipeline', () => {
  let sim: CloudSim;
  let manifest: Manifest;
  let t: TestDatabase;
  let tenantId: string;
  let scans: ScanService;
  let findings: { rule_id: string; asset_id: string; status: string }[];
  let chokePoints: { assetId: string }[];

  beforeAll(async () => {
    sim = await startCloudSim({ seed: 42, scale: 'medium', port: 0, rateLimits: false, providers: ['aws'] });
    manifest = sim.manifest;
    t = await createTestDatabase('postgres');
    tenantId = (await ensureTenant(t.db)).id;
    scans = createScanService({ db: t.db, tenantId, connectors: simConnectors(sim), redis: undefined });
    const summary = await scanAndEvaluate(scans, t, tenantId);
    chokePoints = summary.chokePoints;
    findings = await t.db.query('SELECT rule_id, asset_id, status FROM findings WHERE tenant_id = $1', [
      tenantId,
    ]);
  }, 400_000);
  afterAll(async () => {
    await scans?.close();
    await t?.drop();
    await sim?.close();
  });

  it('produces the expected finding for every planted AWS risk', () => {
    const concepts = new Map(RULES.map((r) => [r.id, r.concepts as readonly string[]]));
    const detected = new Set(
      findings.flatMap((f) => (concepts.get(f.rule_id) ?? []).map((c) => `${f.asset_id}|${c}`)),
    );
    const planted = manifest.risks.filter((r) => r.provider === 'aws');
    expect(planted.length).toBeGreaterThan(50);
    expect(
      planted
        .filter((r) => !detected.has(`${r.assetId}|${r.concept}`))
        .map((r) => `${r.concept} ${r.assetId}`),
    ).toEqual([]);
  });

  it('names no asset the manifest marks clean', () => {
    const clean = new Set(manifest.clean);
    expect(clean.size).toBeGreaterThan(10);
    expect(findings.filter((f) => clean.has(f.asset_id)).map((f) => `${f.rule_id} ${f.asset_id}`)).toEqual(
      [],
    );
  });

  it('finds the planted attack paths and ranks the choke point that cuts each one first', async () => {
    const stored = await listAttackPaths(t.db, tenantId, { limit: 10_000 });
    const routes = new Set(
      stored.map((p) => (p.hops as { assetId: string }[]).map((h) => h.assetId).join(' > ')),
    );
    const planted = manifest.attackPaths.filter((p) => p.provider === 'aws');
    expect(planted.length).toBeGreaterThan(0);
    expect(planted.filter((p) => !routes.has(p.hops.join(' > '))).map((p) => p.hops.join(' > '))).toEqual([]);
    // Fixing any asset on a path before its crown jewel cuts it; the highest-ranked such choke point is the fix
    // aispm tells you to do first for that path.
    const firstCut = (hops: string[]) =>
      chokePoints.find((c) => hops.slice(0, -1).includes(c.assetId))?.assetId;
    expect(planted.map((p) => ({ path: p.id, chokePoint: firstCut(p.hops) }))).toEqual(
      planted.map((p) => ({ path: p.id, chokePoint: p.chokePoint })),
    );
  });
});

describe('finding lifecycle when the cloud changes', () => {
  let sim: CloudSim;
  let t: TestDatabase;
  let tenantId: string;
  let scans: ScanService;

  beforeAll(async () => {
    sim = await startCloudSim({ seed: 11, scale: 'small', port: 0, rateLimits: false, providers: ['aws'] });
    t = await createTestDatabase('postgres');
    tenantId = (await ensureTenant(t.db)).id;
    scans = createScanService({ db: t.db, tenantId, connectors: simConnectors(sim), redis: undefined });
  }, 120_000);
  afterAll(async () => {
    await scans?.close();
    await t?.drop();
    await sim?.close();
  });

  it('resolves a finding once the config is fixed and reopens it when it breaks again', async () => {
    const notebooks = sim.estate.aws.accounts.flatMap((a) =>
      Object.values(a.regions).flatMap(
        (r) => r.sagemaker.notebooks as { NotebookInstanceArn: string; DirectInternetAccess: string }[],
      ),
    );
    const notebook = notebooks.find((n) => n.DirectInternetAccess === 'Enabled');
    expect(notebook, 'the estate plants a notebook with direct internet access').toBeDefined();
    if (!notebook) return;
    const statusOf = async () => {
      const rows = await t.db.query<{ status: string }>(
        `SELECT status FROM findings WHERE tenant_id = $1 AND rule_id = 'aispm-notebook-direct-internet' AND asset_id = $2`,
        [tenantId, notebook.NotebookInstanceArn],
      );
      return rows.map((r) => r.status);
    };

    await scanAndEvaluate(scans, t, tenantId);
    expect(await statusOf()).toEqual(['open']);

    notebook.DirectInternetAccess = 'Disabled';
    await scanAndEvaluate(scans, t, tenantId);
    expect(await statusOf()).toEqual(['resolved']);

    notebook.DirectInternetAccess = 'Enabled';
    await scanAndEvaluate(scans, t, tenantId);
    expect(await statusOf()).toEqual(['reopened']);
    const history = await t.db.query<{ from_status: string | null; to_status: string }>(
      `SELECT e.from_status, e.to_status FROM finding_events e JOIN findings f ON f.id = e.finding_id
        WHERE f.tenant_id = $1 AND f.rule_id = 'aispm-notebook-direct-internet' AND f.asset_id = $2 ORDER BY e.at`,
      [tenantId, notebook.NotebookInstanceArn],
    );
    expect(history.map((h) => `${h.from_status ?? '∅'}→${h.to_status}`)).toEqual([
      '∅→open',
      'open→resolved',
      'resolved→reopened',
    ]);
  });
});
