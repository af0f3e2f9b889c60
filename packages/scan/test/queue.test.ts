import { type Db, listScanTasks } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY } from '../src/index.ts';
import { assetRowVersions, graphFingerprint, newTenant, REDIS_URL, ServiceHarness } from './helpers.ts';
import {
  createTestConnector,
  expectedTestEstate,
  type TestConnectorOptions,
  type TestTaskEvent,
  testAccountId,
} from './support/index.ts';

let t: TestDatabase;
let db: Db;
const harness = new ServiceHarness();

beforeAll(async () => {
  t = await createTestDatabase('postgres');
  db = t.db;
});

afterAll(async () => {
  await harness.close();
  await t?.drop();
});

const ESTATE: TestConnectorOptions = { accounts: 3, regions: ['us-east-1', 'eu-west-1'], assetsPerTask: 4 };

function sum(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}

describe('scan pipeline on BullMQ (test connector)', () => {
  let tenantId: string;
  const events: TestTaskEvent[] = [];
  let firstScan: string;

  it('fans out discover → phases 1, 2, 3 per account, counts tasks and the graph', async () => {
    tenantId = await newTenant(db, 'fanout');
    const connector = createTestConnector({ ...ESTATE, delayMs: 15, onEvent: (e) => events.push(e) });
    const finished: string[] = [];
    const service = harness.create({
      db,
      tenantId,
      connectors: [connector],
      redis: REDIS_URL,
      concurrency: { worker: 8, perAccount: 2 },
      onScanFinished: async (id) => {
        // Evaluation sees the final status: the hook runs after the scan is settled.
        finished.push(`${id} ${(await service.getScan(id)).status}`);
      },
    });
    await service.startWorkers();
    const progressSeen: number[] = [];
    const { scanId, deduplicated } = await service.startScan({ trigger: 'manual' });
    expect(deduplicated).toBe(false);
    firstScan = scanId;
    const summary = await service.waitForScan(scanId, {
      timeoutMs: 60_000,
      pollMs: 50,
      onProgress: (p) => progressSeen.push(p.counters.tasksDone),
    });
    const expected = expectedTestEstate(ESTATE);
    expect(summary.status).toBe('succeeded');
    expect(summary.tasks).toEqual({ total: expected.tasksTotal, failed: 0 });
    expect(sum(summary.assets)).toBe(expected.assets);
    expect(sum(summary.edges)).toBe(expected.edges);
    expect(summary.assets['data-store']).toBe(ESTATE.accounts * ESTATE.regions.length * 3);
    expect(summary.edges['can-read']).toBe(ESTATE.accounts * ESTATE.regions.length * 3);

    const progress = await service.getScan(scanId);
    expect(progress.counters).toMatchObject({
      tasksTotal: expected.tasksTotal,
      tasksDone: expected.tasksTotal,
      tasksFailed: 0,
      assetsSeen: expected.assets,
      edgesSeen: expected.edges,
      assetsWritten: expected.assets,
    });
    expect(progress.tasks.every((task) => task.status === 'succeeded' && task.attempts === 1)).toBe(true);
    expect(finished).toEqual([`${scanId} succeeded`]);
    // Progress was observable while the scan ran, not only at the end.
    expect(progressSeen.some((n) => n > 0 && n < expected.tasksTotal)).toBe(true);

    for (let i = 0; i < ESTATE.accounts; i++) {
      const mine = events.filter((e) => e.accountId === testAccountId(i));
      for (const phase of [2, 3] as const) {
        const previousEnd = Math.max(
          ...mine.filter((e) => e.phase === phase - 1 && e.type === 'end').map((e) => e.at),
        );
        const start = Math.min(
          ...mine.filter((e) => e.phase === phase && e.type === 'start').map((e) => e.at),
        );
        expect(start).toBeGreaterThanOrEqual(previousEnd);
      }
      // Never more than the per-account limit in flight.
      let inFlight = 0;
      let peak = 0;
      for (const e of [...mine].sort((a, b) => a.at - b.at || (a.type === 'end' ? -1 : 1))) {
        inFlight += e.type === 'start' ? 1 : -1;
        peak = Math.max(peak, inFlight);
      }
      expect(peak).toBeLessThanOrEqual(2);
    }
  });

  it('re-scanning an unchanged estate rewrites zero asset rows', async () => {
    const service = harness.create({
      db,
      tenantId,
      connectors: [createTestConnector(ESTATE)],
      redis: REDIS_URL,
    });
    await service.startWorkers();
    const before = await assetRowVersions(db, tenantId);
    const graphBefore = await graphFingerprint(db, tenantId);
    const { scanId } = await service.startScan({ trigger: 'manual' });
    expect(scanId).not.toBe(firstScan);
    const summary = await service.waitForScan(scanId, { timeoutMs: 60_000, pollMs: 50 });
    expect(summary.status).toBe('succeeded');
    const progress = await service.getScan(scanId);
    expect(progress.counters.assetsWritten).toBe(0);
    expect(progress.counters.assetsSeen).toBe(expectedTestEstate(ESTATE).assets);
    expect(progress.counters.assetsRemoved).toBe(0);
    expect(await assetRowVersions(db, tenantId)).toEqual(before);
    expect(await graphFingerprint(db, tenantId)).toEqual(graphBefore);
  });

  it('marks removed assets and rewrites only changed ones when the estate changes', async () => {
    const next = { ...ESTATE, generation: 1 };
    const service = harness.create({
      db,
      tenantId,
      connectors: [createTestConnector(next)],
      redis: REDIS_URL,
    });
    await service.startWorkers();
    const { scanId } = await service.startScan({ trigger: 'api' });
    const summary = await service.waitForScan(scanId, { timeoutMs: 60_000, pollMs: 50 });
    expect(summary.status).toBe('succeeded');
    expect(sum(summary.assets)).toBe(expectedTestEstate(next).assets);
    expect(sum(summary.edges)).toBe(expectedTestEstate(next).edges);
    const progress = await service.getScan(scanId);
    expect(progress.counters.assetsWritten).toBe(1);
    expect(progress.counters.assetsRemoved).toBe(1);
    const gone = await db.query<{ removed_at: Date | null }>(
      `SELECT removed_at FROM assets WHERE tenant_id = $1 AND id = $2`,
      [tenantId, `arn:aws:testml:us-east-1:${testAccountId(0)}:model/m-3`],
    );
    expect(gone[0]?.removed_at).toBeInstanceOf(Date);
  });

  it('keeps the assets of failed tasks, reports their errors, and does not retry permanent errors', async () => {
    // Generation 2 would drop model m-3 of the first account again; the task that owns it fails, so nothing
    // it owns may be removed. m-3 was removed by the previous scan; generation 0 brings it back first.
    const restore = harness.create({
      db,
      tenantId,
      connectors: [createTestConnector(ESTATE)],
      redis: REDIS_URL,
    });
    await restore.startWorkers();
    const restored = await restore.startScan({ trigger: 'manual' });
    await restore.waitForScan(restored.scanId, { timeoutMs: 60_000, pollMs: 50 });

    const failing = createTestConnector({
      ...ESTATE,
      generation: 1,
      failPermanently: [`${testAccountId(0)}/models@us-east-1`],
      failFirst: { [`${testAccountId(1)}/agents@*`]: 99 },
    });
    const service = harness.create({ db, tenantId, connectors: [failing], redis: REDIS_URL });
    await service.startWorkers();
    const { scanId } = await service.startScan({ trigger: 'manual' });
    const summary = await service.waitForScan(scanId, { timeoutMs: 60_000, pollMs: 50 });
    expect(summary.status).toBe('partial');
    expect(summary.tasks.failed).toBe(1 + ESTATE.regions.length);
    const tasks = await listScanTasks(db, scanId);
    const permanent = tasks.find(
      (x) => x.accountId === testAccountId(0) && x.service === 'models' && x.region === 'us-east-1',
    );
    expect(permanent).toMatchObject({ status: 'failed', attempts: 1 });
    expect(permanent?.error).toContain('AccessDenied');
    const transient = tasks.filter((x) => x.accountId === testAccountId(1) && x.service === 'agents');
    expect(transient.map((x) => [x.status, x.attempts])).toEqual(ESTATE.regions.map(() => ['failed', 3]));
    expect(transient[0]?.error).toContain('transient failure 3');
    // The failed task's assets (including m-3, which this estate no longer has) are all still live.
    const live = await db.query<{ id: string }>(
      `SELECT id FROM assets WHERE tenant_id = $1 AND removed_at IS NULL AND source = 'models@us-east-1' AND account_id = $2`,
      [tenantId, testAccountId(0)],
    );
    expect(live).toHaveLength(ESTATE.assetsPerTask);
    expect(sum(summary.assets)).toBe(expectedTestEstate(ESTATE).assets);
  });

  it('retries a throttled task with a longer backoff and counts the throttling', async () => {
    const throttleTenant = await newTenant(db, 'throttle');
    const log: TestTaskEvent[] = [];
    const target = `${testAccountId(0)}/models@us-east-1`;
    const connector = createTestConnector({
      accounts: 1,
      regions: ['us-east-1'],
      assetsPerTask: 2,
      throttleFirst: [target],
      sdkThrottlesPerTask: 1,
      onEvent: (e) => log.push(e),
    });
    const service = harness.create({
      db,
      tenantId: throttleTenant,
      connectors: [connector],
      redis: REDIS_URL,
      retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 10_000, throttleMultiplier: 4 },
    });
    await service.startWorkers();
    const { scanId } = await service.startScan({ trigger: 'manual' });
    const summary = await service.waitForScan(scanId, { timeoutMs: 60_000, pollMs: 50 });
    expect(summary.status).toBe('succeeded');
    const task = (await listScanTasks(db, scanId)).find((x) => x.service === 'models');
    // Two attempts, each reporting one SDK-retried throttle, plus the throttling error itself.
    expect(task).toMatchObject({ status: 'succeeded', attempts: 2, throttled: 3, error: null });
    const mine = log.filter((e) => e.service === 'models');
    const firstEnd = mine.find((e) => e.type === 'end' && e.attempt === 1)?.at ?? 0;
    const secondStart = mine.find((e) => e.type === 'start' && e.attempt === 2)?.at ?? 0;
    // A throttled retry waits at least half of base × multiplier (full jitter over the upper half).
    expect(secondStart - firstEnd).toBeGreaterThanOrEqual(200);
    expect((await service.getScan(scanId)).counters.throttled).toBe(3 + 4);
  });

  it('embedded mode produces the same graph as BullMQ mode', async () => {
    const bullTenant = await newTenant(db, 'bull');
    const embeddedTenant = await newTenant(db, 'embedded');
    const estate = { accounts: 2, regions: ['us-east-1', 'ap-south-1'], assetsPerTask: 5 };
    const bull = harness.create({
      db,
      tenantId: bullTenant,
      connectors: [createTestConnector(estate)],
      redis: REDIS_URL,
    });
    await bull.startWorkers();
    const embedded = harness.create({
      db,
      tenantId: embeddedTenant,
      connectors: [createTestConnector(estate)],
    });
    expect(embedded.mode).toBe('embedded');
    const a = await bull.startScan({ trigger: 'manual' });
    const b = await embedded.startScan({ trigger: 'demo' });
    const [sa, sb] = await Promise.all([
      bull.waitForScan(a.scanId, { timeoutMs: 60_000, pollMs: 50 }),
      embedded.waitForScan(b.scanId, { timeoutMs: 60_000, pollMs: 50 }),
    ]);
    expect(sa.status).toBe('succeeded');
    expect(sb.status).toBe('succeeded');
    expect(sb.assets).toEqual(sa.assets);
    expect(sb.edges).toEqual(sa.edges);
    expect(await graphFingerprint(db, embeddedTenant)).toEqual(await graphFingerprint(db, bullTenant));
  });
});

describe('scan requests', () => {
  it('deduplicates a second request for an account with an active scan', async () => {
    const tenantId = await newTenant(db, 'dedup');
    const estate = { accounts: 2, regions: ['us-east-1'], assetsPerTask: 2, delayMs: 30 };
    const service = harness.create({
      db,
      tenantId,
      connectors: [createTestConnector(estate)],
      redis: REDIS_URL,
    });
    const first = await service.startScan({ trigger: 'manual' });
    const again = await service.startScan({ trigger: 'api' });
    expect(again).toEqual({ scanId: first.scanId, deduplicated: true });
    const oneAccount = await service.startScan({ trigger: 'api', accounts: [testAccountId(1)] });
    expect(oneAccount).toEqual({ scanId: first.scanId, deduplicated: true });
    await service.startWorkers();
    expect((await service.waitForScan(first.scanId, { timeoutMs: 60_000, pollMs: 50 })).status).toBe(
      'succeeded',
    );
    // Scoped scans of different accounts run side by side; the same account again is deduplicated.
    const scoped = await service.startScan({ trigger: 'api', accounts: [testAccountId(0)] });
    const other = await service.startScan({ trigger: 'api', accounts: [testAccountId(1)] });
    const same = await service.startScan({ trigger: 'api', accounts: [testAccountId(0)] });
    expect(scoped.deduplicated).toBe(false);
    expect(other.deduplicated).toBe(false);
    expect(other.scanId).not.toBe(scoped.scanId);
    expect(same).toEqual({ scanId: scoped.scanId, deduplicated: true });
    const done = await service.waitForScan(scoped.scanId, { timeoutMs: 60_000, pollMs: 50 });
    await service.waitForScan(other.scanId, { timeoutMs: 60_000, pollMs: 50 });
    expect(done.status).toBe('succeeded');
    const tasks = await listScanTasks(db, scoped.scanId);
    expect(new Set(tasks.filter((x) => x.accountId !== 'global').map((x) => x.accountId))).toEqual(
      new Set([testAccountId(0)]),
    );
  });

  it('cancels a running scan', async () => {
    const tenantId = await newTenant(db, 'cancel');
    const service = harness.create({
      db,
      tenantId,
      connectors: [
        createTestConnector({ accounts: 2, regions: ['us-east-1'], assetsPerTask: 1, delayMs: 200 }),
      ],
      redis: REDIS_URL,
      concurrency: { worker: 1, perAccount: 1 },
    });
    await service.startWorkers();
    const { scanId } = await service.startScan({ trigger: 'manual' });
    expect(await service.cancelScan(scanId)).toBe(true);
    expect(await service.cancelScan(scanId)).toBe(false);
    const summary = await service.waitForScan(scanId, { timeoutMs: 10_000, pollMs: 50 });
    expect(summary.status).toBe('cancelled');
    const next = await service.startScan({ trigger: 'manual' });
    expect(next.deduplicated).toBe(false);
    await service.waitForScan(next.scanId, { timeoutMs: 60_000, pollMs: 50 });
  });

  it('a cancel stops in-flight tasks from writing the graph', async () => {
    const tenantId = await newTenant(db, 'cancel-inflight');
    const service = harness.create({
      db,
      tenantId,
      connectors: [
        createTestConnector({
          accounts: 3,
          regions: ['us-east-1', 'eu-west-1'],
          assetsPerTask: 5,
          delayMs: 700,
        }),
      ],
      redis: REDIS_URL,
      concurrency: { worker: 8, perAccount: 4 },
    });
    await service.startWorkers();
    const { scanId } = await service.startScan({ trigger: 'manual' });
    const sightings = async () => {
      const [row] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM sightings WHERE tenant_id = $1 AND last_scan_id = $2',
        [tenantId, scanId],
      );
      return row?.n ?? 0;
    };
    // Wait until account tasks are in flight, then cancel under them.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const tasks = await listScanTasks(db, scanId);
      if (tasks.some((t) => t.status === 'running' && t.service !== 'organizations')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await service.cancelScan(scanId)).toBe(true);
    const atCancel = await sightings();
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await sightings()).toBe(atCancel);
    expect((await service.getScan(scanId)).status).toBe('cancelled');
  });

  it('rejects bad requests with clear errors', async () => {
    const tenantId = await newTenant(db, 'bad');
    const service = harness.create({ db, tenantId, connectors: [createTestConnector(ESTATE)] });
    await expect(service.startScan({ trigger: 'manual', provider: 'azure' })).rejects.toThrow(
      /no connector configured for provider azure/,
    );
    await expect(service.startScan({ trigger: 'manual', accounts: [] })).rejects.toThrow(/non-empty list/);
    await expect(service.startScan({ trigger: 'nightly' as 'manual' })).rejects.toThrow(
      /unknown scan trigger/,
    );
    await expect(service.getScan('00000000-0000-4000-8000-000000000099')).rejects.toThrow(/no scan/);
    await expect(service.schedules.upsert({ name: 'x', cron: '0 3 * * *' })).rejects.toThrow(/need Redis/);
    expect(() => harness.create({ db, tenantId, connectors: [] })).toThrow(/at least one connector/);
    expect(() =>
      harness.create({
        db,
        tenantId,
        connectors: [createTestConnector(ESTATE)],
        concurrency: { perAccount: 0 },
      }),
    ).toThrow(/perAccount must be a positive integer/);
  });
});

describe('backoff', () => {
  it('grows exponentially, stays within the jitter window, and waits longer when throttled', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1_000, maxDelayMs: 60_000, throttleMultiplier: 4 };
    expect(backoffDelay(1, false, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, false, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(3, false, policy, () => 1)).toBe(4_000);
    expect(backoffDelay(1, true, policy, () => 0)).toBe(2_000);
    expect(backoffDelay(20, true, policy, () => 1)).toBe(60_000);
    const draws = Array.from({ length: 50 }, () => backoffDelay(2, false, policy));
    expect(draws.every((d) => d >= 1_000 && d <= 2_000)).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(1);
  });
});
