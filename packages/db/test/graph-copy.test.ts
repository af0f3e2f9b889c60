import { type AssetRecord, edge, type GraphBatch } from '@aispm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTenant, writeGraphBatch } from '../src/index.ts';
import { createTestDatabase, type TestBackend, type TestDatabase } from '../src/testing/index.ts';

const SCAN_1 = '00000000-0000-4000-8000-0000000000c1';
const SCAN_2 = '00000000-0000-4000-8000-0000000000c2';
const JSON_PATH = { copyMinRows: Number.POSITIVE_INFINITY };
const COPY_PATH = { copyMinRows: 0 };

/** Values that COPY's text format must escape or that JSON carries differently: they must land the same. */
const AWKWARD = [
  'back\\slash',
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  '\\N',
  'quote " and \' both',
  'ünïcödé ✓ 🔑',
  'nul\u0000byte',
  '',
];

function batch(n: number, variant = 0): GraphBatch {
  const assets: AssetRecord[] = [];
  for (let i = 0; i < n; i++) {
    const account = String(100000000000 + (i % 3));
    const awkward = AWKWARD[i % AWKWARD.length] as string;
    assets.push({
      id: `arn:aws:sagemaker:us-east-1:${account}:model/m-${i}`,
      kind: 'model',
      provider: 'aws',
      accountId: account,
      region: 'us-east-1',
      name: `${awkward} ${i}`,
      nativeType: 'AWS::SageMaker::Model',
      properties: {
        executionRoleArn: `arn:aws:iam::${account}:role/r-${i % 5}`,
        note: awkward,
        nested: { list: [1, 2.5, null, true, awkward], empty: {} },
        variant: i === 7 ? variant : 0,
      },
      tags: i % 4 === 0 ? {} : { team: awkward, 'key\twith\ttabs': 'v' },
    });
  }
  return {
    assets,
    edges: assets.map((a) =>
      edge('runs-as', a.id, String(a.properties.executionRoleArn), { why: a.properties.note }),
    ),
  };
}

describe.each(['postgres', 'pglite'] as TestBackend[])('the COPY graph writer (%s)', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const ctx = (tenantId: string, scanId = SCAN_1) => ({
    tenantId,
    scanId,
    source: 'sagemaker@us-east-1',
    accountId: '100000000000',
  });

  async function stored(tenantId: string) {
    const assets = await t.db.query(
      `SELECT id, kind, provider, account_id, region, name, native_type, source, properties, tags, content_hash,
              removed_at FROM assets WHERE tenant_id = $1 ORDER BY id`,
      [tenantId],
    );
    const edges = await t.db.query(
      `SELECT id, kind, from_id, to_id, account_id, source, properties, content_hash, removed_at
         FROM edges WHERE tenant_id = $1 ORDER BY id`,
      [tenantId],
    );
    const sightings = await t.db.query(
      `SELECT item_type, item_id, last_scan_id, merge_key FROM sightings WHERE tenant_id = $1
        ORDER BY item_type, item_id`,
      [tenantId],
    );
    return { assets, edges, sightings };
  }

  it('writes the same graph as the JSON path, escapes and all', async () => {
    const viaJson = (await ensureTenant(t.db, 'copy-equal-json')).id;
    const viaCopy = (await ensureTenant(t.db, 'copy-equal-copy')).id;
    const input = batch(2_500);
    const jsonResult = await writeGraphBatch(t.db, ctx(viaJson), input, JSON_PATH);
    const copyResult = await writeGraphBatch(t.db, ctx(viaCopy), input, COPY_PATH);
    expect(copyResult).toEqual(jsonResult);
    expect(copyResult).toMatchObject({ assetsInserted: 2_500, edgesInserted: 2_500 });
    const fromJson = await stored(viaJson);
    const fromCopy = await stored(viaCopy);
    expect(fromCopy.assets).toHaveLength(2_500);
    expect(fromCopy).toEqual(fromJson);
    const byId = (i: number) => fromCopy.assets.find((a) => String(a.id).endsWith(`:model/m-${i}`));
    expect(byId(1)).toMatchObject({ name: 'tab\there 1', properties: { note: 'tab\there' } });
    expect(byId(4)).toMatchObject({ name: '\\N 4', properties: { note: '\\N' }, tags: {} });
    // NUL cannot be stored: both paths replace it the same way, on assets and on edges.
    expect(byId(7)?.name).toBe('nul\ufffdbyte 7');
    expect(fromCopy.edges.find((e) => e.from_id === byId(7)?.id)?.properties).toEqual({
      why: 'nul\ufffdbyte',
    });
  });

  it('rewrites no asset or edge on an unchanged re-scan, and only what changed otherwise', async () => {
    const tenantId = (await ensureTenant(t.db, 'copy-unchanged')).id;
    await writeGraphBatch(t.db, ctx(tenantId), batch(1_200), COPY_PATH);
    const before = await t.db.query<{ changed_at: Date }>(
      'SELECT max(changed_at) AS changed_at FROM assets WHERE tenant_id = $1',
      [tenantId],
    );
    const again = await writeGraphBatch(t.db, ctx(tenantId, SCAN_2), batch(1_200), COPY_PATH);
    expect(again).toEqual({
      assetsSeen: 1_200,
      assetsInserted: 0,
      assetsUpdated: 0,
      edgesSeen: 1_200,
      edgesInserted: 0,
      edgesUpdated: 0,
    });
    const after = await t.db.query<{ changed_at: Date }>(
      'SELECT max(changed_at) AS changed_at FROM assets WHERE tenant_id = $1',
      [tenantId],
    );
    expect(after).toEqual(before);
    // The re-scan is still recorded as having seen every item (reconciliation reads it).
    const seen = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sightings WHERE tenant_id = $1 AND last_scan_id = $2',
      [tenantId, SCAN_2],
    );
    expect(seen).toEqual([{ n: 2_400 }]);

    const changed = await writeGraphBatch(t.db, ctx(tenantId, SCAN_2), batch(1_200, 1), COPY_PATH);
    expect(changed).toMatchObject({ assetsInserted: 0, assetsUpdated: 1, edgesUpdated: 0 });
  });

  it('leaves nothing behind when the transaction it runs in rolls back', async () => {
    const tenantId = (await ensureTenant(t.db, 'copy-rollback')).id;
    await expect(
      t.db.transaction(async (tx) => {
        await writeGraphBatch(tx, ctx(tenantId), batch(1_000), COPY_PATH);
        throw new Error('the task failed after writing');
      }),
    ).rejects.toThrow('the task failed after writing');
    expect(await stored(tenantId)).toEqual({ assets: [], edges: [], sightings: [] });
    // The connection's stage is usable again, and two writes in one transaction do not see each other's rows.
    const result = await t.db.transaction(async (tx) => {
      await writeGraphBatch(tx, ctx(tenantId), batch(1_000), COPY_PATH);
      return writeGraphBatch(tx, ctx(tenantId), batch(1_100), COPY_PATH);
    });
    expect(result).toMatchObject({ assetsSeen: 1_100, assetsInserted: 100, assetsUpdated: 0 });
    expect((await stored(tenantId)).assets).toHaveLength(1_100);
  });
});
