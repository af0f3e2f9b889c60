/**
 * REST API read path at scale: 100k findings (and 2k assets for the name join) in a fresh database, the API
 * in a process of its own on a loopback port (as deployed), autocannon with 50 connections in the bench's process
 * against the findings list (each sort, one page of 50, first pages and pages 300k rows deep), a filtered,
 * control-scoped query, text search and the overview's counts. Each target is loaded for BENCH_WARMUP seconds
 * (default 5) before it is measured: a server is measured warm, not while V8 compiles its paths and the pool's
 * connections fill their caches. Prints exact p50/p95/p99 from every response time, and the API process's CPU time
 * and peak RSS.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodeCursor } from '@aispm/api';
import { createToken, type Db, ensureTenant } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';
import { RULES } from '@aispm/policy';
import autocannon from 'autocannon';
import type { ApiReady, ApiUsage } from './lib/api-process.ts';
import { nextMessage } from './lib/org-scan.ts';
import { seedFindings } from './lib/seed-findings.ts';
import { percentile } from './lib/stats.ts';

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 100_000);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 5);
const CONNECTIONS = 50;
/** A title search: the whole title of one rule the seed spreads findings over. */
const TITLE_RULE = RULES[10] ?? RULES[0];
const TITLE_TERM = TITLE_RULE?.title ?? '';

const t = await createTestDatabase('postgres');
try {
  const tenant = await ensureTenant(t.db);
  const { token } = await createToken(t.db, { tenantId: tenant.id, name: 'bench', role: 'admin' });
  const seedStart = performance.now();
  await seedFindings(t.db, tenant.id, FINDINGS);
  const seedMs = performance.now() - seedStart;

  const api = fork(fileURLToPath(new URL('./lib/api-process.ts', import.meta.url)), [], {
    // BENCH_API_FLAGS adds Node flags to the API process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (Node refuses
    // profiling flags in NODE_OPTIONS).
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_API_FLAGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, AISPM_BENCH_DB_URL: t.url },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { address } = await nextMessage<ApiReady>(api, 'ready');
  const headers = { authorization: `Bearer ${token}` };
  const deep = await deepCursors(t.db, tenant.id, Math.floor(FINDINGS * 0.3));

  const targets = [
    { name: 'findings?limit=50', path: '/api/v1/findings?limit=50', full: true, some: true },
    {
      name: 'findings?severity=critical,high&status=open&control=LLM03:2025&limit=50',
      path: '/api/v1/findings?severity=critical,high&status=open&control=LLM03:2025&limit=50',
      full: true,
      some: true,
    },
    // The dashboard's severity sort: on its own index, or a CASE over every row of the tenant before page one.
    {
      name: 'findings?sort=severity&limit=50',
      path: '/api/v1/findings?sort=severity&limit=50',
      full: true,
      some: true,
    },
    {
      name: 'findings?sort=lastSeen&limit=50',
      path: '/api/v1/findings?sort=lastSeen&limit=50',
      full: true,
      some: true,
    },
    // Pages 30% of the way down (a cursor the API would have returned there): the index seeks to the cursor.
    {
      name: 'findings?sort=severity&limit=50&cursor=… (30% deep)',
      path: `/api/v1/findings?sort=severity&limit=50&cursor=${deep.severity}`,
      full: true,
      some: true,
    },
    {
      name: 'findings?sort=lastSeen&limit=50&cursor=… (30% deep)',
      path: `/api/v1/findings?sort=lastSeen&limit=50&cursor=${deep.lastSeen}`,
      full: true,
      some: true,
    },
    // Text search that matches nothing: without an index every row's title, rule and asset are read.
    {
      name: 'findings?q=zq-no-such-text&limit=50 (miss)',
      path: '/api/v1/findings?q=zq-no-such-text&limit=50',
      full: false,
      some: false,
    },
    {
      name: 'findings?q=bench-bucket-1999&limit=50 (hit)',
      path: '/api/v1/findings?q=bench-bucket-1999&limit=50',
      full: false,
      some: true,
    },
    // A rule's title: its findings (a hundredth of the tenant's) through the tenant's (rule, title) pairs.
    {
      name: `findings?q=<a rule's title>&limit=50 (title hit)`,
      path: `/api/v1/findings?q=${encodeURIComponent(TITLE_TERM)}&limit=50`,
      full: true,
      some: true,
    },
    // The same rule's findings by its id (the rule filter): one range of the rule's index in the risk order.
    {
      name: `findings?rule=<a rule>&limit=50 (rule filter)`,
      path: `/api/v1/findings?rule=${encodeURIComponent(TITLE_RULE?.id ?? '')}&limit=50`,
      full: true,
      some: true,
    },
    // The compliance view: open and suppressed findings per rule, from the counts the database keeps.
    {
      name: 'frameworks/owasp-llm-2025 (compliance counts)',
      path: '/api/v1/frameworks/owasp-llm-2025',
      accept: (body: Record<string, unknown>) => Array.isArray(body.controls) && body.controls.length > 0,
    },
    // The overview's inventory tiles.
    {
      name: 'inventory/summary',
      path: '/api/v1/inventory/summary',
      accept: (body: Record<string, unknown>) => body !== null && typeof body === 'object',
    },
  ];
  console.log(
    `seeded ${FINDINGS} findings in ${(seedMs / 1000).toFixed(1)}s; ${CONNECTIONS} connections × ${DURATION_S}s each`,
  );
  for (const target of targets) {
    const sanity = await fetch(`${address}${target.path}`, { headers });
    const body = (await sanity.json()) as { items: unknown[]; nextCursor: string | null } & Record<
      string,
      unknown
    >;
    const pageOk =
      'accept' in target && target.accept
        ? target.accept(body)
        : target.full
          ? body.items.length === 50 && body.nextCursor
          : target.some
            ? body.items.length > 0
            : body.items.length === 0;
    if (sanity.status !== 200 || !pageOk) {
      throw new Error(
        `${target.name}: unexpected answer ${sanity.status}: ${JSON.stringify(body).slice(0, 200)}`,
      );
    }
    if (WARMUP_S > 0) {
      await new Promise<void>((resolve, reject) =>
        autocannon(
          { url: `${address}${target.path}`, headers, connections: CONNECTIONS, duration: WARMUP_S },
          (err) => (err ? reject(err) : resolve()),
        ),
      );
    }
    const times: number[] = [];
    let errors = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: `${address}${target.path}`, headers, connections: CONNECTIONS, duration: DURATION_S },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode !== 200) errors++;
        times.push(responseTime);
      });
    });
    const pct = (p: number) => percentile(times, p);
    const figures = {
      bench: 'api-findings',
      target: target.name,
      findings: FINDINGS,
      connections: CONNECTIONS,
      durationS: DURATION_S,
      warmupS: WARMUP_S,
      requests: times.length,
      non200: errors + result.non2xx,
      reqPerSec: Math.round(result.requests.average),
      p50Ms: Number(pct(50).toFixed(2)),
      p95Ms: Number(pct(95).toFixed(2)),
      p99Ms: Number(pct(99).toFixed(2)),
    };
    console.log(
      `${target.name}: ${figures.reqPerSec} req/s, p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, p99 ${figures.p99Ms} ms, ${figures.non200} non-200`,
    );
    console.log(JSON.stringify(figures));
  }
  const usage = nextMessage<ApiUsage>(api, 'usage');
  api.send({ type: 'usage' });
  const { cpuSec, peakRssMb } = await usage;
  console.log(JSON.stringify({ bench: 'api-findings', phase: 'api-process', cpuSec, peakRssMb }));
  const exited = new Promise((resolve) => api.once('exit', resolve));
  api.send({ type: 'close' });
  await exited;
} finally {
  await t.drop();
}

/**
 * Cursors for the rows `offset` rows down the severity and lastSeen orders, as the API encodes them (the sort key of
 * the row before the page), read by the orders' definitions over the whole table.
 */
async function deepCursors(db: Db, tenantId: string, offset: number) {
  const encode = (key: Record<string, unknown>) => encodeCursor(key) as string;
  const [bySeverity] = await db.query<{ rank: number; risk: number; id: string }>(
    `SELECT severity_rank AS rank, risk_score AS risk, id FROM findings WHERE tenant_id = $1
      ORDER BY severity_rank DESC, risk_score DESC, id OFFSET $2 LIMIT 1`,
    [tenantId, offset],
  );
  const [byLastSeen] = await db.query<{ shown: Date; seen: Date; id: string }>(
    `SELECT shown, last_seen_at AS seen, id FROM (
       SELECT id, last_seen_at, CASE WHEN status IN ('open', 'reopened', 'suppressed')
              THEN GREATEST(last_seen_at, (SELECT max(finished_at) FROM evaluations WHERE tenant_id = $1))
              ELSE last_seen_at END AS shown
         FROM findings WHERE tenant_id = $1) f
      ORDER BY shown DESC, last_seen_at DESC, id OFFSET $2 LIMIT 1`,
    [tenantId, offset],
  );
  if (!bySeverity || !byLastSeen) throw new Error(`fewer than ${offset} findings`);
  return {
    severity: encode({ sort: 'severity', ...bySeverity }),
    lastSeen: encode({
      sort: 'lastSeen',
      lastSeen: byLastSeen.shown.toISOString(),
      seen: byLastSeen.seen.toISOString(),
      id: byLastSeen.id,
    }),
  };
}
