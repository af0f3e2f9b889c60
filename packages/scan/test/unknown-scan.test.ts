import { randomUUID } from 'node:crypto';
import type { Db } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAME, type ScanJob } from '../src/index.ts';
import { newTenant, REDIS_URL, ServiceHarness, uniquePrefix } from './helpers.ts';
import { createTestConnector } from './support/index.ts';

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

describe('a job for a scan this database does not know', () => {
  it('fails loudly at once (no retries) with the reason, instead of completing silently', async () => {
    const tenantId = await newTenant(db, 'unknown-scan');
    const prefix = uniquePrefix('unknown');
    const logged: string[] = [];
    const service = harness.create({
      db,
      tenantId,
      connectors: [createTestConnector({ accounts: 1, regions: ['us-east-1'], assetsPerTask: 1 })],
      redis: REDIS_URL,
      queuePrefix: prefix,
      log: (level, message) => {
        if (level === 'error') logged.push(message);
      },
    });
    await service.startWorkers();
    const connection = { url: REDIS_URL };
    const queue = new Queue<ScanJob>(QUEUE_NAME, { connection, prefix });
    const events = new QueueEvents(QUEUE_NAME, { connection, prefix });
    try {
      await events.waitUntilReady();
      const scanId = randomUUID();
      const failed = new Promise<string>((resolve) =>
        events.on('failed', ({ failedReason }) => resolve(failedReason)),
      );
      const job = await queue.add(
        'task',
        {
          kind: 'task',
          tenantId,
          scanId,
          phase: 1,
          provider: 'aws',
          accountId: '111122223333',
          region: 'us-east-1',
          service: 'storage',
        } as ScanJob,
        { attempts: 3, backoff: { type: 'fixed', delay: 10 } },
      );
      expect(await failed).toContain(`scan ${scanId}, which this database does not know`);
      const state = await queue.getJob(job.id ?? '');
      expect(await state?.getState()).toBe('failed');
      expect(state?.attemptsMade).toBe(1);
      expect(logged).toContain('job for an unknown scan');
    } finally {
      await events.close();
      await queue.close();
    }
  });
});
