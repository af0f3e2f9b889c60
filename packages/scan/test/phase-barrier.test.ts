import type { Db } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant, ServiceHarness } from './helpers.ts';
import { createTestConnector, type TestTaskEvent, testAccountId } from './support/index.ts';

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

/**
 * Phase 2 and 3 tasks read what other accounts stored (the org's identities, bucket references from every
 * account), so no account may start a phase before every account of the provider has settled the previous one —
 * otherwise what it reads, and so the graph, depends on task order and concurrency.
 */
describe('scan phases are barriers across the accounts of a provider', () => {
  it('starts no phase-2 or phase-3 task before every account settled the phase before, even with a slow account', async () => {
    const events: TestTaskEvent[] = [];
    const tenantId = await newTenant(db, 'barrier');
    const service = harness.create({
      db,
      tenantId,
      connectors: [
        createTestConnector({
          accounts: 3,
          regions: ['us-east-1', 'eu-west-1'],
          assetsPerTask: 2,
          delayMs: 5,
          // The first account's inventory is slow: the others finish phase 1 long before it does.
          extraDelayMs: { [`${testAccountId(0)}/*@*`]: 150 },
          onEvent: (e) => events.push(e),
        }),
      ],
      concurrency: { worker: 12, perAccount: 4 },
    });
    const { scanId } = await service.startScan({ trigger: 'manual' });
    const summary = await service.waitForScan(scanId, { timeoutMs: 60_000, pollMs: 20 });
    expect(summary.status).toBe('succeeded');
    for (const phase of [2, 3] as const) {
      const previousEnd = Math.max(
        ...events.filter((e) => e.phase === phase - 1 && e.type === 'end').map((e) => e.at),
      );
      const starts = events.filter((e) => e.phase === phase && e.type === 'start');
      expect(starts.length).toBeGreaterThan(0);
      expect(
        starts.filter((e) => e.at < previousEnd).map((e) => `${e.accountId}/${e.service}@${e.region}`),
      ).toEqual([]);
    }
  });
});
