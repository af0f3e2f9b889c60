import { type AssetRecord, type EdgeRecord, type GraphBatch, internetAsset } from '@aispm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTenant, writeGraphBatch } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

const SCAN_1 = '00000000-0000-4000-8000-0000000000a1';
const SCAN_2 = '00000000-0000-4000-8000-0000000000a2';

const internet = internetAsset;

function key(kmsRotation: boolean): AssetRecord {
  return {
    id: 'arn:aws:kms:us-east-1:111122223333:key/k1',
    kind: 'key',
    provider: 'aws',
    accountId: '111122223333',
    region: 'us-east-1',
    name: 'k1',
    nativeType: 'AWS::KMS::Key',
    properties: { rotationEnabled: kmsRotation },
    tags: {},
  };
}

function canRead(scope: string): EdgeRecord {
  return { kind: 'can-read', from: 'sa', to: 'bucket', properties: { scope } };
}

/** Two tasks of one scan report the same items with different content. */
const REPORTERS: { source: string; accountId: string; batch: GraphBatch }[] = [
  {
    source: 'storage@global',
    accountId: 'p1',
    batch: { assets: [internet('gcp'), key(true)], edges: [canRead('bucket')] },
  },
  {
    source: 'access@global',
    accountId: 'p2',
    batch: { assets: [internet('aws'), key(false)], edges: [canRead('project')] },
  },
];

// Both write paths hold to the same merge rules: small batches as JSON parameters, large ones staged by COPY.
describe.each([
  { path: 'json', copyMinRows: Number.POSITIVE_INFINITY },
  { path: 'copy', copyMinRows: 0 },
])('an item reported by two tasks of a scan ($path path)', ({ path, copyMinRows }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function scanInOrder(tenantSlug: string, order: number[], scanId = SCAN_1) {
    const tenantId = (await ensureTenant(t.db, `${tenantSlug}-${path}`)).id;
    for (const i of order) {
      const r = REPORTERS[i] as (typeof REPORTERS)[number];
      await writeGraphBatch(t.db, { tenantId, scanId, source: r.source, accountId: r.accountId }, r.batch, {
        copyMinRows,
      });
    }
    return tenantId;
  }

  async function stored(tenantId: string) {
    const assets = await t.db.query(
      'SELECT id, provider, source, properties FROM assets WHERE tenant_id = $1 ORDER BY id',
      [tenantId],
    );
    const edges = await t.db.query(
      'SELECT id, account_id, source, properties FROM edges WHERE tenant_id = $1 ORDER BY id',
      [tenantId],
    );
    return { assets, edges };
  }

  it('resolves the same way whatever the arrival order (the least source / content key wins)', async () => {
    const forward = await stored(await scanInOrder('merge-forward', [0, 1]));
    const backward = await stored(await scanInOrder('merge-backward', [1, 0]));
    expect(backward).toEqual(forward);
    // 'access@global' sorts before 'storage@global': its versions are kept, in both orders.
    expect(forward.edges).toEqual([
      expect.objectContaining({
        account_id: 'p2',
        source: 'access@global',
        properties: { scope: 'project' },
      }),
    ]);
    expect(forward.assets.find((a) => (a as { id: string }).id.startsWith('arn:aws:kms'))).toMatchObject({
      source: 'access@global',
      properties: { rotationEnabled: false },
    });
  });

  it('lets the next scan replace a version whose reporter no longer reports it', async () => {
    const tenantId = await scanInOrder('merge-next-scan', [1, 0]);
    const storage = REPORTERS[0] as (typeof REPORTERS)[number];
    await writeGraphBatch(
      t.db,
      { tenantId, scanId: SCAN_2, source: storage.source, accountId: storage.accountId },
      storage.batch,
      { copyMinRows },
    );
    const { edges } = await stored(tenantId);
    expect(edges).toEqual([
      expect.objectContaining({
        account_id: 'p1',
        source: 'storage@global',
        properties: { scope: 'bucket' },
      }),
    ]);
  });

  it('writes nothing again when the same task reports the same items twice (a retried task)', async () => {
    const tenantId = await scanInOrder('merge-retry', [0]);
    const r = REPORTERS[0] as (typeof REPORTERS)[number];
    const again = await writeGraphBatch(
      t.db,
      { tenantId, scanId: SCAN_1, source: r.source, accountId: r.accountId },
      r.batch,
      { copyMinRows },
    );
    expect(again).toMatchObject({ assetsSeen: 2, assetsInserted: 0, assetsUpdated: 0, edgesUpdated: 0 });
  });
});
