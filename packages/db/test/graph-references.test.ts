import { edge } from '@aispm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTenant, referencedIds, referencedIdsQuery, writeGraphBatch } from '../src/index.ts';
import { createTestDatabase, type TestBackend, type TestDatabase } from '../src/testing/index.ts';

const SCAN = '00000000-0000-4000-8000-000000000011';
const MODEL = 'arn:aws:bedrock:eu-west-1:111122223333:custom-model/m1';
const BUCKET = 'arn:aws:s3:::train';
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/k1';
const OTHER_REGION_KEY = 'arn:aws:kms:us-east-1:111122223333:key/k2';
const BUCKET_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/k3';

// Phase-2 tasks find what they must describe by the ids edges point at: the prefix read is a range over the
// (tenant, target) index, so its bounds must hold exactly where an id's next character is just past the prefix.
describe.each<TestBackend>(['postgres', 'pglite'])('referenced ids on %s', (backend) => {
  let t: TestDatabase;
  let tenantId: string;

  // A handful of rows would be read by a sequential scan anyway: ask what the planner can do.
  const planOf = (query: { sql: string; parameters: readonly unknown[] }) =>
    t.db.pinned(async (s) => {
      await s.query('SET enable_seqscan = off');
      try {
        const plan = await s.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`, [...query.parameters]);
        return plan.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        await s.query('RESET enable_seqscan');
      }
    });

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    tenantId = (await ensureTenant(t.db)).id;
    await writeGraphBatch(
      t.db,
      { tenantId, scanId: SCAN, source: 'test@eu-west-1', accountId: '111122223333' },
      {
        assets: [],
        edges: [
          edge('trained-on', MODEL, BUCKET),
          edge('encrypted-by', MODEL, KEY),
          edge('encrypted-by', MODEL, OTHER_REGION_KEY),
          edge('encrypted-by', BUCKET, BUCKET_KEY),
          edge('reads-from', MODEL, KEY),
          // Just outside 'arn:aws:s3:::' on either side, and inside it by the largest code unit.
          edge('reads-from', MODEL, 'arn:aws:s3::9other'),
          edge('reads-from', MODEL, 'arn:aws:s3:;:x'),
          edge('reads-from', MODEL, 'arn:aws:s3:::\uffff'),
        ],
      },
    );
  });
  afterAll(async () => {
    await t.drop();
  });

  it('returns exactly the targets that start with the prefix, once each', async () => {
    expect(await referencedIds(t.db, tenantId, { prefix: 'arn:aws:s3:::' })).toEqual([
      BUCKET,
      'arn:aws:s3:::\uffff',
    ]);
    expect(await referencedIds(t.db, tenantId, { prefix: 'arn:aws:kms:eu-west-1:111122223333:' })).toEqual([
      KEY,
      BUCKET_KEY,
    ]);
    expect(await referencedIds(t.db, tenantId, { prefix: 'arn:aws:lambda:' })).toEqual([]);
  });

  it('narrows by edge kind and leaves out the sources a phase writes itself', async () => {
    expect(
      await referencedIds(t.db, tenantId, {
        prefix: 'arn:aws:kms:',
        kinds: ['encrypted-by'],
        excludeFromPrefix: 'arn:aws:s3:::',
      }),
    ).toEqual([KEY, OTHER_REGION_KEY].sort());
  });

  it('reads the prefix from the index, not from every edge of the tenant', async () => {
    // An organisation's worth of other edges, so the plan is the one a real graph gets.
    await writeGraphBatch(
      t.db,
      { tenantId, scanId: SCAN, source: 'bulk@eu-west-1', accountId: '111122223333' },
      {
        assets: [],
        edges: Array.from({ length: 3000 }, (_, i) =>
          edge('reads-from', MODEL, `arn:aws:sagemaker:eu-west-1:111122223333:endpoint/e${i}`),
        ),
      },
    );
    await t.db.query('ANALYZE edges');
    const query = referencedIdsQuery(t.db, tenantId, { prefix: 'arn:aws:s3:::' }).compile();
    const text = await planOf(query);
    expect(text).toContain('edges_tenant_id_to_id_idx');
    expect(text).toMatch(/Index Cond: .*to_id ~>=~/);
  });

  it('reads one account’s slice by the target index even when statistics say the kind is rare', async () => {
    // Statistics taken before the scan wrote any edge of the kind, as autovacuum leaves them during a fast first
    // scan: the (tenant, kind) index then looks like the shortest way to a handful of rows, and would read every
    // edge of the kind in the organisation.
    const org = (await ensureTenant(t.db, 'stale-statistics')).id;
    const account = (i: number) => String(200000000000 + i);
    // 250 accounts' worth of other edges (800 each), inserted directly: the writer's path is not what is tested.
    const insertEdges = (kind: string, from: string, to: string, ks: [number, number]) =>
      t.db.query(
        `INSERT INTO edges (tenant_id, id, kind, from_id, to_id, account_id, source, properties, content_hash)
         SELECT $1, 'e' || a || '-' || k, ${kind}, ${from}, ${to}, (200000000000 + a)::text, 'bulk@us-east-1', '{}', 'h'
           FROM generate_series(0, 249) a, generate_series($2::int, $3::int) k`,
        [org, ks[0], ks[1]],
      );
    await insertEdges(
      `(ARRAY['can-invoke', 'reads-from', 'can-assume', 'contains'])[1 + k % 4]`,
      `'arn:aws:bedrock:us-east-1:' || (200000000000 + a) || ':model/m' || k`,
      `'arn:aws:iam::' || (200000000000 + a) || ':role/r' || k`,
      [40, 839],
    );
    await t.db.query('ANALYZE edges');
    // Then every account's key references (half from buckets, which the KMS read leaves to the S3 task).
    await insertEdges(
      `'encrypted-by'`,
      `CASE WHEN k < 20 THEN 'arn:aws:s3:::b' || a || '-' || k ELSE 'arn:aws:bedrock:us-east-1:' || (200000000000 + a) || ':custom-model/c' || k END`,
      `'arn:aws:kms:us-east-1:' || (200000000000 + a) || ':key/k' || (k % 7)`,
      [0, 39],
    );
    const filter = {
      prefix: `arn:aws:kms:us-east-1:${account(17)}:`,
      kinds: ['encrypted-by'],
      excludeFromPrefix: 'arn:aws:s3:::',
    };
    const query = referencedIdsQuery(t.db, org, filter).compile();
    const text = await planOf(query);
    expect(text).toContain('edges_tenant_id_to_id_idx');
    expect(text).not.toContain('edges_tenant_id_kind_idx');
    // Account 17's twenty model edges (k = 20…39) name all seven of its keys.
    expect(await referencedIds(t.db, org, filter)).toEqual(
      Array.from({ length: 7 }, (_, k) => `arn:aws:kms:us-east-1:${account(17)}:key/k${k}`),
    );
  });
});
