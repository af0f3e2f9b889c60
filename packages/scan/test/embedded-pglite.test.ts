import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetRowVersions, newTenant, ServiceHarness } from './helpers.ts';
import { createTestConnector, expectedTestEstate } from './support/index.ts';

let t: TestDatabase;
const harness = new ServiceHarness();

beforeAll(async () => {
  t = await createTestDatabase('pglite');
});

afterAll(async () => {
  await harness.close();
  await t?.drop();
});

describe('embedded mode on PGlite (the demo setup: no Redis, no Postgres server)', () => {
  it('scans, retries, and re-scans without rewriting rows', async () => {
    const tenantId = await newTenant(t.db, 'demo');
    const estate = { accounts: 2, regions: ['us-east-1', 'eu-west-1'], assetsPerTask: 3 };
    const finished: string[] = [];
    const service = harness.create({
      db: t.db,
      tenantId,
      connectors: [createTestConnector({ ...estate, failFirst: { '*/agents@eu-west-1': 1 } })],
      onScanFinished: (id) => {
        finished.push(id);
      },
    });
    expect(service.mode).toBe('embedded');
    const first = await service.startScan({ trigger: 'demo' });
    const summary = await service.waitForScan(first.scanId, { timeoutMs: 60_000, pollMs: 20 });
    expect(summary.status).toBe('succeeded');
    expect(Object.values(summary.assets).reduce((a, b) => a + b, 0)).toBe(expectedTestEstate(estate).assets);
    const retried = (await service.getScan(first.scanId)).tasks.filter(
      (x) => x.service === 'agents' && x.region === 'eu-west-1',
    );
    expect(retried.map((x) => x.attempts)).toEqual([2, 2]);

    const before = await assetRowVersions(t.db, tenantId);
    const second = await service.startScan({ trigger: 'demo' });
    await service.waitForScan(second.scanId, { timeoutMs: 60_000, pollMs: 20 });
    expect((await service.getScan(second.scanId)).counters.assetsWritten).toBe(0);
    expect(await assetRowVersions(t.db, tenantId)).toEqual(before);
    expect(finished).toEqual([first.scanId, second.scanId]);
  });
});
