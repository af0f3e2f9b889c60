import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type Db, ensureTenant, listScanTasks } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { createScanService, deleteQueueKeys } from '@aispm/scan';
import { createTestConnector, expectedTestEstate, type TestConnectorOptions } from '@aispm/scan/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, fastWorkerEnv, killAll, spawnWorker } from './support/processes.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const ESTATE: TestConnectorOptions = {
  accounts: 3,
  regions: ['us-east-1', 'eu-west-1', 'ap-south-1'],
  assetsPerTask: 5,
  delayMs: 120,
};

let t: TestDatabase;
let db: Db;
const prefix = `aispm-test-kill9-${randomBytes(4).toString('hex')}`;
const tenantSlug = `kill9-${randomBytes(3).toString('hex')}`;
const children: ChildProcess[] = [];

const spawn = () =>
  spawnWorker(
    ESTATE,
    fastWorkerEnv(t.url as string, REDIS_URL, {
      AISPM_QUEUE_PREFIX: prefix,
      AISPM_TENANT: tenantSlug,
      AISPM_WORKER_CONCURRENCY: '4',
      AISPM_ACCOUNT_CONCURRENCY: '2',
    }),
    children,
  ).then((w) => w.child);

beforeAll(async () => {
  t = await createTestDatabase('postgres');
  db = t.db;
});

afterAll(async () => {
  killAll(children);
  await deleteQueueKeys(REDIS_URL, prefix);
  await t?.drop();
});

describe('worker crash (kill -9) mid-scan', () => {
  it('a new worker finishes the scan with the same graph, nothing lost or counted twice', async () => {
    const tenant = await ensureTenant(db, tenantSlug);
    // The API side: enqueues and watches, runs no jobs itself.
    const api = createScanService({
      db,
      tenantId: tenant.id,
      connectors: [createTestConnector(ESTATE)],
      redis: REDIS_URL,
      queuePrefix: prefix,
      log: () => {},
    });
    try {
      const first = await spawn();
      const { scanId } = await api.startScan({ trigger: 'manual' });
      const expected = expectedTestEstate(ESTATE);

      let runningAtKill: string[] = [];
      const deadline = Date.now() + 30_000;
      for (;;) {
        const p = await api.getScan(scanId);
        runningAtKill = p.tasks
          .filter((x) => x.status === 'running')
          .map((x) => `${x.accountId}/${x.service}@${x.region}`);
        if (p.counters.tasksDone >= 6 && runningAtKill.length > 0) {
          first.kill('SIGKILL');
          expect(p.counters.tasksDone).toBeLessThan(expected.tasksTotal);
          break;
        }
        if (Date.now() > deadline) throw new Error('scan made no progress before the kill');
        await new Promise((r) => setTimeout(r, 20));
      }
      await exited(first);
      expect(first.signalCode).toBe('SIGKILL');
      const doneAfterKill = (await api.getScan(scanId)).counters.tasksDone;
      expect(doneAfterKill).toBeLessThan(expected.tasksTotal);
      // The tasks the crash interrupted: still running once the worker is gone. (The set seen just before the kill
      // may differ: one may finish, another start, before the signal lands.)
      const interrupted = (await listScanTasks(db, scanId))
        .filter((x) => x.status === 'running')
        .map((x) => `${x.accountId}/${x.service}@${x.region}`);
      expect(interrupted.length).toBeGreaterThan(0);

      const second = await spawn();
      const summary = await api.waitForScan(scanId, { timeoutMs: 60_000, pollMs: 100 });
      expect(summary.status).toBe('succeeded');
      expect(summary.tasks).toEqual({ total: expected.tasksTotal, failed: 0 });

      const progress = await api.getScan(scanId);
      expect(progress.counters).toMatchObject({
        tasksTotal: expected.tasksTotal,
        tasksDone: expected.tasksTotal,
        tasksFailed: 0,
        assetsSeen: expected.assets,
        edgesSeen: expected.edges,
      });
      const tasks = await listScanTasks(db, scanId);
      expect(tasks).toHaveLength(expected.tasksTotal);
      expect(tasks.every((x) => x.status === 'succeeded')).toBe(true);
      // The tasks the crash interrupted ran again on the new worker.
      for (const key of interrupted) {
        const task = tasks.find((x) => `${x.accountId}/${x.service}@${x.region}` === key);
        expect(task?.attempts).toBeGreaterThanOrEqual(2);
      }

      // The same estate scanned without interruption, in-process, into another tenant of the same database.
      const referenceTenant = await ensureTenant(db, `${tenantSlug}-ref`);
      const reference = createScanService({
        db,
        tenantId: referenceTenant.id,
        connectors: [createTestConnector({ ...ESTATE, delayMs: 0 })],
        log: () => {},
      });
      const ref = await reference.startScan({ trigger: 'manual' });
      const refSummary = await reference.waitForScan(ref.scanId, { timeoutMs: 60_000, pollMs: 50 });
      await reference.close();
      expect(summary.assets).toEqual(refSummary.assets);
      expect(summary.edges).toEqual(refSummary.edges);
      const fingerprint = async (tenantId: string) => ({
        assets: await db.query(
          `SELECT id, content_hash FROM assets WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY id`,
          [tenantId],
        ),
        edges: await db.query(
          `SELECT id, content_hash FROM edges WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY id`,
          [tenantId],
        ),
      });
      expect(await fingerprint(tenant.id)).toEqual(await fingerprint(referenceTenant.id));

      second.kill('SIGTERM');
      expect(await exited(second)).toBe(0);
    } finally {
      await api.close();
    }
  });
});
