/**
 * Scan machinery speed:
 * 1. wall time of a full BullMQ scan of the cloud-sim `medium` AWS estate under the simulator's real (unscaled)
 *    rate limits, against the API floor the simulator computes for the calls the scan made (the least time
 *    those calls need under the limits): `wallOverFloor` = how far the scan is from the limits' lower bound;
 * 2. graph-write throughput of `writeGraphBatch` (hash-skipping upsert + sightings) against a raw baseline on
 *    the same rows: raw `COPY … FROM STDIN` through PostgreSQL's own `psql` client (the fastest way to load
 *    rows), and one `INSERT … SELECT FROM jsonb_to_recordset` with no conflict handling, hashing or sightings.
 *
 *   pnpm bench scan-medium
 *   node --import tsx bench/scan-medium.ts --assets 20000 --no-scan
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startCloudSim } from '@aispm/cloud-sim';
import { type AssetRecord, assetHash, edge, type GraphBatch, loadConfig } from '@aispm/core';
import { ensureTenant, writeGraphBatch } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';
import { connectorsFromConfig, createScanService, deleteQueueKeys } from '@aispm/scan';

const args = process.argv.slice(2);
const nAssets = Number(args[args.indexOf('--assets') + 1]) || 50_000;
const withScan = !args.includes('--no-scan');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function benchScan(): Promise<void> {
  const sim = await startCloudSim({ seed: 7, scale: 'medium', port: 0, rateLimits: true });
  const t = await createTestDatabase('postgres');
  const prefix = `aispm-bench-${randomBytes(4).toString('hex')}`;
  try {
    const regions = [
      ...new Set(
        sim.manifest.assets.filter((a) => a.provider === 'aws' && a.region !== 'global').map((a) => a.region),
      ),
    ];
    const connectors = await connectorsFromConfig(
      loadConfig({
        AISPM_AWS_ENDPOINT: sim.aws.endpoint,
        AISPM_AWS_REGIONS: regions.join(','),
        AWS_ACCESS_KEY_ID: 'AKIAAISPMSIMULATOR01',
        AWS_SECRET_ACCESS_KEY: 'aispm-sim-secret',
      }),
    );
    for (const mode of ['bullmq', 'embedded'] as const) {
      const tenant = await ensureTenant(t.db, `bench-${mode}`);
      const service = createScanService({
        db: t.db,
        tenantId: tenant.id,
        connectors,
        redis: mode === 'bullmq' ? redisUrl : undefined,
        queuePrefix: prefix,
        log: () => {},
      });
      await service.startWorkers();
      sim.limiter.reset();
      const started = performance.now();
      const { scanId } = await service.startScan({ trigger: 'manual', provider: 'aws' });
      const summary = await service.waitForScan(scanId, { timeoutMs: 600_000, pollMs: 25 });
      const wallMs = Math.round(performance.now() - started);
      const progress = await service.getScan(scanId);
      await service.close();
      const floor = sim.apiFloor();
      const counts = sim.limiter.callCounts();
      const calls = counts.reduce((n, c) => n + c.calls, 0);
      // The sim's floor lets each bucket's burst absorb calls for free, which covers the whole medium estate;
      // the sustained floor charges every call at the bucket's refill rate (a scan right after another one).
      const perBucket = new Map<string, number>();
      let sustainedFloorMs = 0;
      for (const c of counts) {
        const { key, spec } = sim.limiter.ruleFor(c.cloud, c.operation);
        const bucket = `${c.accountId} ${key}`;
        const ms = ((perBucket.get(bucket) ?? 0) + c.calls) * (1000 / spec.ratePerSec);
        perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + c.calls);
        sustainedFloorMs = Math.max(sustainedFloorMs, ms);
      }
      emit({
        phase: `scan-medium-${mode}`,
        status: summary.status,
        tasks: summary.tasks.total,
        failedTasks: summary.tasks.failed,
        assets: Object.values(summary.assets).reduce((a, b) => a + b, 0),
        edges: Object.values(summary.edges).reduce((a, b) => a + b, 0),
        apiCalls: calls,
        throttled: progress.counters.throttled,
        wallMs,
        apiFloorMs: floor.floorMs,
        bottleneck: floor.bottleneck,
        wallOverFloor: floor.floorMs > 0 ? Number((wallMs / floor.floorMs).toFixed(2)) : null,
        sustainedFloorMs: Math.round(sustainedFloorMs),
        wallOverSustainedFloor: sustainedFloorMs > 0 ? Number((wallMs / sustainedFloorMs).toFixed(2)) : null,
      });
    }
  } finally {
    await deleteQueueKeys(redisUrl, prefix);
    await t.drop();
    await sim.close();
  }
}

function syntheticBatch(n: number): GraphBatch {
  const assets: AssetRecord[] = [];
  for (let i = 0; i < n; i++) {
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
        containers: [{ image: 'x', mode: 'SingleModel' }],
      },
      tags: { team: `t-${i % 7}` },
    });
  }
  return { assets, edges: assets.map((a) => edge('runs-as', a.id, String(a.properties.executionRoleArn))) };
}

async function benchWrites(): Promise<void> {
  const t = await createTestDatabase('postgres');
  try {
    const batch = syntheticBatch(nAssets);
    const graphTenant = await ensureTenant(t.db, 'bench-writer');
    const rawTenant = await ensureTenant(t.db, 'bench-raw');
    const ctx = {
      tenantId: graphTenant.id,
      scanId: '00000000-0000-4000-8000-0000000000b1',
      source: 'sagemaker@us-east-1',
      accountId: '300000000000',
    };
    const assetsOnly: GraphBatch = { assets: batch.assets, edges: [] };

    let start = performance.now();
    await writeGraphBatch(t.db, ctx, assetsOnly);
    const writerMs = performance.now() - start;

    start = performance.now();
    await writeGraphBatch(t.db, { ...ctx, scanId: '00000000-0000-4000-8000-0000000000b2' }, assetsOnly);
    const unchangedMs = performance.now() - start;

    // The raw baseline writes the same rows (hash included, so the row content is identical) in one statement.
    const rows = batch.assets.map((a) => ({
      id: a.id,
      kind: a.kind,
      provider: a.provider,
      account_id: a.accountId,
      region: a.region,
      name: a.name,
      native_type: a.nativeType,
      source: ctx.source,
      properties: a.properties,
      tags: a.tags,
      content_hash: assetHash(a),
    }));
    start = performance.now();
    await t.db.execute(
      `INSERT INTO assets (tenant_id, id, kind, provider, account_id, region, name, native_type, source, properties, tags, content_hash)
       SELECT $1::uuid, id, kind, provider, account_id, region, name, native_type, source, properties, tags, content_hash
         FROM jsonb_to_recordset($2::jsonb) AS x(id text, kind text, provider text, account_id text, region text, name text,
              native_type text, source text, properties jsonb, tags jsonb, content_hash text)`,
      [rawTenant.id, JSON.stringify(rows)],
    );
    const rawMs = performance.now() - start;

    // Raw COPY of the same rows through psql (CSV on stdin), into a third tenant.
    const copyTenant = await ensureTenant(t.db, 'bench-copy');
    const csv = (v: unknown) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      return `"${text.replace(/"/g, '""')}"`;
    };
    const csvRows = rows
      .map((r) =>
        [
          copyTenant.id,
          r.id,
          r.kind,
          r.provider,
          r.account_id,
          r.region,
          r.name,
          r.native_type,
          r.source,
          r.properties,
          r.tags,
          r.content_hash,
        ]
          .map(csv)
          .join(','),
      )
      .join('\n');
    start = performance.now();
    const copy = spawnSync(
      'psql',
      [
        t.url ?? '',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        '\\copy assets (tenant_id, id, kind, provider, account_id, region, name, native_type, source, properties, tags, content_hash) FROM STDIN WITH (FORMAT csv)',
      ],
      { input: csvRows, encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    const copyMs = copy.status === 0 ? performance.now() - start : undefined;
    if (copy.status !== 0)
      process.stderr.write(`psql COPY unavailable: ${copy.error?.message ?? copy.stderr}\n`);
    const rate = (ms: number) => Math.round(nAssets / (ms / 1000));
    emit({
      phase: 'graph-write',
      assets: nAssets,
      copyMs: copyMs === undefined ? null : Math.round(copyMs),
      copyAssetsPerSec: copyMs === undefined ? null : rate(copyMs),
      writerOverCopy: copyMs === undefined ? null : Number((writerMs / copyMs).toFixed(2)),
      writeGraphBatchMs: Math.round(writerMs),
      writeGraphBatchAssetsPerSec: rate(writerMs),
      unchangedRewriteMs: Math.round(unchangedMs),
      unchangedRewriteAssetsPerSec: rate(unchangedMs),
      rawInsertMs: Math.round(rawMs),
      rawInsertAssetsPerSec: rate(rawMs),
      writerOverRaw: Number((writerMs / rawMs).toFixed(2)),
    });
  } finally {
    await t.drop();
  }
}

if (withScan) await benchScan();
await benchWrites();
