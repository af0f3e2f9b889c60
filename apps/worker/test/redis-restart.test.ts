import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, ensureTenant, getScanRow } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { createScanService } from '@aispm/scan';
import { createTestConnector, expectedTestEstate, type TestConnectorOptions } from '@aispm/scan/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, fastWorkerEnv, freePort, killAll, spawnWorker } from './support/processes.ts';

const ESTATE: TestConnectorOptions = {
  accounts: 3,
  regions: ['us-east-1', 'eu-west-1'],
  assetsPerTask: 3,
  delayMs: 150,
};

let t: TestDatabase;
let db: Db;
let port = 0;
let redis: ChildProcess | undefined;
const dir = mkdtempSync(join(tmpdir(), 'aispm-redis-'));
const children: ChildProcess[] = [];
const tenantSlug = `redis-restart-${randomBytes(3).toString('hex')}`;

/** This test's own Redis, as production often runs it for queues: no RDB snapshots, no AOF. */
function startRedis(): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code})`)));
  });
}

beforeAll(async () => {
  t = await createTestDatabase('postgres');
  db = t.db;
  port = await freePort();
  redis = await startRedis();
});

afterAll(async () => {
  killAll(children);
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Issue 16, must show 2, with real processes: Redis (no persistence) is killed and restarted mid-scan, so every
 * queued job is gone. The worker's scan watchdog (AISPM_SCAN_LOST_AFTER_MS) sees the quiet scan whose jobs no
 * longer exist, enqueues them again, and the scan completes with the whole estate; the next scan of the scope
 * then starts as a scan of its own.
 */
describe('a Redis without persistence restarted mid-scan', () => {
  it('the scan is recovered by the watchdog and completes, and the next scan starts', async () => {
    const redisUrl = `redis://127.0.0.1:${port}`;
    const tenant = await ensureTenant(db, tenantSlug);
    const api = createScanService({
      db,
      tenantId: tenant.id,
      connectors: [createTestConnector(ESTATE)],
      redis: redisUrl,
      queuePrefix: 'aispm',
      log: () => {},
    });
    const worker = await spawnWorker(
      ESTATE,
      fastWorkerEnv(t.url as string, redisUrl, {
        AISPM_TENANT: tenantSlug,
        AISPM_WORKER_CONCURRENCY: '2',
        AISPM_SCAN_LOST_AFTER_MS: '1500',
      }),
      children,
    );
    try {
      const expected = expectedTestEstate(ESTATE);
      const { scanId } = await api.startScan({ trigger: 'manual' });
      await expect
        .poll(async () => (await getScanRow(db, scanId))?.tasksDone ?? 0, { timeout: 30_000, interval: 20 })
        .toBeGreaterThanOrEqual(3);
      const before = await getScanRow(db, scanId);
      expect(before?.tasksDone).toBeLessThan(expected.tasksTotal);

      redis?.kill('SIGKILL');
      await exited(redis as ChildProcess);
      redis = await startRedis();

      const summary = await api.waitForScan(scanId, { timeoutMs: 60_000, pollMs: 100 });
      expect(summary.status).toBe('succeeded');
      expect(summary.tasks).toEqual({ total: expected.tasksTotal, failed: 0 });
      const progress = await api.getScan(scanId);
      expect(progress.counters).toMatchObject({ assetsSeen: expected.assets, edgesSeen: expected.edges });

      const next = await api.startScan({ trigger: 'manual' });
      expect(next.scanId).not.toBe(scanId);
      expect((await api.waitForScan(next.scanId, { timeoutMs: 60_000, pollMs: 100 })).status).toBe(
        'succeeded',
      );
      worker.child.kill('SIGTERM');
      expect(await exited(worker.child)).toBe(0);
    } finally {
      await api.close();
    }
  }, 150_000);
});
