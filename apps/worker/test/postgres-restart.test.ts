import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  type Db,
  dbOptionsFromConfig,
  ensureDatabase,
  ensureTenant,
  listScanTasks,
  migrate,
  openDb,
} from '@aispm/db';
import { createScanService, deleteQueueKeys } from '@aispm/scan';
import { createTestConnector, expectedTestEstate, type TestConnectorOptions } from '@aispm/scan/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnPostgres } from './support/own-postgres.ts';
import { exited, freePort, killAll, spawnApi, spawnWorker } from './support/processes.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ESTATE: TestConnectorOptions = {
  accounts: 3,
  regions: ['us-east-1', 'eu-west-1'],
  assetsPerTask: 3,
  delayMs: 250,
};
const TOKEN = `aispm_pgrestart_${randomBytes(16).toString('hex')}`;
const prefix = `aispm-test-pg-${randomBytes(4).toString('hex')}`;
const children: ChildProcess[] = [];
let pg: OwnPostgres;
let db: Db;
let env: Record<string, string>;

beforeAll(async () => {
  pg = new OwnPostgres(await freePort());
  await pg.start();
  const url = pg.url('aispm');
  await ensureDatabase(url);
  db = await openDb(dbOptionsFromConfig({ DATABASE_URL: url }));
  await migrate(db);
  env = {
    DATABASE_URL: url,
    REDIS_URL,
    AISPM_QUEUE_PREFIX: prefix,
    AISPM_ADMIN_TOKEN: TOKEN,
    AISPM_LOCK_DURATION_MS: '3000',
    AISPM_STALLED_INTERVAL_MS: '1000',
    // Retries that outlast a restart (2 s, 4 s …): a write that met the restart succeeds on its next attempt.
    AISPM_RETRY_BASE_MS: '2000',
    // A task whose every attempt met the outage failed in the queue while unsettled in the database: the watchdog
    // takes it up again (a production default would wait 20 minutes).
    AISPM_SCAN_LOST_AFTER_MS: '3000',
    // The API's connectors are built but never called here: static keys and a loopback endpoint, no default chain.
    AWS_ACCESS_KEY_ID: 'AKIAAISPMTESTNOTUSED',
    AWS_SECRET_ACCESS_KEY: 'not-used',
    AISPM_AWS_ENDPOINT: 'http://127.0.0.1:9',
    LOG_LEVEL: 'warn',
  };
}, 60_000);

afterAll(async () => {
  killAll(children);
  await db?.close().catch(() => {});
  await deleteQueueKeys(REDIS_URL, prefix);
  await pg?.stop();
});

/**
 * Issue 16, must show 1, with real processes: Postgres is restarted (`pg_ctl restart -m fast`) and then crashed
 * (kill -9 of the postmaster, then started) while a scan runs and evaluations are requested. The worker and the API
 * stay alive, the API answers 503 (never 500) while the database is away and 200 again without a restart, and the
 * scan completes with the whole estate.
 */
describe('Postgres restarted and crashed under a running scan and evaluations', () => {
  it('worker and API live through it, the API recovers by itself, and the scan completes whole', async () => {
    const worker = await spawnWorker(ESTATE, env, children);
    const api = await spawnApi(env, children);
    const tenant = await ensureTenant(db);
    const scans = createScanService({
      db,
      tenantId: tenant.id,
      connectors: [createTestConnector(ESTATE)],
      redis: REDIS_URL,
      queuePrefix: prefix,
      log: () => {},
    });
    const statuses: number[] = [];
    const call = async (method: 'GET' | 'POST', path: string) => {
      const res = await fetch(`${api.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      statuses.push(res.status);
      return res.status;
    };
    try {
      const expected = expectedTestEstate(ESTATE);
      const { scanId } = await scans.startScan({ trigger: 'manual' });
      await expect
        .poll(async () => (await scans.getScan(scanId)).counters.tasksDone, { timeout: 30_000 })
        .toBeGreaterThanOrEqual(2);

      // Evaluations in flight while the server restarts.
      const evaluations = Array.from({ length: 4 }, () => call('POST', '/evaluations'));
      await Promise.all([pg.restartFast(), ...evaluations]);
      // Crashed: while it is down the API answers 503 (with Retry-After), never 500.
      pg.crash();
      await new Promise((r) => setTimeout(r, 300));
      expect(await call('GET', '/scans')).toBe(503);
      expect(await call('POST', '/evaluations')).toBe(503);
      await pg.startAfterCrash();

      const summary = await scans
        .waitForScan(scanId, { timeoutMs: 90_000, pollMs: 200 })
        .catch(async (error) => {
          // What a failure needs to be understood: where each task stands, and what the worker said.
          const tasks = await listScanTasks(db, scanId);
          const states = tasks.map(
            (t) => `${t.accountId}/${t.region}/${t.service}: ${t.status} ${t.error ?? ''}`,
          );
          throw new Error(
            `${String(error)}\ntasks:\n${states.join('\n')}\nworker stderr:\n${worker.stderr()}`,
          );
        });
      expect(summary.status).toBe('succeeded');
      expect(summary.tasks).toEqual({ total: expected.tasksTotal, failed: 0 });
      expect((await scans.getScan(scanId)).counters).toMatchObject({
        assetsSeen: expected.assets,
        edgesSeen: expected.edges,
      });

      // The API came back by itself: the same process answers 200.
      await expect.poll(() => call('GET', '/scans'), { timeout: 30_000, interval: 250 }).toBe(200);
      expect(await call('POST', '/evaluations')).toBe(200);
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      expect(worker.child.exitCode).toBeNull();
      expect(api.child.exitCode).toBeNull();

      worker.child.kill('SIGTERM');
      expect(await exited(worker.child)).toBe(0);
    } finally {
      await scans.close();
    }
  }, 180_000);
});
