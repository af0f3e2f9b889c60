import type { AssetRecord } from '@aispm/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTenant, MERGE_JSON_STATEMENTS, writeGraphBatch } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

// Every access task of an organisation reports the same external principals. Before claims skipped a sighting
// the scan already held with a lesser key, each task's upsert locked those rows (ON CONFLICT … DO UPDATE locks
// the row even when its WHERE is false), and on org-1000 16–18 access tasks at a time waited on one another.
const SCAN = '00000000-0000-4000-8000-0000000000c1';

const outsider: AssetRecord = {
  id: 'aws-account:999988887777',
  kind: 'external-principal',
  provider: 'aws',
  accountId: '999988887777',
  region: 'global',
  name: '999988887777',
  nativeType: 'aispm::ExternalPrincipal',
  properties: {},
  tags: {},
};

let t: TestDatabase;
let probe: pg.Client;
beforeAll(async () => {
  t = await createTestDatabase('postgres');
  probe = new pg.Client({ connectionString: t.url });
  await probe.connect();
});
afterAll(async () => {
  await probe?.end();
  await t?.drop();
});

/** Whether another connection can lock the item's sighting right now (it cannot while a writer holds it). */
async function sightingIsFree(tenantId: string, itemId: string): Promise<boolean> {
  await probe.query('BEGIN');
  try {
    await probe.query(
      `SELECT 1 FROM sightings WHERE tenant_id = $1 AND item_type = 'asset' AND item_id = $2 FOR UPDATE NOWAIT`,
      [tenantId, itemId],
    );
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return false; // lock_not_available
    throw error;
  } finally {
    await probe.query('ROLLBACK');
  }
}

describe.each([
  { path: 'json', copyMinRows: Number.POSITIVE_INFINITY },
  { path: 'copy', copyMinRows: 0 },
])('claiming an item another task of the scan holds ($path path)', ({ path, copyMinRows }) => {
  async function held(slug: string) {
    const tenantId = (await ensureTenant(t.db, `${slug}-${path}`)).id;
    const ctx = { tenantId, scanId: SCAN, source: 'access@global' };
    await writeGraphBatch(
      t.db,
      { ...ctx, accountId: '111111111111' },
      { assets: [outsider], edges: [] },
      {
        copyMinRows,
      },
    );
    return ctx;
  }

  it('takes no lock when its key cannot win, and the holder keeps the item', async () => {
    const ctx = await held('claim-loses');
    await t.db.transaction(async (tx) => {
      const written = await writeGraphBatch(
        tx,
        { ...ctx, accountId: '222222222222' },
        { assets: [outsider], edges: [] },
        { copyMinRows },
      );
      expect(written).toMatchObject({ assetsSeen: 1, assetsInserted: 0, assetsUpdated: 0 });
      expect(await sightingIsFree(ctx.tenantId, outsider.id)).toBe(true);
    });
    const [row] = await t.db.query<{ merge_key: string }>(
      'SELECT merge_key FROM sightings WHERE tenant_id = $1 AND item_id = $2',
      [ctx.tenantId, outsider.id],
    );
    expect(row?.merge_key.startsWith('aispm 111111111111 ')).toBe(true);
  });

  it('still locks and takes the item with a lesser key', async () => {
    const ctx = await held('claim-wins');
    await t.db.transaction(async (tx) => {
      await writeGraphBatch(
        tx,
        { ...ctx, accountId: '000000000001' },
        { assets: [outsider], edges: [] },
        {
          copyMinRows,
        },
      );
      expect(await sightingIsFree(ctx.tenantId, outsider.id)).toBe(false);
    });
    const [row] = await t.db.query<{ merge_key: string }>(
      'SELECT merge_key FROM sightings WHERE tenant_id = $1 AND item_id = $2',
      [ctx.tenantId, outsider.id],
    );
    expect(row?.merge_key.startsWith('aispm 000000000001 ')).toBe(true);
  });

  it('lets the holding reporter claim again (a retried task)', async () => {
    const ctx = await held('claim-retry');
    await t.db.transaction(async (tx) => {
      await writeGraphBatch(
        tx,
        { ...ctx, accountId: '111111111111' },
        { assets: [{ ...outsider, name: 'renamed' }], edges: [] },
        { copyMinRows },
      );
      expect(await sightingIsFree(ctx.tenantId, outsider.id)).toBe(false);
    });
    const [asset] = await t.db.query<{ name: string }>(
      'SELECT name FROM assets WHERE tenant_id = $1 AND id = $2',
      [ctx.tenantId, outsider.id],
    );
    expect(asset?.name).toBe('renamed');
  });
});

describe('the claim on a scan that has seen many items', () => {
  it('probes each item by primary key instead of hashing every sighting of the scan', async () => {
    const tenantId = (await ensureTenant(t.db, 'claim-plan')).id;
    // 50,000 items this scan already claimed, as by the middle of a large organisation's scan, claimed through the
    // COPY stage's kind of input (a table the planner has no statistics for either).
    await t.db.execute(
      `INSERT INTO sightings (tenant_id, item_type, item_id, last_scan_id, merge_key)
       SELECT $1, 'asset', 'item-' || i, $2, 'iam@global 111111111111 h' || i FROM generate_series(1, 50000) AS i`,
      [tenantId, SCAN],
    );
    // No ANALYZE: statistics lag behind a scan that writes this fast, and the planner then believes the scan has
    // seen a handful of items (this is how the anti join came to hash them all).
    const claims = Array.from({ length: 200 }, (_, i) => ({
      id: `item-${i * 7}`,
      merge_key: `access@global 2 h${i}`,
    }));
    const plan = (
      await t.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${MERGE_JSON_STATEMENTS.asset}`, [
        tenantId,
        'asset',
        SCAN,
        JSON.stringify(claims),
      ])
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/Index Scan using sightings_pkey on sightings held/);
    expect(plan).not.toMatch(/Hash (Anti )?Join|Seq Scan on sightings/);
  });
});
