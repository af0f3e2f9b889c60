/**
 * The graph writer against the fastest way to load the same rows: `writeGraphBatch` (sanitising, hashing, sightings,
 * hash-skipping upsert; staged with COPY for large batches) against a raw `COPY assets … FROM STDIN` of identical
 * rows, content hash included, with the lines encoded before the clock starts. Each measurement runs in a fresh
 * database after a small warm-up write, so neither side profits from the other's warm caches. Then an unchanged
 * re-scan: how long it takes and how many asset rows it rewrites (goal ≈ 0).
 *
 *   pnpm bench graph-writer                       # 50k and 500k assets
 *   node --import tsx bench/graph-writer.ts --sizes 50000
 */
import { randomUUID } from 'node:crypto';
import { type AssetRecord, assetHash, edge, type GraphBatch } from '@aispm/core';
import { copyLine, ensureTenant, type Sql, writeGraphBatch } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';

const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined;
const sizes = (sizesArg ?? '50000,500000').split(',').map(Number);
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const SOURCE = 'sagemaker@us-east-1';
const ACCOUNT = '300000000000';

function syntheticBatch(n: number, offset = 0): GraphBatch {
  const assets: AssetRecord[] = [];
  for (let i = offset; i < offset + n; i++) {
    const account = String(300000000000 + (i % 50));
    assets.push({
      id: `arn:aws:sagemaker:us-east-1:${account}:model/bench-${i}`,
      kind: 'model',
      provider: 'aws',
      accountId: account,
      region: 'us-east-1',
      name: `bench-${i}`,
      nativeType: 'AWS::SageMaker::Model',
      properties: {
        executionRoleArn: `arn:aws:iam::${account}:role/r-${i % 20}`,
        networkIsolation: i % 2 === 0,
        containers: [{ image: `123.dkr.ecr.us-east-1.amazonaws.com/m:${i % 9}`, mode: 'SingleModel' }],
        facts: { encryptedAtRest: i % 3 !== 0, publicAccess: false },
      },
      tags: { team: `t-${i % 7}`, env: i % 2 === 0 ? 'prod' : 'dev' },
    });
  }
  return { assets, edges: assets.map((a) => edge('runs-as', a.id, String(a.properties.executionRoleArn))) };
}

async function rawCopy(sql: Sql, tenantId: string, assets: AssetRecord[]): Promise<number> {
  const lines = assets.map((a) =>
    copyLine([
      tenantId,
      a.id,
      a.kind,
      a.provider,
      a.accountId,
      a.region,
      a.name,
      a.nativeType,
      SOURCE,
      a.properties,
      a.tags,
      assetHash(a),
    ]),
  );
  const started = performance.now();
  await sql.copyFrom(
    'COPY assets (tenant_id, id, kind, provider, account_id, region, name, native_type, source, properties, tags, content_hash) FROM STDIN',
    lines,
  );
  return performance.now() - started;
}

/** A fresh database with a small warm-up write in a tenant of its own. */
async function freshDatabase() {
  const t = await createTestDatabase('postgres');
  const warm = await ensureTenant(t.db, 'warm-up');
  await writeGraphBatch(
    t.db,
    { tenantId: warm.id, scanId: randomUUID(), source: SOURCE, accountId: ACCOUNT },
    syntheticBatch(2_000, 10_000_000),
  );
  return t;
}

for (const n of sizes) {
  const batch = syntheticBatch(n);
  const assetsOnly: GraphBatch = { assets: batch.assets, edges: [] };

  const c = await freshDatabase();
  const copyMs = await rawCopy(c.db, (await ensureTenant(c.db, 'raw-copy')).id, batch.assets);
  await c.drop();

  const w = await freshDatabase();
  const tenantId = (await ensureTenant(w.db, 'writer')).id;
  const ctx = { tenantId, scanId: randomUUID(), source: SOURCE, accountId: ACCOUNT };
  let started = performance.now();
  const first = await writeGraphBatch(w.db, ctx, assetsOnly);
  const writerMs = performance.now() - started;
  const changedBefore = await w.db.query<{ at: Date }>(
    'SELECT max(changed_at) AS at FROM assets WHERE tenant_id = $1',
    [tenantId],
  );
  started = performance.now();
  const again = await writeGraphBatch(w.db, { ...ctx, scanId: randomUUID() }, assetsOnly);
  const unchangedMs = performance.now() - started;
  const [rewritten] = await w.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM assets WHERE tenant_id = $1 AND changed_at > $2',
    [tenantId, changedBefore[0]?.at],
  );
  // Assets and their edges together, as a connector task writes them (a third scan id, edges all new).
  started = performance.now();
  const withEdges = await writeGraphBatch(w.db, { ...ctx, scanId: randomUUID() }, batch);
  const edgesMs = performance.now() - started;
  await w.drop();

  emit({
    phase: 'graph-writer',
    assets: n,
    rawCopyMs: Math.round(copyMs),
    rawCopyAssetsPerSec: Math.round(n / (copyMs / 1000)),
    writerMs: Math.round(writerMs),
    writerAssetsPerSec: Math.round(n / (writerMs / 1000)),
    writerSpeedVsCopy: Number((copyMs / writerMs).toFixed(2)),
    inserted: first.assetsInserted,
    unchangedRewriteMs: Math.round(unchangedMs),
    unchangedRewriteVsFirst: Number((unchangedMs / writerMs).toFixed(2)),
    unchangedRowsWritten: again.assetsInserted + again.assetsUpdated,
    unchangedRowsChanged: rewritten?.n ?? null,
    edgesWritten: withEdges.edgesInserted,
    edgesWithUnchangedAssetsMs: Math.round(edgesMs),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  });
}
