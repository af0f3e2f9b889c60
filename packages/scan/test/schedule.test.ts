import { type Db, getSchedule, listScans } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE } from '../src/index.ts';
import { newTenant, REDIS_URL, ServiceHarness } from './helpers.ts';
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

describe('scan schedules (BullMQ job schedulers)', () => {
  it('a cron schedule really triggers scans', async () => {
    const tenantId = await newTenant(db, 'cron');
    const service = harness.create({
      db,
      tenantId,
      connectors: [createTestConnector({ accounts: 1, regions: ['us-east-1'], assetsPerTask: 1 })],
      redis: REDIS_URL,
    });
    await service.startWorkers();
    await service.schedules.upsert({ name: 'every-second', cron: '* * * * * *', scope: { provider: 'aws' } });
    const deadline = Date.now() + 20_000;
    let scans = await listScans(db, tenantId, { trigger: 'schedule' });
    while (scans.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      scans = await listScans(db, tenantId, { trigger: 'schedule' });
    }
    expect(await service.schedules.remove('every-second')).toBe(true);
    expect(scans.length).toBeGreaterThanOrEqual(2);
    expect(scans.every((s) => s.scope.provider === 'aws')).toBe(true);
    expect((await getSchedule(db, tenantId, 'every-second')) ?? 'removed').toBe('removed');
    for (const s of scans) await service.waitForScan(s.id, { timeoutMs: 30_000, pollMs: 50 });
    expect(
      (await listScans(db, tenantId, { trigger: 'schedule' })).every((s) => s.status === 'succeeded'),
    ).toBe(true);
  });

  it('installs the default daily org-wide scan and lists it with its next run', async () => {
    const tenantId = await newTenant(db, 'default');
    const service = harness.create({
      db,
      tenantId,
      connectors: [createTestConnector({ accounts: 1, regions: ['us-east-1'], assetsPerTask: 1 })],
      redis: REDIS_URL,
    });
    await service.ensureDefaultSchedule();
    await service.ensureDefaultSchedule();
    const list = await service.schedules.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      name: DEFAULT_SCHEDULE.name,
      cron: '0 3 * * *',
      timezone: 'UTC',
      scope: {},
    });
    const next = list[0]?.nextRunAt;
    expect(next).toBeInstanceOf(Date);
    expect(next?.getUTCHours()).toBe(3);
    expect(next?.getUTCMinutes()).toBe(0);
    expect(next && next.getTime() > Date.now()).toBe(true);
    await expect(service.schedules.upsert({ name: 'bad', cron: 'every day' })).rejects.toThrow(
      /invalid cron/,
    );
    // Impossible patterns (February 31st, out-of-range fields) are refused before anything is stored.
    for (const cron of ['0 0 31 2 *', '60 24 32 13 8']) {
      await expect(service.schedules.upsert({ name: 'never', cron })).rejects.toThrow(/invalid cron/);
    }
    expect((await service.schedules.list()).map((s) => s.name)).toEqual([DEFAULT_SCHEDULE.name]);
    await expect(service.schedules.upsert({ name: 'bad tz', cron: '0 3 * * *' })).rejects.toThrow(
      /schedule name/,
    );
    await expect(
      service.schedules.upsert({ name: 'tz', cron: '0 3 * * *', timezone: 'Mars/Olympus' }),
    ).rejects.toThrow(/unknown time zone/);
    expect(await service.schedules.remove(DEFAULT_SCHEDULE.name)).toBe(true);
    expect(await service.schedules.list()).toEqual([]);
  });
});
