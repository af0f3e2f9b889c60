import type { AssetRecord } from '@aispm/core';
import { type Db, writeGraphBatch } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphViews } from '../src/graph-view.ts';
import { newTenant } from './helpers.ts';

const SCAN_1 = '00000000-0000-4000-8000-0000000000a1';
const SCAN_2 = '00000000-0000-4000-8000-0000000000a2';

function role(accountId: string, name: string): AssetRecord {
  return {
    id: `arn:aws:iam::${accountId}:role/${name}`,
    kind: 'identity',
    provider: 'aws',
    accountId,
    region: 'global',
    name,
    nativeType: 'AWS::IAM::Role',
    properties: {},
    tags: {},
  };
}

let t: TestDatabase;
let db: Db;
beforeAll(async () => {
  t = await createTestDatabase('postgres');
  db = t.db;
});
afterAll(async () => {
  await t?.drop();
});

const store = (tenantId: string, asset: AssetRecord) =>
  writeGraphBatch(
    db,
    { tenantId, scanId: SCAN_1, source: `iam@${asset.accountId}`, accountId: asset.accountId },
    { assets: [asset], edges: [] },
  );

describe("a worker's graph views", () => {
  it('read an organisation-wide list once per phase and hand it to every task of the phase', async () => {
    const tenantId = await newTenant(db, 'views');
    await store(tenantId, role('111111111111', 'a'));
    const views = new GraphViews(db);
    const orgWide = { provider: 'aws' as const, kinds: ['identity'] };

    const first = await views.forTask(tenantId, SCAN_1, '3').assets(orgWide);
    expect(first.map((a) => a.name)).toEqual(['a']);
    // Written after the first read: the same phase's next task is given the same list (one read per phase)...
    await store(tenantId, role('222222222222', 'b'));
    const second = await views
      .forTask(tenantId, SCAN_1, '3')
      .assets({ kinds: ['identity'], provider: 'aws' });
    expect(second).toBe(first);
    // ...a read that names the task's account is its own...
    const own = await views.forTask(tenantId, SCAN_1, '3').assets({ ...orgWide, accountId: '222222222222' });
    expect(own.map((a) => a.name)).toEqual(['b']);
    // ...and the next phase, or another scan, reads again.
    const nextScan = await views.forTask(tenantId, SCAN_2, '3').assets(orgWide);
    expect(nextScan.map((a) => a.name)).toEqual(['a', 'b']);
    const nextPhase = await views.forTask(tenantId, SCAN_1, '4').assets(orgWide);
    expect(nextPhase.map((a) => a.name)).toEqual(['a', 'b']);
    // The phase that is over is let go; the other scan's read is held until it ages out.
    expect(views.size).toBe(2);
  });

  it('reads edges into named assets for the task alone (never shared), and only those', async () => {
    const tenantId = await newTenant(db, 'views-to');
    const grant = (to: string) => ({ kind: 'can-read' as const, from: 'sa', to, properties: {} });
    await writeGraphBatch(
      db,
      { tenantId, scanId: SCAN_1, source: 'iam@global', accountId: 'p1' },
      { assets: [], edges: [grant('project/1'), grant('project/2')] },
    );
    const views = new GraphViews(db);
    const into = (to: string) =>
      views.forTask(tenantId, SCAN_1, '3').edges({ kinds: ['can-read'], to: [to] });
    expect((await into('project/1')).map((e) => e.to)).toEqual(['project/1']);
    expect((await into('project/2')).map((e) => e.to)).toEqual(['project/2']);
    expect(views.size).toBe(0);
  });

  it('keeps tenants apart', async () => {
    const [one, two] = [await newTenant(db, 'views-1'), await newTenant(db, 'views-2')];
    await store(one, role('333333333333', 'one'));
    await store(two, role('444444444444', 'two'));
    const views = new GraphViews(db);
    const read = (tenantId: string) => views.forTask(tenantId, SCAN_1, '3').assets({ provider: 'aws' });
    expect((await read(one)).map((a) => a.name)).toEqual(['one']);
    expect((await read(two)).map((a) => a.name)).toEqual(['two']);
  });

  it('lets a held read age out', async () => {
    const tenantId = await newTenant(db, 'views-age');
    await store(tenantId, role('555555555555', 'old'));
    let now = 0;
    const views = new GraphViews(db, () => now);
    await views.forTask(tenantId, SCAN_1, '3').assets({ provider: 'aws' });
    await store(tenantId, role('555555555555', 'new'));
    now += 6 * 60_000;
    const again = await views.forTask(tenantId, SCAN_1, '3').assets({ provider: 'aws' });
    expect(again.map((a) => a.name)).toEqual(['new', 'old']);
  });
});
