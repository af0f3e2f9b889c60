/**
 * Streamed exports at scale: 1M findings (on 2k assets) in a fresh database, the API on a loopback port, each
 * export format downloaded in full over HTTP while the process RSS is sampled every 50 ms. The figure that
 * matters is the RSS growth over the baseline taken before the first download: streaming keeps it flat
 * (the goal is under 100 MB at 1M findings), buffering would grow with the export.
 *
 * The API runs with a 256 MB old-space heap (`BENCH_HEAP_MB`), as in a memory-limited container: without a
 * limit V8 collects lazily and RSS follows the garbage, not what is retained; with one, an export that buffered
 * its result would die of heap exhaustion instead of passing.
 *
 *   pnpm bench export-1m                     # all formats, 1M findings
 *   BENCH_FINDINGS=200000 BENCH_FORMATS=sarif,ocsf pnpm bench export-1m
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@aispm/api';
import { createToken, ensureTenant } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';
import { RULES } from '@aispm/policy';
import { readOnlyServices } from './lib/read-services.ts';

const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 256);
if (!process.env.BENCH_EXPORT_CHILD) {
  const run = spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', fileURLToPath(import.meta.url)],
    { stdio: 'inherit', env: { ...process.env, BENCH_EXPORT_CHILD: '1' } },
  );
  process.exit(run.status ?? 1);
}

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 1_000_000);
const FORMATS = (process.env.BENCH_FORMATS ?? 'sarif,ocsf,csv,json,oscal,cyclonedx').split(',');
const PATHS: Record<string, string> = {
  sarif: '/api/v1/exports/findings.sarif',
  // Compliance Findings for one framework: with all six, 1M findings make ~10M OCSF lines (tens of GB).
  ocsf: '/api/v1/exports/findings.ocsf.jsonl?framework=owasp-llm-2025',
  csv: '/api/v1/exports/findings.csv',
  json: '/api/v1/exports/findings.json',
  oscal: '/api/v1/exports/assessment-results.oscal.json',
  cyclonedx: '/api/v1/exports/aibom.cdx.json',
};
const MB = 1024 * 1024;

const t = await createTestDatabase('postgres');
try {
  const tenant = await ensureTenant(t.db);
  const { token } = await createToken(t.db, { tenantId: tenant.id, name: 'bench', role: 'auditor' });
  const rules = RULES.filter((r) => r.frameworks['owasp-llm-2025']?.length).map((r) => ({
    id: r.id,
    severity: r.severity,
    controls: Object.values(r.frameworks).flat(),
  }));
  const seedStart = performance.now();
  await t.db.execute(
    `INSERT INTO assets (tenant_id, id, kind, provider, account_id, region, name, native_type, source, content_hash)
     SELECT $1, 'arn:aws:s3:::bench-bucket-' || i, 'data-store', 'aws', '1111111111' || lpad((i % 10)::text, 2, '0'),
            'us-east-1', 'bench-bucket-' || i, 'AWS::S3::Bucket', 's3@us-east-1', md5(i::text)
       FROM generate_series(1, 2000) AS i`,
    [tenant.id],
  );
  await t.db.execute(
    `INSERT INTO findings (tenant_id, fingerprint, rule_id, asset_id, provider, account_id, region, severity, risk_score,
                           title, status, controls, evidence, first_seen_at, last_seen_at)
     SELECT $1, 'fp-' || i, r.rule ->> 'id', 'arn:aws:s3:::bench-bucket-' || (i % 2000 + 1), 'aws',
            '1111111111' || lpad((i % 10)::text, 2, '0'), 'us-east-1', r.rule ->> 'severity',
            round((random() * 10)::numeric, 1), 'Finding ' || i,
            CASE WHEN i % 13 = 0 THEN 'suppressed' WHEN i % 7 = 0 THEN 'resolved' ELSE 'open' END,
            ARRAY(SELECT jsonb_array_elements_text(r.rule -> 'controls')),
            jsonb_build_object('properties', jsonb_build_object('bucket', 'bench-bucket-' || (i % 2000 + 1)), 'edges', '[]'::jsonb),
            now() - interval '1 day', now() - (i || ' seconds')::interval
       FROM generate_series(1, $2::int) AS i,
            LATERAL (SELECT ($3::jsonb) -> (i % jsonb_array_length($3::jsonb)) AS rule) r`,
    [tenant.id, FINDINGS, JSON.stringify(rules)],
  );
  await t.db.execute(`INSERT INTO evaluations (tenant_id, summary, finished_at) VALUES ($1, '{}', now())`, [
    tenant.id,
  ]);
  await t.db.script('ANALYZE findings; ANALYZE assets;');
  console.log(`seeded ${FINDINGS} findings in ${((performance.now() - seedStart) / 1000).toFixed(1)}s`);

  const app = await buildApp({ db: t.db, services: readOnlyServices(), rateLimit: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  for (const format of FORMATS) {
    const path = PATHS[format];
    if (!path) throw new Error(`unknown format ${format}; one of ${Object.keys(PATHS).join(', ')}`);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const res = await fetch(`${address}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200 || !res.body) throw new Error(`${format}: HTTP ${res.status}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) lines++;
    }
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const figures = {
      bench: 'export-1m',
      format,
      findings: FINDINGS,
      heapLimitMb: HEAP_MB,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      megabytes: Number((bytes / MB).toFixed(1)),
      lines,
      baselineRssMb: Math.round(baseline / MB),
      peakRssMb: Math.round(peak / MB),
      rssGrowthMb: Math.round((peak - baseline) / MB),
    };
    console.log(
      `${format}: ${figures.megabytes} MB in ${figures.seconds}s, RSS ${figures.baselineRssMb} → peak ${figures.peakRssMb} MB (growth ${figures.rssGrowthMb} MB)`,
    );
    console.log(JSON.stringify(figures));
    if (figures.rssGrowthMb >= 100) process.exitCode = 1;
  }
  await app.close();
} finally {
  await t.drop();
}
