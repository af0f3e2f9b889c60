import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type Db, ensureTenant, listScanTasks } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { createScanService, deleteQueueKeys } from '@aispm/scan';
import { createTestConnector, type TestConnectorOptions } from '@aispm/scan/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, fastWorkerEnv, killAll, spawnWorker } from './support/processes.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every task of the one account's region hangs for ten minutes and ignores its abort signal. */
const HANGING: TestConnectorOptions = {
  accounts: 1,
  regions: ['us-east-1'],
  assetsPerTask: 2,
  extraDelayMs: { '*@us-east-1': 600_000 },
};

let t: TestDatabase;
let db: Db;
const prefix = `aispm-test-drain-${randomBytes(4).toString('hex')}`;
const tenantSlug = `drain-${randomBytes(3).toString('hex')}`;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase('postgres');
  db = t.db;
});

afterAll(async () => {
  killAll(children);
  await deleteQueueKeys(REDIS_URL, prefix);
  await t?.drop();
});

/**
 * Issue 16, must show 3, with real processes: a worker told to stop while its tasks hang exits within its drain
 * bound (AISPM_DRAIN_TIMEOUT_MS) instead of waiting on them; the tasks it left are taken up by the next worker once
 * their locks lapse, and the task deadline (AISPM_TASK_TIMEOUT_MS) fails them there, so the scan ends `partial`
 * with the deadline as the reason instead of running for ever.
 */
describe('a worker stopping while its tasks hang', () => {
  it('exits within its drain bound, and the next worker ends the scan with the task deadline', async () => {
    const tenant = await ensureTenant(db, tenantSlug);
    const api = createScanService({
      db,
      tenantId: tenant.id,
      connectors: [createTestConnector(HANGING)],
      redis: REDIS_URL,
      queuePrefix: prefix,
      log: () => {},
    });
    const env = (extra: Record<string, string>) =>
      fastWorkerEnv(t.url as string, REDIS_URL, {
        AISPM_QUEUE_PREFIX: prefix,
        AISPM_TENANT: tenantSlug,
        ...extra,
      });
    try {
      const first = await spawnWorker(HANGING, env({ AISPM_DRAIN_TIMEOUT_MS: '1000' }), children);
      const { scanId } = await api.startScan({ trigger: 'manual' });
      await expect
        .poll(
          async () =>
            (await listScanTasks(db, scanId)).some((x) => x.status === 'running' && x.region === 'us-east-1'),
          {
            timeout: 30_000,
            interval: 50,
          },
        )
        .toBe(true);

      first.child.kill('SIGTERM');
      // Without the bound the worker would wait ten minutes for its tasks (and this test time out).
      expect(await exited(first.child)).toBe(0);
      expect(first.stderr()).toMatch(/tasks still running after 1000 ms; exiting without them/);

      const second = await spawnWorker(HANGING, env({ AISPM_TASK_TIMEOUT_MS: '800' }), children);
      const summary = await api.waitForScan(scanId, { timeoutMs: 60_000, pollMs: 100 });
      expect(summary.status).toBe('partial');
      const tasks = await listScanTasks(db, scanId);
      const failed = tasks.filter((x) => x.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      for (const task of failed) {
        expect(task.region).toBe('us-east-1');
        expect(task.error).toMatch(/did not finish within its deadline of 800 ms/);
      }
      // The rest of the scan went on around the hung tasks (discovery, and any task outside the hanging region).
      expect(tasks.filter((x) => x.status === 'succeeded').length).toBeGreaterThan(0);

      second.child.kill('SIGTERM');
      expect(await exited(second.child)).toBe(0);
    } finally {
      await api.close();
    }
  }, 120_000);
});
