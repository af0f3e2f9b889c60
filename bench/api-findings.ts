/**
 * REST API read path at scale: 100k findings (and 2k assets for the name join) in a fresh database, the API
 * in a process of its own on a loopback port (as deployed), autocannon with 50 connections in the bench's process
 * against the findings list (default sort, one page of 50) and against a filtered, control-scoped query. Prints
 * exact p50/p95/p99 from every response time, and the API process's CPU time and peak RSS.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createToken, ensureTenant } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';
import autocannon from 'autocannon';
import type { ApiReady, ApiUsage } from './lib/api-process.ts';
import { nextMessage } from './lib/org-scan.ts';
import { seedFindings } from './lib/seed-findings.ts';
import { percentile } from './lib/stats.ts';

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 100_000);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 50;

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
