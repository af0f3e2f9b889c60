import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { loadConfig } from '@aispm/core';
import type { Db } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorsFromConfig, runEvaluation, type ScanServiceOptions } from '../src/index.ts';
import { newTenant, REDIS_URL, ServiceHarness, uniquePrefix } from './helpers.ts';

let t: TestDatabase;
let db: Db;
let sim: CloudSim;
const harness = new ServiceHarness();

beforeAll(async () => {
  t = await createTestDatabase('postgres');
  db = t.db;
  sim = await startCloudSim({ seed: 7, scale: 'medium', port: 0, rateLimits: false });
});
afterAll(async () => {
  await harness.close();
  await sim?.close();
  await t?.drop();
});

function simConnectors() {
  return connectorsFromConfig(
    loadConfig({
      ...sim.env,
      AISPM_CLOUDS: 'aws,azure,gcp',
      AISPM_AWS_ENDPOINT: sim.aws.endpoint,
      AISPM_AWS_REGIONS: sim.estate.aws.regions.join(','),
      AISPM_AZURE_CA_CERT_PATH: sim.azure?.caCertPath,
    }),
  );
}

/**
 * Everything a scan and its evaluation stored for a tenant, in one canonical order, without what legitimately
 * differs between runs (row ids, timestamps, scan and evaluation ids). Findings and paths are keyed by their
 * fingerprints (their stable identity; row ids are per tenant); choke points name paths by fingerprint.
 */
async function canonicalState(
  tenantId: string,
  chokePoints: { assetId: string; cuts: number; paths: string[] }[],
) {
  const q = <T>(sql: string) => db.query<T>(sql, [tenantId]);
  const assets = await q<Record<string, unknown>>(
    `SELECT id, kind, provider, account_id, region, name, native_type, source, properties, tags, content_hash
       FROM assets WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY id`,
  );
  const edges = await q<Record<string, unknown>>(
    `SELECT id, kind, from_id, to_id, account_id, source, properties, content_hash
       FROM edges WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY id`,
  );
  const findings = await q<Record<string, unknown>>(
    `SELECT fingerprint, rule_id, asset_id, provider, account_id, region, severity, risk_score, risk_reasons, title,
            controls, evidence, status
       FROM findings WHERE tenant_id = $1 ORDER BY fingerprint`,
  );
  const paths = await q<{ id: string; fingerprint: string } & Record<string, unknown>>(
    `SELECT id, fingerprint, entry_id, target_id, hops, length, likelihood, impact, score, status
       FROM attack_paths WHERE tenant_id = $1 ORDER BY fingerprint`,
  );
  const fingerprintOf = new Map(paths.map((p) => [p.id, p.fingerprint]));
  return {
    assets,
    edges,
    findings,
    paths: paths.map(({ id: _rowId, ...rest }) => rest),
    chokePoints: chokePoints.map((c) => ({ ...c, paths: c.paths.map((id) => fingerprintOf.get(id) ?? id) })),
  };
}

type State = Awaited<ReturnType<typeof canonicalState>>;

/** Items (by their key) that differ between two states, per table: empty when the states are identical. */
function differences(a: State, b: State): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of Object.keys(a) as (keyof State)[]) {
    const key = (row: Record<string, unknown>, i: number) =>
      String(row.id ?? row.fingerprint ?? row.assetId ?? i);
    const left = new Map(
      (a[table] as Record<string, unknown>[]).map((r, i) => [key(r, i), JSON.stringify(r)]),
    );
    const right = new Map(
      (b[table] as Record<string, unknown>[]).map((r, i) => [key(r, i), JSON.stringify(r)]),
    );
    const diff = [...new Set([...left.keys(), ...right.keys()])]
      .filter((k) => left.get(k) !== right.get(k))
      .map((k) => `${k}: ${left.get(k) ?? '(absent)'} != ${right.get(k) ?? '(absent)'}`);
    if (diff.length > 0) out[table] = diff.slice(0, 10);
  }
  return out;
}

/** Scans the medium estate (AWS, Azure, GCP) into a fresh tenant with the given runner settings, then evaluates. */
async function scanAndEvaluate(
  label: string,
  settings: Pick<ScanServiceOptions, 'concurrency' | 'redis'> & { workers?: number },
): Promise<State> {
  const tenantId = await newTenant(db, label);
  const queuePrefix = uniquePrefix(label);
  const services = [];
  for (let w = 0; w < (settings.workers ?? 1); w++) {
    services.push(
      harness.create({ db, tenantId, connectors: await simConnectors(), queuePrefix, ...settings }),
    );
  }
  for (const s of services) await s.startWorkers();
  const [first] = services;
  if (!first) throw new Error('no scan service');
  const { scanId } = await first.startScan({ trigger: 'manual' });
  const summary = await first.waitForScan(scanId, { timeoutMs: 300_000, pollMs: 100 });
  const progress = await first.getScan(scanId);
  expect(
    progress.tasks.filter((x) => x.status !== 'succeeded').map((x) => `${x.service} ${x.error}`),
  ).toEqual([]);
  expect(summary.status).toBe('succeeded');
  const evaluation = await runEvaluation(db, tenantId, { scanId });
  expect(evaluation.ruleErrors).toBeUndefined();
  return canonicalState(tenantId, evaluation.chokePoints);
}

/**
 * Must show 3 of issue 10: the same estate gives the same graph, findings, paths and choke points whatever the task
 * order, concurrency or worker count — one task at a time, eight at a time, and two BullMQ workers on Redis.
 */
describe('three scans of the medium estate with different concurrency and worker counts', () => {
  const states: Record<string, State> = {};

  it('scans one task at a time (embedded)', async () => {
    states.serial = await scanAndEvaluate('det-serial', { concurrency: { worker: 1, perAccount: 1 } });
    expect(states.serial.assets.length).toBeGreaterThan(300);
    expect(states.serial.findings.length).toBeGreaterThan(50);
    expect(states.serial.paths.length).toBeGreaterThan(5);
    expect(states.serial.chokePoints.length).toBeGreaterThan(0);
  }, 400_000);

  it('scans eight tasks at a time (embedded) into the identical state', async () => {
    states.parallel = await scanAndEvaluate('det-parallel', { concurrency: { worker: 8, perAccount: 8 } });
    expect(differences(states.serial as State, states.parallel)).toEqual({});
  }, 400_000);

  it('scans with two BullMQ workers on Redis into the identical state', async () => {
    states.bullmq = await scanAndEvaluate('det-bullmq', {
      redis: REDIS_URL,
      workers: 2,
      concurrency: { worker: 6, perAccount: 3 },
    });
    expect(differences(states.serial as State, states.bullmq)).toEqual({});
  }, 400_000);
});
