import { type AssetRecord, edge, INTERNET_ID } from '@aispm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countGraph,
  ensureTenant,
  listAccounts,
  listLiveAssets,
  listLiveEdges,
  loadGraph,
  reconcileSnapshot,
  referencedIds,
  upsertAccounts,
  writeGraphBatch,
} from '../src/index.ts';
import { createTestDatabase, type TestBackend, type TestDatabase } from '../src/testing/index.ts';

const SCAN_1 = '00000000-0000-4000-8000-000000000001';
const SCAN_2 = '00000000-0000-4000-8000-000000000002';

function bucket(name: string, props: Record<string, unknown> = {}): AssetRecord {
  return {
    id: `arn:aws:s3:::${name}`,
    kind: 'data-store',
    provider: 'aws',
    accountId: '111122223333',
    region: 'us-east-1',
    name,
    nativeType: 'AWS::S3::Bucket',
    properties: { versioning: 'Enabled', ...props },
    tags: { team: 'ml' },
  };
}

const notebook: AssetRecord = {
  id: 'arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb1',
  kind: 'notebook',
  provider: 'aws',
  accountId: '111122223333',
  region: 'us-east-1',
  name: 'nb1',
  nativeType: 'AWS::SageMaker::NotebookInstance',
  properties: { directInternetAccess: 'Enabled' },
  tags: {},
};

const internet: AssetRecord = {
  id: INTERNET_ID,
  kind: 'internet',
  provider: 'aws',
  accountId: 'global',
  region: 'global',
  name: 'Internet',
  nativeType: 'aispm::Internet',
  properties: {},
  tags: {},
};

// The same repository suite on both backends behind the one client.
describe.each<TestBackend>(['postgres', 'pglite'])('repositories on %s', (backend) => {
  let t: TestDatabase;
  let tenantId: string;
  const ctx = (scanId: string, source: string) => ({
    tenantId,
    scanId,
    source,
    accountId: '111122223333',
  });

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    tenantId = (await ensureTenant(t.db)).id;
  });
  afterAll(async () => {
    await t.drop();
  });

  it('ensureTenant is idempotent', async () => {
    const again = await ensureTenant(t.db);
    expect(again.id).toBe(tenantId);
  });

  it('upserts accounts and never returns credentials', async () => {
    await upsertAccounts(t.db, tenantId, [
      {
        provider: 'aws',
        externalId: '111122223333',
        name: 'ml-prod',
        orgPath: ['o-1', 'r-1'],
        connection: { roleName: 'AispmReadOnly' },
      },
    ]);
    await upsertAccounts(t.db, tenantId, [
      { provider: 'aws', externalId: '111122223333', name: 'ml-production' },
    ]);
    const accounts = await listAccounts(t.db, tenantId);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      name: 'ml-production',
      orgPath: ['o-1', 'r-1'],
      connection: { roleName: 'AispmReadOnly' },
    });
    expect(accounts[0]).not.toHaveProperty('credentialsCiphertext');
  });

  it('writes a batch, then skips unchanged rows on the next scan', async () => {
    const batch = {
      assets: [bucket('train'), bucket('kb'), notebook, internet],
      edges: [
        edge('exposed-to-internet', INTERNET_ID, notebook.id),
        edge('writes-to', notebook.id, bucket('train').id, { via: 'role' }),
      ],
    };
    const first = await writeGraphBatch(t.db, ctx(SCAN_1, 'sagemaker@us-east-1'), batch);
    expect(first).toMatchObject({
      assetsSeen: 4,
      assetsInserted: 4,
      assetsUpdated: 0,
      edgesInserted: 2,
    });

    const second = await writeGraphBatch(t.db, ctx(SCAN_2, 'sagemaker@us-east-1'), batch);
    expect(second).toMatchObject({
      assetsSeen: 4,
      assetsInserted: 0,
      assetsUpdated: 0,
      edgesInserted: 0,
      edgesUpdated: 0,
    });

    const changed = await writeGraphBatch(t.db, ctx(SCAN_2, 'sagemaker@us-east-1'), {
      assets: [bucket('train', { versioning: 'Suspended' })],
      edges: [],
    });
    expect(changed).toMatchObject({ assetsInserted: 0, assetsUpdated: 1 });
    const all = await listLiveAssets(t.db, tenantId, {
      kinds: ['data-store'],
    });
    expect(all.find((a) => a.name === 'train')?.properties).toEqual({
      versioning: 'Suspended',
    });
  });

  it('reconciles: what a succeeded task did not see is removed, failed tasks keep theirs', async () => {
    const scan3 = '00000000-0000-4000-8000-000000000003';
    // The task sees only the notebook and the train bucket this time; kb disappeared.
    await writeGraphBatch(t.db, ctx(scan3, 'sagemaker@us-east-1'), {
      assets: [bucket('train', { versioning: 'Suspended' }), notebook],
      edges: [edge('writes-to', notebook.id, bucket('train').id, { via: 'role' })],
    });
    const removed = await reconcileSnapshot(t.db, {
      tenantId,
      scanId: scan3,
      succeeded: [{ accountId: '111122223333', source: 'sagemaker@us-east-1' }],
    });
    // kb bucket and the exposed-to-internet edge are gone; the internet pseudo-asset has no edge left.
    expect(removed).toEqual({ assetsRemoved: 2, edgesRemoved: 1 });
    const live = await listLiveAssets(t.db, tenantId);
    expect(live.map((a) => a.name).sort()).toEqual(['nb1', 'train']);
    expect((await listLiveEdges(t.db, tenantId)).map((e) => e.kind)).toEqual(['writes-to']);

    // A re-appearing asset comes back with its first-seen time kept.
    const before = (
      await t.db.query<{ first_seen_at: Date }>('SELECT first_seen_at FROM assets WHERE id = $1', [
        bucket('kb').id,
      ])
    )[0];
    await writeGraphBatch(t.db, ctx('00000000-0000-4000-8000-000000000004', 'sagemaker@us-east-1'), {
      assets: [bucket('kb')],
      edges: [],
    });
    const after = (
      await t.db.query<{ first_seen_at: Date; removed_at: Date | null }>(
        'SELECT first_seen_at, removed_at FROM assets WHERE id = $1',
        [bucket('kb').id],
      )
    )[0];
    expect(after?.removed_at).toBeNull();
    expect(after?.first_seen_at.getTime()).toBe(before?.first_seen_at.getTime());

    // A failed task (not in `succeeded`) removes nothing.
    const none = await reconcileSnapshot(t.db, {
      tenantId,
      scanId: '00000000-0000-4000-8000-000000000005',
      succeeded: [],
    });
    expect(none).toEqual({ assetsRemoved: 0, edgesRemoved: 0 });
  });

  it('keeps a pseudo-asset while a live edge leaves it or reaches it, and removes it when neither does', async () => {
    const own = (await ensureTenant(t.db, 'pseudo-sweep')).id;
    const principal = (name: string): AssetRecord => ({
      ...internet,
      id: `arn:aws:iam::999988887777:role/${name}`,
      kind: 'external-principal',
      accountId: 'aws',
      name,
      nativeType: 'AWS::IAM::Role',
    });
    const [from, to, gone] = [principal('from'), principal('to'), principal('gone')];
    const write = (scanId: string, edges: ReturnType<typeof edge>[]) =>
      writeGraphBatch(
        t.db,
        { tenantId: own, scanId, source: 'iam@global', accountId: '111122223333' },
        { assets: [notebook, from, to, gone], edges },
      );
    const fromEdge = edge('can-assume', from.id, notebook.id);
    const toEdge = edge('can-invoke', notebook.id, to.id);
    await write(SCAN_1, [fromEdge, toEdge, edge('can-invoke', gone.id, notebook.id)]);
    // The next scan no longer sees the edge that touched `gone` (pseudo-assets are reported every scan).
    await write(SCAN_2, [fromEdge, toEdge]);
    const removed = await reconcileSnapshot(t.db, {
      tenantId: own,
      scanId: SCAN_2,
      succeeded: [{ accountId: '111122223333', source: 'iam@global' }],
    });
    expect(removed).toEqual({ assetsRemoved: 1, edgesRemoved: 1 });
    expect((await listLiveAssets(t.db, own)).map((a) => a.name).sort()).toEqual(['from', 'nb1', 'to']);
  });

  it('answers referenced ids, counts and the whole graph', async () => {
    expect(await referencedIds(t.db, tenantId, { prefix: 'arn:aws:s3:::' })).toEqual(['arn:aws:s3:::train']);
    const counts = await countGraph(t.db, tenantId, { provider: 'aws' });
    expect(counts.assets).toEqual({ 'data-store': 2, notebook: 1 });
    expect(counts.edges).toEqual({ 'writes-to': 1 });
    const graph = await loadGraph(t.db, tenantId);
    expect(graph.assets).toHaveLength(3);
    expect(graph.edges[0]).toMatchObject({
      kind: 'writes-to',
      from: notebook.id,
      to: 'arn:aws:s3:::train',
      properties: { via: 'role' },
    });
  });

  it('isolates tenants', async () => {
    const other = await ensureTenant(t.db, 'other', 'Other');
    expect(await listLiveAssets(t.db, other.id)).toEqual([]);
    expect(await loadGraph(t.db, other.id)).toEqual({
      assets: [],
      edges: [],
    });
  });
});
