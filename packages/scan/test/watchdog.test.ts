import { type Db, getScanRow } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, deleteQueueKeys } from '../src/index.ts';
import { jobIdOf } from '../src/jobs.ts';
import { BullmqRunner } from '../src/runners/bullmq.ts';
import { checkLostScans } from '../src/watchdog.ts';
import { newTenant, REDIS_URL, ServiceHarness, uniquePrefix } from './helpers.ts';
import { createTestConnector } from './support/index.ts';

// The watchdog's second step, which the restart tests never reach because their workers recover the scan: a scan
// whose queued work is lost again after it was enqueued once more is marked failed with the reason, and stops
// blocking new scans of its scope. No worker runs here, so nothing but the watchdog touches the scan.
let t: TestDatabase;
let db: Db;
const harness = new ServiceHarness();
const runners: BullmqRunner[] = [];

beforeAll(async () => {
  t = await createTestDatabase('postgres');
  db = t.db;
});
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
  await harness.close();
  await t?.drop();
});

const LOST_AFTER_MS = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function watchdogRunner(prefix: string): BullmqRunner {
  const runner = new BullmqRunner(
    () => {
      throw new Error('the watchdog never processes jobs');
    },
    {
      redisUrl: REDIS_URL,
      prefix,
      concurrency: { worker: 1, perAccount: 1 },
      retry: DEFAULT_RETRY_POLICY,
      lockDurationMs: 5_000,
      stalledIntervalMs: 2_000,
      maxStalledCount: 1,
      accountLeaseMs: 5_000,
    },
    () => {},
  );
  runners.push(runner);
  return runner;
}

describe('scan watchdog', () => {
  it('leaves a quiet scan whose job still waits alone, re-enqueues lost work once, then marks the scan failed', async () => {
    const tenantId = await newTenant(db, 'watchdog');
    const prefix = uniquePrefix('wd');
    const service = harness.create({
      db,
      tenantId,
      connectors: [createTestConnector({ accounts: 1, regions: ['us-east-1'], assetsPerTask: 1 })],
      redis: REDIS_URL,
      queuePrefix: prefix,
    });
    const { scanId } = await service.startScan({ trigger: 'manual' });
    const runner = watchdogRunner(prefix);
    const logged: string[] = [];
    const options = {
      db,
      runner,
      phaseOf: () => 1,
      lostAfterMs: LOST_AFTER_MS,
      log: (_level: string, message: string) => logged.push(message),
    };
    const discover = jobIdOf({ kind: 'discover', tenantId, scanId, provider: 'aws' }) as string;

    // Quiet, but its discover job waits in the queue: a busy queue, not a lost scan.
    await sleep(LOST_AFTER_MS + 50);
    await checkLostScans(options);
    expect(logged).toEqual([]);
    expect(await runner.missingJobs([discover])).toEqual([]);

    // Redis loses the queue: the job is enqueued again under its id, the scan stays unfinished.
    await deleteQueueKeys(REDIS_URL, prefix);
    expect(await runner.missingJobs([discover])).toEqual([discover]);
    await checkLostScans(options);
    expect(logged).toEqual(['scan lost its queued jobs: enqueued again']);
    expect(await runner.missingJobs([discover])).toEqual([]);
    expect((await getScanRow(db, scanId))?.status).toBe('queued');

    // Lost again, and quiet for two windows: failed, with the reason.
    await deleteQueueKeys(REDIS_URL, prefix);
    await sleep(LOST_AFTER_MS + 50);
    await checkLostScans(options);
    expect(logged.at(-1)).toBe('scan lost: marked failed');
    const failed = await getScanRow(db, scanId);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/^lost: nothing happened for \d+ s and its queued work was gone/);

    // The failed scan no longer holds its scope: the next scan is a new one.
    const next = await service.startScan({ trigger: 'manual' });
    expect(next.deduplicated).toBe(false);
    expect(next.scanId).not.toBe(scanId);
  });
});
