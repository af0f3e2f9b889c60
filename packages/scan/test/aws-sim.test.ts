import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { createAwsConnector } from '@aispm/connectors';
import type { Manifest } from '@aispm/core';
import { type Db, listLiveAssets, listLiveEdges, listScanTasks } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetRowVersions, newTenant, REDIS_URL, ServiceHarness } from './helpers.ts';

let t: TestDatabase;
let db: Db;
const harness = new ServiceHarness();
const sims: CloudSim[] = [];

beforeAll(async () => {
  t = await createTestDatabase('postgres');
  db = t.db;
});

afterAll(async () => {
  await harness.close();
  await Promise.all(sims.map((s) => s.close()));
  await t?.drop();
});

function awsRegions(manifest: Manifest): string[] {
  return [
    ...new Set(
      manifest.assets.filter((a) => a.provider === 'aws' && a.region !== 'global').map((a) => a.region),
    ),
  ].sort();
}

function connectorFor(sim: CloudSim, manifest: Manifest) {
  return createAwsConnector({
    credentials: { accessKeyId: 'AKIAAISPMSIMULATOR01', secretAccessKey: 'aispm-sim-secret' },
    endpoint: sim.aws.endpoint,
    regions: awsRegions(manifest),
  });
}

function difference(a: string[], b: string[]): string[] {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => !other.has(x)).sort();
}

const edgeKey = (e: { kind: string; from: string; to: string }) => `${e.kind}|${e.from}|${e.to}`;
const isAwsEdge = (e: { from: string; to: string }) =>
  e.from.startsWith('arn:aws') || e.to.startsWith('arn:aws');

describe('scanning the cloud-sim medium estate through BullMQ with the AWS connector', () => {
  let sim: CloudSim;
  let tenantId: string;

  it('imports exactly the manifest: AWS assets, exhaustive edge kinds, planted access edges', async () => {
    sim = await startCloudSim({ seed: 7, scale: 'medium', port: 0, rateLimits: false });
    sims.push(sim);
    const manifest = sim.manifest;
    tenantId = await newTenant(db, 'aws-sim');
    const service = harness.create({
      db,
      tenantId,
      connectors: [connectorFor(sim, manifest)],
      redis: REDIS_URL,
      concurrency: { worker: 16, perAccount: 4 },
    });
    await service.startWorkers();
    const { scanId } = await service.startScan({ trigger: 'manual', provider: 'aws' });
    const summary = await service.waitForScan(scanId, { timeoutMs: 120_000, pollMs: 100 });
    const tasks = await listScanTasks(db, scanId);
    expect(
      tasks.filter((x) => x.status === 'failed').map((x) => `${x.service}@${x.region} ${x.error}`),
    ).toEqual([]);
    expect(summary.status).toBe('succeeded');

    const assets = (await listLiveAssets(db, tenantId, { provider: 'aws' })).map((a) => a.id);
    const wanted = manifest.assets.filter((a) => a.provider === 'aws').map((a) => a.id);
    const edges = await listLiveEdges(db, tenantId);
    const exhaustive = new Set<string>(manifest.exhaustiveEdgeKinds);
    const gotExhaustive = edges.filter((e) => exhaustive.has(e.kind) && isAwsEdge(e)).map(edgeKey);
    const wantExhaustive = manifest.edges.filter((e) => exhaustive.has(e.kind) && isAwsEdge(e)).map(edgeKey);
    const got = new Set(edges.map(edgeKey));
    const planted = manifest.edges.filter((e) => !exhaustive.has(e.kind) && isAwsEdge(e)).map(edgeKey);
    expect(assets.length).toBeGreaterThan(100);
    expect(planted.length).toBeGreaterThan(0);
    // All differences at once, so a failure shows the whole picture.
    expect({
      missingAssets: difference(wanted, assets),
      extraAssets: difference(assets, wanted),
      missingEdges: difference(wantExhaustive, gotExhaustive),
      extraEdges: difference(gotExhaustive, wantExhaustive),
      missingPlantedAccessEdges: planted.filter((k) => !got.has(k)),
    }).toEqual({
      missingAssets: [],
      extraAssets: [],
      missingEdges: [],
      extraEdges: [],
      missingPlantedAccessEdges: [],
    });
  });

  it('re-scanning the unchanged estate gives the same counts and rewrites zero asset rows', async () => {
    const service = harness.create({
      db,
      tenantId,
      connectors: [connectorFor(sim, sim.manifest)],
      redis: REDIS_URL,
    });
    await service.startWorkers();
    const before = await assetRowVersions(db, tenantId);
    const first = await service.summarize(
      (await db.query<{ id: string }>(`SELECT id FROM scans WHERE tenant_id = $1`, [tenantId]))[0]?.id ?? '',
    );
    const { scanId } = await service.startScan({ trigger: 'manual', provider: 'aws' });
    const summary = await service.waitForScan(scanId, { timeoutMs: 120_000, pollMs: 100 });
    expect(summary.status).toBe('succeeded');
    expect(summary.assets).toEqual(first.assets);
    expect(summary.edges).toEqual(first.edges);
    const progress = await service.getScan(scanId);
    expect(progress.counters.assetsWritten).toBe(0);
    expect(progress.counters.assetsRemoved).toBe(0);
    expect(await assetRowVersions(db, tenantId)).toEqual(before);
  });

  it('completes under faults and rate limits, reporting failed tasks and throttled calls', async () => {
    const faulty = await startCloudSim({
      seed: 7,
      scale: 'medium',
      port: 0,
      rateLimits: true,
      rateLimitScale: 20,
      faults: { errorRate: 0.05, throttleRate: 0.05, malformedRate: 0.02, seed: 3 },
    });
    sims.push(faulty);
    const faultTenant = await newTenant(db, 'aws-faults');
    const service = harness.create({
      db,
      tenantId: faultTenant,
      connectors: [connectorFor(faulty, faulty.manifest)],
      redis: REDIS_URL,
      concurrency: { worker: 16, perAccount: 4 },
      retry: { attempts: 6, baseDelayMs: 50, maxDelayMs: 1_000, throttleMultiplier: 4 },
    });
    await service.startWorkers();
    const { scanId } = await service.startScan({ trigger: 'manual', provider: 'aws' });
    const summary = await service.waitForScan(scanId, { timeoutMs: 180_000, pollMs: 100 });
    expect(['succeeded', 'partial']).toContain(summary.status);
    const progress = await service.getScan(scanId);
    const failed = progress.tasks.filter((x) => x.status === 'failed');
    expect(failed.length).toBe(summary.tasks.failed);
    expect(failed.every((x) => typeof x.error === 'string' && x.error.length > 0)).toBe(true);
    expect(progress.counters.throttled).toBeGreaterThan(0);
    expect(progress.tasks.every((x) => x.status === 'succeeded' || x.status === 'failed')).toBe(true);
    const injected = faulty.faults.stats();
    expect(injected.error).toBeGreaterThan(0);
    expect(injected.throttle).toBeGreaterThan(0);
    expect(injected.malformed).toBeGreaterThan(0);
    // What the retries recovered is right: the assets are the clean estate's, except those owned by a failed
    // task (kept from nothing here, as this tenant had no earlier scan).
    const live = (await listLiveAssets(db, faultTenant, { provider: 'aws' })).map((a) => a.id);
    const cleanAssets = await listLiveAssets(db, tenantId, { provider: 'aws' });
    const clean = cleanAssets.map((a) => a.id);
    // Only an account with a failed task may miss assets (none at all when every task succeeded).
    const failedAccounts = new Set(failed.map((x) => x.accountId));
    const accountOf = new Map(cleanAssets.map((a) => [a.id, a.accountId]));
    const unexplained = difference(clean, live).filter((id) => !failedAccounts.has(accountOf.get(id) ?? ''));
    expect(unexplained).toEqual([]);
    expect(difference(live, clean)).toEqual([]);
    expect(live.length).toBeGreaterThan(100);
  });
});
