/**
 * The dashboard's findings page at scale: 1M findings (BENCH_FINDINGS) in a fresh database, the API serving the built
 * dashboard on a loopback port, Debian's Chromium opening the page. Prints the time from navigation to the first
 * finding row in the DOM (JS load, API call and render: what a user waits for) for the default list, the severity
 * sort, a filtered view and a text search, then scrolls through the first BENCH_SCROLL_ROWS findings and reports how
 * many rows the DOM held.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@aispm/api';
import { createToken, ensureTenant } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';
import { RULES } from '@aispm/policy';
import { CHROMIUM_ARGS, chromiumPath } from '@aispm/testing/chromium';
import { chromium, type Page } from 'playwright-core';
import { readOnlyServices } from './lib/read-services.ts';
import { seedFindings } from './lib/seed-findings.ts';
import { median, percentile } from './lib/stats.ts';

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SCROLL_ROWS = Number(process.env.BENCH_SCROLL_ROWS ?? 2_000);
const WEB_DIST = fileURLToPath(new URL('../apps/web/dist/', import.meta.url));

const VIEWS = [
  { name: 'findings (default: risk)', path: '/findings' },
  { name: 'findings sorted by severity', path: '/findings?sort=severity' },
  { name: 'findings sorted by last seen', path: '/findings?sort=lastSeen' },
  {
    name: 'findings critical+high, open, LLM03',
    path: '/findings?severity=critical,high&status=open&control=LLM03:2025',
  },
  { name: 'findings text search (hit)', path: '/findings?q=bench-bucket-1999' },
  // A rule's findings (the drill-down from a rule or a compliance control): a hundredth of the tenant's.
  { name: 'findings of one rule', path: `/findings?rule=${encodeURIComponent(RULES[10]?.id ?? '')}` },
];

/** Records, in the page, when the first finding row enters the DOM (ms since navigation start). */
const FIRST_ROW_PROBE = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid=findings-table] tbody tr[data-index]')) {
      window.__firstRowMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

if (!existsSync(`${WEB_DIST}index.html`)) {
  process.stderr.write('building the dashboard (apps/web/dist)…\n');
  const build = spawnSync('pnpm', ['--filter', '@aispm/web', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the dashboard build failed');
}

const t = await createTestDatabase('postgres');
try {
  const tenant = await ensureTenant(t.db);
  const { token } = await createToken(t.db, { tenantId: tenant.id, name: 'bench', role: 'admin' });
  const seedStart = performance.now();
  process.stderr.write(`seeding ${FINDINGS} findings…\n`);
  await seedFindings(t.db, tenant.id, FINDINGS);
  const seedS = (performance.now() - seedStart) / 1000;
  const app = await buildApp({ db: t.db, services: readOnlyServices(), rateLimit: false, webDist: WEB_DIST });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(`sessionStorage.setItem('aispm.token', ${JSON.stringify(token)});`);
    await context.addInitScript(FIRST_ROW_PROBE);
    console.log(
      `seeded ${FINDINGS} findings in ${seedS.toFixed(1)}s; ${RUNS} page loads per view (first is cold)`,
    );
    for (const view of VIEWS) {
      const times: number[] = [];
      const apiStarts: number[] = [];
      const apiTimes: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await context.newPage();
        await page.goto(`${origin.replace(/\/+$/, '')}${view.path}`);
        await page
          .locator('[data-testid=findings-table] tbody tr[data-index]')
          .first()
          .waitFor({ timeout: 60_000 });
        const timing = await page.evaluate(() => {
          const g = globalThis as unknown as {
            __firstRowMs: number;
            performance: {
              getEntriesByType(type: string): { name: string; startTime: number; responseEnd: number }[];
            };
          };
          const call = g.performance
            .getEntriesByType('resource')
            .find((e) => e.name.includes('/api/v1/findings'));
          return {
            firstRow: g.__firstRowMs,
            apiStart: call?.startTime ?? Number.NaN,
            apiEnd: call?.responseEnd ?? Number.NaN,
          };
        });
        times.push(timing.firstRow);
        apiStarts.push(timing.apiStart);
        apiTimes.push(timing.apiEnd - timing.apiStart);
        await page.close();
      }
      const cold = times[0] ?? Number.NaN;
      // The warm loads (every one after the first).
      const warm = (xs: number[]) => xs.slice(1);
      const figures = {
        bench: 'dashboard-findings',
        view: view.name,
        findings: FINDINGS,
        firstRowColdMs: Math.round(cold),
        firstRowMedianMs: Math.round(median(warm(times))),
        firstRowMaxMs: Math.round(percentile(warm(times), 100)),
        // Of the median: when the page asked for the findings (its JS loaded and ran) and how long the API took.
        apiCallStartMs: Math.round(median(warm(apiStarts))),
        apiCallMs: Math.round(median(warm(apiTimes))),
      };
      console.log(
        `${view.name}: first row ${figures.firstRowColdMs} ms cold, median ${figures.firstRowMedianMs} ms, max ${figures.firstRowMaxMs} ms (API asked at ${figures.apiCallStartMs} ms, answered in ${figures.apiCallMs} ms)`,
      );
      console.log(JSON.stringify(figures));
    }
    const page = await context.newPage();
    await page.goto(`${origin.replace(/\/+$/, '')}/findings`);
    console.log(JSON.stringify({ bench: 'dashboard-findings', ...(await scrollThrough(page, SCROLL_ROWS)) }));
  } finally {
    await browser.close();
    await app.close();
  }
} finally {
  await t.drop();
}

/** Scrolls until `rows` findings are loaded; the DOM's row count is sampled on the way. */
async function scrollThrough(page: Page, rows: number) {
  const body = page.locator('[data-testid=findings-table] tbody');
  await body.locator('tr[data-index]').first().waitFor({ timeout: 60_000 });
  const started = performance.now();
  let loaded = 0;
  let maxRendered = 0;
  while (loaded < rows) {
    await page.mouse.wheel(0, 3_000);
    await page.waitForTimeout(20);
    loaded = Number(await body.getAttribute('data-rows-loaded'));
    maxRendered = Math.max(maxRendered, Number(await body.getAttribute('data-rows-rendered')));
    if (performance.now() - started > 300_000)
      throw new Error(`only ${loaded} rows loaded after 300 s of scrolling`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `scrolled to ${loaded} findings in ${seconds.toFixed(1)} s; at most ${maxRendered} rows in the DOM at once`,
  );
  return { scrolledRows: loaded, scrollS: Number(seconds.toFixed(1)), maxRowsInDom: maxRendered };
}
