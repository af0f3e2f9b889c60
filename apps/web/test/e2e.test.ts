import { mkdirSync, readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath, type RunningStack, startStack } from './harness.ts';

const SHOTS = new URL('../test-results/', import.meta.url).pathname;

interface Problem {
  kind: 'console' | 'pageerror' | 'http';
  text: string;
}

let stack: RunningStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: Problem[] = [];

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${stack.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${stack.token}` },
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function watch(p: Page, into: Problem[]): void {
  p.on('console', (message) => {
    if (message.type() === 'error') into.push({ kind: 'console', text: message.text() });
  });
  p.on('pageerror', (error) => into.push({ kind: 'pageerror', text: `${error.name}: ${error.message}` }));
  p.on('response', (response) => {
    if (response.status() >= 400) into.push({ kind: 'http', text: `${response.status()} ${response.url()}` });
  });
}

/** Every step ends here: a console error, an uncaught exception or a failed request fails the test. */
function expectNoProblems(): void {
  const seen = problems.splice(0);
  expect(seen, `browser problems:\n${seen.map((p) => `${p.kind}: ${p.text}`).join('\n')}`).toEqual([]);
}

/** A sidebar link (page content may link to the same place with the same text). */
function nav(name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack();
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  watch(page, problems);
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

describe('dashboard against the real API and pipeline', () => {
  it('refuses a wrong token on the login page and says why', async () => {
    const other = await context.newPage();
    const seen: Problem[] = [];
    watch(other, seen);
    await other.goto(`${stack.url}/`);
    await other.waitForURL(/\/login/);
    await other.fill('input[name=token]', 'aispm_not-a-real-token');
    await other.click('button[type=submit]');
    await expect.poll(() => other.locator('.alert--error').textContent()).toContain('401');
    await other.screenshot({ path: `${SHOTS}00-login-refused.png` });
    expect(await other.evaluate(() => sessionStorage.getItem('aispm.token'))).toBeNull();
    // The only acceptable noise is the refused /me call itself.
    const unexpected = seen.filter((p) => !/401/.test(p.text));
    expect(unexpected).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);
    await other.close();
  });

  it('logs in with the token and shows the overview with the latest evaluation', async () => {
    await page.goto(`${stack.url}/`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name=token]', stack.token);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => url.pathname === '/');
    const latest = await api<{ summary: { findings: { bySeverity: Record<string, number> } } }>(
      '/evaluations/latest',
    );
    const critical = latest.summary.findings.bySeverity.critical ?? 0;
    await expect
      .poll(() => page.locator('[data-testid=tile-critical] .tile__value').textContent())
      .toBe(String(critical));
    await page.locator('[data-testid=choke-points] tbody tr').first().waitFor();
    await page.locator('.chart svg').first().waitFor();
    await page.getByRole('heading', { name: 'Top attack paths' }).waitFor();
    await shot('01-overview');
    expectNoProblems();
  });

  it('filters findings by severity, keeping the filter in the URL', async () => {
    await nav('Findings').click();
    const rows = page.locator('[data-testid=findings-table] tbody tr[data-index]');
    const body = page.locator('[data-testid=findings-table] tbody');
    const loaded = async () => Number(await body.getAttribute('data-rows-loaded'));
    await rows.first().waitFor();
    // Cursor pagination: the first page holds 50, "Load more" fetches the rest.
    const all = await api<{ items: unknown[] }>('/findings?limit=500');
    expect(all.items.length).toBeGreaterThan(50);
    await expect.poll(loaded).toBe(50);
    // The button's own click, without scrolling to it: scrolled to the end, the list loads the next page by itself and
    // grows under the pointer (the scroll-driven loading has its own test below).
    await page.getByRole('button', { name: 'Load more' }).dispatchEvent('click');
    await expect.poll(loaded).toBe(Math.min(all.items.length, 100));
    // The table is virtualised: only the rows near the viewport are in the DOM, whatever has been loaded.
    expect(await rows.count()).toBeLessThan(await loaded());
    await page.selectOption('select[name=severity]', 'critical');
    await page.waitForURL(/[?&]severity=critical/);
    const expected = await api<{ items: { id: string }[] }>('/findings?severity=critical&limit=500');
    expect(expected.items.length).toBeGreaterThan(0);
    await expect.poll(loaded).toBe(expected.items.length);
    const severities = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-severity')));
    expect(new Set(severities)).toEqual(new Set(['critical']));
    // Reloading the URL restores the same filtered view, with one request for its first page: made at start-up
    // while the page's code loads (prefetchPageData), and taken over by the page rather than asked again.
    const firstPages: string[] = [];
    const onRequest = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/findings' && !url.searchParams.has('cursor')) firstPages.push(url.search);
    };
    page.on('request', onRequest);
    // Held back for a second, the first page is still in flight when the page mounts (and mounts its lazy parts):
    // the page must take the prefetch over, not cancel and ask again (a race a slow machine hit).
    await page.route('**/api/v1/findings?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    await page.reload();
    await expect.poll(() => page.locator('select[name=severity]').inputValue()).toBe('critical');
    await expect.poll(loaded).toBe(expected.items.length);
    page.off('request', onRequest);
    await page.unroute('**/api/v1/findings?*');
    expect(firstPages).toEqual([expect.stringContaining('severity=critical')]);
    await page.locator('.risk__score').first().click();
    await page.locator('.risk__reasons li').first().waitFor();
    await shot('02-findings-critical');
    // Text search narrows the same view and is kept in the URL too.
    await page.fill('input[name=q]', 'notebook');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/[?&]q=notebook/);
    const searched = await api<{ items: unknown[] }>('/findings?severity=critical&q=notebook&limit=500');
    await expect.poll(loaded).toBe(searched.items.length);
    await page.fill('input[name=q]', '');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(loaded).toBe(expected.items.length);
    expectNoProblems();
  });

  it('opens a finding with its evidence and remediation', async () => {
    const first = page.locator('[data-testid=findings-table] tbody tr').first().locator('.finding-title a');
    const title = (await first.textContent()) ?? '';
    await first.click();
    await page.waitForURL(/\/findings\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() ?? '';
    const detail = await api<{ title: string; rule: { remediation: { console: string[] } } | null }>(
      `/findings/${id}`,
    );
    expect(detail.title).toBe(title);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.locator('[data-testid=evidence]').waitFor();
    const remediation = page.locator('[data-testid=remediation-panel]');
    await remediation.waitFor();
    expect(detail.rule?.remediation.console.length).toBeGreaterThan(0);
    await expect.poll(() => remediation.textContent()).toContain(detail.rule?.remediation.console[0] ?? '∅');
    await page.getByRole('heading', { name: 'Framework mappings' }).waitFor();
    await shot('03-finding-detail');
    expectNoProblems();
  });

  it('suppresses the finding with a reason and expiry, then lifts the suppression', async () => {
    const id = page.url().split('/').pop() ?? '';
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.fill('textarea[name=reason]', 'accepted risk: sandbox account, approved by e2e');
    await page.fill('input[name=until]', until);
    await page.getByRole('button', { name: 'Suppress finding' }).click();
    await page.getByRole('heading', { name: 'Suppression' }).waitFor();
    const suppressed = await api<{ status: string; suppressReason: string; suppressedUntil: string }>(
      `/findings/${id}`,
    );
    expect(suppressed.status).toBe('suppressed');
    expect(suppressed.suppressReason).toBe('accepted risk: sandbox account, approved by e2e');
    expect(suppressed.suppressedUntil.slice(0, 10)).toBe(until);
    await expect.poll(() => page.locator('.timeline li').count()).toBe(2);
    await shot('03b-finding-suppressed');
    await page.getByRole('button', { name: 'Unsuppress' }).click();
    await page.getByRole('button', { name: 'Suppress finding' }).waitFor();
    expect((await api<{ status: string }>(`/findings/${id}`)).status).toBe('open');
    await expect.poll(() => page.locator('.timeline li').count()).toBe(3);
    expectNoProblems();
  });

  it('scrolls through every finding: pages load as the end nears while the DOM keeps a bounded window', async () => {
    await nav('Findings').click();
    const body = page.locator('[data-testid=findings-table] tbody');
    const rows = body.locator('tr[data-index]');
    await rows.first().waitFor();
    const all = await api<{ items: { id: string; title: string }[]; nextCursor: string | null }>(
      '/findings?limit=500',
    );
    expect(all.nextCursor).toBeNull();
    const loaded = async () => Number(await body.getAttribute('data-rows-loaded'));
    // Scrolling alone (no button) reaches the end of the list.
    await expect
      .poll(
        async () => {
          await page.mouse.wheel(0, 4_000);
          return loaded();
        },
        { timeout: 30_000 },
      )
      .toBe(all.items.length);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.getByText('End of list').waitFor();
    const last = all.items.at(-1)?.title ?? '';
    await body.locator('tr[data-index]', { hasText: last }).last().waitFor();
    const rendered = await rows.count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(all.items.length);
    // The rendered rows are a contiguous window ending at the last finding.
    const indexes = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-index'))));
    expect(indexes.at(-1)).toBe(all.items.length - 1);
    expect(indexes).toEqual(indexes.map((_, i) => (indexes[0] ?? 0) + i));
    // The viewport, not the full page: most of a virtualised list's height is spacer.
    await page.screenshot({ path: `${SHOTS}02b-findings-scrolled-to-end.png` });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => rows.first().getAttribute('data-index')).toBe('0');
    expectNoProblems();
  }, 60_000);

  it('draws the selected attack path as a graph, hop by hop', async () => {
    await nav('Attack paths').click();
    const paths = await api<{
      items: { id: string; kind: string; hops: { assetId: string; via: string | null }[] }[];
    }>('/attack-paths?limit=50');
    expect(paths.items.length).toBeGreaterThan(0);
    // The longest path makes the most telling picture.
    const target = [...paths.items].sort((a, b) => b.hops.length - a.hops.length)[0]!;
    await page.locator(`[data-testid=path-list] a[href="/attack-paths/${target.id}"]`).click();
    await page.waitForURL(new RegExp(`/attack-paths/${target.id}$`));
    const nodes = page.locator('.react-flow__node');
    await expect.poll(() => nodes.count()).toBe(target.hops.length);
    // What the route does (the longest routes are poisoning through the data lineage).
    await expect.poll(() => page.locator('.kpis [data-testid=path-kind]').textContent()).toBe(target.kind);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(target.hops.length - 1);
    const labels = await page.locator('.react-flow__edge-text').allTextContents();
    expect(labels.sort()).toEqual(
      target.hops
        .slice(1)
        .map((h) => h.via ?? '')
        .filter(Boolean)
        .sort(),
    );
    // Entry on the left, crown jewel on the right.
    const entry = await page.locator('.graph-node--entry').boundingBox();
    const jewel = await page.locator('.graph-node--target').boundingBox();
    expect(entry && jewel && entry.x < jewel.x).toBe(true);
    await shot('04-attack-path');
    expectNoProblems();
  });

  it('opens an asset with its neighbourhood graph', async () => {
    await page.locator('.graph-node--target').click();
    await page.waitForURL(/\/assets\//);
    await page.getByRole('heading', { name: 'Properties' }).waitFor();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(1);
    await page.locator('.graph-node--focus').waitFor();
    await shot('05-asset-detail');
    expectNoProblems();
  });

  it("opens an agent from the inventory and sees its tools, identity and guardrail, then an AgentCore gateway's MCP server", async () => {
    type Detail = {
      id: string;
      name: string;
      nativeType: string;
      neighbourhood?: {
        assets: { id: string; name: string }[];
        edges: { kind: string; from: string; to: string }[];
      };
    };
    const agents = await api<{ items: { id: string }[] }>('/assets?kind=agent&limit=100');
    const details = await Promise.all(
      agents.items.map((a) => api<Detail>(`/assets/${encodeURIComponent(a.id)}`)),
    );
    const out = (d: Detail, kind: string) =>
      (d.neighbourhood?.edges ?? [])
        .filter((e) => e.kind === kind && e.from === d.id)
        .map((e) => d.neighbourhood?.assets.find((a) => a.id === e.to)?.name ?? '');
    const agent = details.find(
      (d) =>
        out(d, 'uses-tool').length > 0 && out(d, 'runs-as').length > 0 && out(d, 'guarded-by').length > 0,
    );
    expect(agent, 'a Bedrock agent with tools, a role and a guardrail').toBeDefined();
    if (!agent) return;
    await page.goto(`${stack.url}/inventory/assets?kind=agent`);
    await page.locator('[data-testid=asset-table] a', { hasText: agent.name }).first().click();
    await page.waitForURL(/\/assets\//);
    const relation = (key: string) => page.locator(`[data-testid=relationships] [data-relation="${key}"]`);
    for (const [key, names] of [
      ['out:uses-tool', out(agent, 'uses-tool')],
      ['out:runs-as', out(agent, 'runs-as')],
      ['out:guarded-by', out(agent, 'guarded-by')],
    ] as const) {
      for (const name of names) await expect.poll(() => relation(key).textContent()).toContain(name);
    }
    await shot('24-agent-relationships');

    // An agent on AgentCore Runtime calls a gateway; the gateway's MCP-server target runs on another runtime.
    const hosted = details.find((d) => d.nativeType === 'AWS::BedrockAgentCore::Runtime');
    expect(hosted, 'an AgentCore agent runtime').toBeDefined();
    if (!hosted) return;
    await page.goto(`${stack.url}/assets/${encodeURIComponent(hosted.id)}`);
    const [gatewayName] = out(hosted, 'uses-tool');
    await relation('out:uses-tool')
      .getByRole('link', { name: gatewayName ?? '∅' })
      .click();
    await page.getByRole('heading', { name: gatewayName ?? '∅' }).waitFor();
    await expect.poll(() => relation('out:uses-tool').textContent()).toContain('docs-mcp');
    await expect.poll(() => relation('in:uses-tool').textContent()).toContain(hosted.name);
    await shot('25-agentcore-gateway');
    await relation('out:uses-tool').getByRole('link', { name: 'docs-mcp' }).click();
    await expect.poll(() => relation('out:implemented-by').textContent()).toMatch(/mcp-server\s*mcp_/);
    expectNoProblems();
  });

  it('renders inventory, asset list, compliance and scans without errors', async () => {
    const summary = await api<{ total: number }>('/inventory/summary');
    await nav('Inventory').click();
    await page.locator('[data-testid=inventory-matrix] tfoot th.num').last().waitFor();
    expect(await page.locator('[data-testid=inventory-matrix] tfoot th.num').last().textContent()).toBe(
      summary.total.toLocaleString('en-US'),
    );
    await shot('06-inventory');
    await page.locator('[data-testid=inventory-matrix] tbody a').first().click();
    await page.waitForURL(/\/inventory\/assets\?kind=/);
    await page.locator('[data-testid=asset-table] tbody tr').first().waitFor();
    await shot('07-asset-list');

    await nav('Compliance').click();
    await page.locator('.card--link').first().click();
    await page.locator('[data-testid=controls-table] tbody tr').first().waitFor();
    await shot('08-compliance-framework');
    await page
      .getByRole('link', { name: /^View \d+/ })
      .first()
      .click();
    await page.waitForURL(/\/findings\?.*control=/);
    await page.locator('[data-testid=findings-table] tbody tr').first().waitFor();

    await nav('Scans').click();
    await page.locator('[data-testid=scans-table] tbody tr').first().waitFor();
    await shot('09-scans');
    await page.locator('[data-testid=scans-table] tbody a').first().click();
    await page.getByRole('heading', { name: /^Tasks \(\d+\)/ }).waitFor();
    await shot('10-scan-detail');

    expectNoProblems();
  });

  it('starts a scan and follows its progress live until it finishes', async () => {
    await nav('Scans').click();
    await page.getByRole('button', { name: 'Start scan' }).click();
    await page.waitForURL(/\/scans\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() ?? '';
    // Polling every 2s keeps the page in step with the server until the scan is done.
    await page.locator('.page-header .badge', { hasText: /^succeeded$/ }).waitFor({ timeout: 90_000 });
    const scan = await api<{ status: string; tasksTotal: number; tasksDone: number }>(`/scans/${id}`);
    expect(scan.status).toBe('succeeded');
    expect(await page.locator('.scan-progress .muted').first().textContent()).toContain(
      `${scan.tasksDone}/${scan.tasksTotal} tasks`,
    );
    await shot('10b-scan-finished');
    expectNoProblems();
  }, 120_000);

  it('creates an API token shown once, then revokes it', async () => {
    await nav('Settings').click();
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
    await page.fill('input[aria-label="Token name"]', 'e2e-readonly');
    await page.selectOption('select[aria-label="Token role"]', 'auditor');
    await page.getByRole('button', { name: 'Create token' }).click();
    const created = page.locator('[data-testid=new-token] pre');
    await created.waitFor();
    const value = (await created.textContent()) ?? '';
    expect(value).toMatch(/^aispm_/);
    await shot('11-settings');
    // The new token works against the API with its role.
    const me = await fetch(`${stack.url}/api/v1/me`, { headers: { authorization: `Bearer ${value}` } });
    expect(((await me.json()) as { role: string }).role).toBe('auditor');
    await page.getByRole('button', { name: 'Done' }).click();
    page.once('dialog', (dialog) => dialog.accept());
    await page.locator('tr', { hasText: 'e2e-readonly' }).getByRole('button', { name: 'Revoke' }).click();
    await page.locator('tr', { hasText: 'e2e-readonly' }).waitFor({ state: 'detached' });
    const after = await fetch(`${stack.url}/api/v1/me`, { headers: { authorization: `Bearer ${value}` } });
    expect(after.status).toBe(401);
    expectNoProblems();

    // A tab still holding the revoked token is sent back to the login page on its next request.
    const stale = await context.newPage();
    const seen: Problem[] = [];
    watch(stale, seen);
    await stale.addInitScript((token) => sessionStorage.setItem('aispm.token', token), value);
    await stale.goto(`${stack.url}/findings`);
    await stale.waitForURL(/\/login\?expired=1/);
    await stale.locator('.alert--error', { hasText: 'expired' }).waitFor();
    expect(await stale.evaluate(() => sessionStorage.getItem('aispm.token'))).toBeNull();
    expect(seen.filter((p) => !/401/.test(p.text))).toEqual([]);
    await stale.close();
  });
  it('downloads exports from the findings, inventory and compliance pages, byte for byte as the API serves them', async () => {
    /** Opens the page's Download menu, picks an item, and returns the downloaded bytes and file name. */
    async function downloadFrom(label: string): Promise<{ bytes: Buffer; name: string }> {
      const menu = page.getByTestId('download-menu');
      const item = menu.getByRole('menuitem', { name: label, exact: true });
      // After a client-side navigation the previous page's (open) menu can still be on screen for a moment:
      // wait for this page's item (hidden while its menu is closed) before deciding whether to open the menu.
      await menu
        .getByRole('menuitem', { name: label, exact: true, includeHidden: true })
        .waitFor({ state: 'attached' });
      if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
      const [file] = await Promise.all([page.waitForEvent('download'), item.click()]);
      const path = await file.path();
      return { bytes: readFileSync(path), name: file.suggestedFilename() };
    }
    async function fromApi(path: string): Promise<Buffer> {
      const res = await fetch(`${stack.url}/api/v1${path}`, {
        headers: { authorization: `Bearer ${stack.token}` },
      });
      expect(res.status, path).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    }

    await page.goto(`${stack.url}/findings?severity=critical,high`);
    await page.locator('[data-testid=findings-table] tbody tr').first().waitFor();
    const sarif = await downloadFrom('SARIF 2.1.0');
    expect(sarif.name).toBe('findings.sarif');
    const sarifApi = await fromApi('/exports/findings.sarif?severity=critical%2Chigh&sort=risk');
    expect(sarif.bytes.equals(sarifApi)).toBe(true);
    expect(JSON.parse(sarif.bytes.toString()).runs[0].results.length).toBeGreaterThan(0);
    const csv = await downloadFrom('CSV');
    expect(csv.bytes.equals(await fromApi('/exports/findings.csv?severity=critical%2Chigh&sort=risk'))).toBe(
      true,
    );
    await shot('12-findings-download-menu');

    await nav('Inventory').click();
    await page.getByTestId('download-menu').waitFor();
    const bom = await downloadFrom('CycloneDX 1.6 AI-BOM');
    expect(bom.name).toBe('aibom.cdx.json');
    expect(bom.bytes.equals(await fromApi('/exports/aibom.cdx.json'))).toBe(true);
    expect(JSON.parse(bom.bytes.toString()).components.length).toBeGreaterThan(0);

    await nav('Compliance').click();
    await page.locator('.card--link').first().waitFor();
    const oscal = await downloadFrom('OSCAL results: OWASP Top 10 for LLM Applications 2025');
    expect(oscal.name).toBe('assessment-results.owasp-llm-2025.oscal.json');
    expect(
      oscal.bytes.equals(await fromApi('/exports/assessment-results.oscal.json?framework=owasp-llm-2025')),
    ).toBe(true);
    await shot('13-compliance-download-menu');
    expectNoProblems();
  });
  it('answers the self-assessment from evidence, takes the user answers, and prints a one-page report', async () => {
    const own = await context.newPage();
    const seen: Problem[] = [];
    watch(own, seen);
    await own.goto(`${stack.url}/login`);
    await own.fill('input[name=token]', stack.token);
    await own.click('button[type=submit]');
    await own.waitForURL((url) => url.pathname === '/');
    await own
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Governance', exact: true })
      .click();
    const before = await api<{ score: number; answers: { id: string; answer: string | null }[] }>(
      '/self-assessment',
    );
    await expect.poll(() => own.getByTestId('score').textContent()).toBe(String(before.score));
    await expect.poll(() => own.locator('[data-testid=assessment-table] tbody tr').count()).toBe(10);
    for (const a of before.answers) {
      await expect
        .poll(() =>
          own.locator(`tr[data-question=${a.id}] [data-answer]`).first().getAttribute('data-answer'),
        )
        .toBe(a.answer ?? 'none');
    }
    // The incident-response question is the user's: answer it in the page.
    const form = own.getByTestId('answer-form-q10');
    await form.locator('select[name=answer]').selectOption('yes');
    await form.locator('input[name=note]').fill('AI IR runbook v2 in the wiki');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => own.getByTestId('score').textContent()).toBe(String(before.score - 10));
    const after = await api<{
      answers: { id: string; answer: string | null; userAnswer: { note: string } | null }[];
    }>('/self-assessment');
    expect(after.answers.find((a) => a.id === 'q10')).toMatchObject({
      answer: 'yes',
      userAnswer: { note: 'AI IR runbook v2 in the wiki' },
    });
    const maturity = await api<{ stage: number; name: string }>('/maturity');
    await expect.poll(() => own.getByTestId('stage').textContent()).toContain(`Stage ${maturity.stage} of 4`);
    await own.screenshot({ path: `${SHOTS}14-governance.png`, fullPage: true });

    // The printable report: one A4 page in print media, with the same score and the ten answers.
    await own.goto(`${stack.url}/governance/report`);
    await own.getByTestId('governance-report').waitFor();
    await expect.poll(() => own.getByTestId('report-score').textContent()).toBe(String(before.score - 10));
    await expect.poll(() => own.locator('.report__table tbody tr').count()).toBe(10);
    await own.getByTestId('score-trend').waitFor();
    await own.emulateMedia({ media: 'print' });
    expect(await own.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    await own.screenshot({ path: `${SHOTS}15-governance-report-print.png`, fullPage: true });
    const pdf = await own.pdf({ format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(1);
    expect(seen, seen.map((p) => `${p.kind}: ${p.text}`).join('\n')).toEqual([]);
    await own.close();
  });

  it('shows each cloud its own remediation: a GCP and an Azure finding, and the rule catalog per cloud', async () => {
    interface Row {
      id: string;
      provider: string;
      ruleId: string;
    }
    interface Detail {
      provider: string;
      rule: { remediation?: { console: string[]; cli?: string } } | null;
    }
    const all = await api<{ items: Row[] }>('/findings?limit=500');
    for (const provider of ['gcp', 'azure'] as const) {
      const finding = all.items.find((f) => f.provider === provider);
      expect(finding, `a ${provider} finding in the demo estate`).toBeDefined();
      const id = finding?.id ?? '';
      const detail = await api<Detail>(`/findings/${id}`);
      const own = detail.rule?.remediation;
      expect(own?.console.length, `${finding?.ruleId} has ${provider} remediation`).toBeGreaterThan(0);
      await page.goto(`${stack.url}/findings/${id}`);
      const panel = page.locator('[data-testid=remediation-panel]');
      await panel.waitFor();
      expect(await panel.getAttribute('data-provider')).toBe(provider);
      await expect.poll(() => panel.textContent()).toContain(own?.console[0] ?? '∅');
      const label = provider === 'gcp' ? 'GCP' : 'Azure';
      await page.getByRole('heading', { name: `Remediation · ${label}` }).waitFor();
      // The other clouds' tools never appear in this cloud's text.
      const text = (await page.locator('.remediation').textContent()) ?? '';
      expect(text).not.toMatch(/SageMaker|Bedrock|\baws /);
      if (own?.cli) {
        await page.locator('.remediation').getByRole('tab', { name: 'CLI' }).click();
        await expect.poll(() => panel.textContent()).toContain(own.cli);
      }
      await shot(`16-finding-remediation-${provider}`);
    }

    await nav('Rules').click();
    const rows = page.locator('[data-testid=rule-row]');
    const catalog = await api<{ items: { id: string; providers: string[] }[] }>('/rules');
    await expect.poll(() => rows.count()).toBe(catalog.items.length);
    await page.getByRole('button', { name: 'GCP', exact: true }).click();
    await page.waitForURL(/[?&]provider=gcp/);
    const gcpRules = catalog.items.filter((r) => r.providers.includes('gcp'));
    expect(gcpRules.length).toBeGreaterThan(0);
    await expect.poll(() => rows.count()).toBe(gcpRules.length);
    const first = rows.first();
    await first.locator('summary').click();
    await first.getByRole('heading', { name: 'Remediation · GCP' }).waitFor();
    await shot('17-rules-gcp');
    expectNoProblems();
  });

  it('shows what changed after the estate changed between two scans (model added, endpoint removed, notebook opened)', async () => {
    const own = await context.newPage();
    const seen: Problem[] = [];
    watch(own, seen);
    const regions = stack.estate.aws.accounts.flatMap((a) => Object.values(a.regions));
    const withModel = regions.find((r) => r.sagemaker.models.length > 0);
    const withEndpoint = regions.find((r) => r.sagemaker.endpoints.length > 0);
    const notebook = regions
      .flatMap((r) => r.sagemaker.notebooks)
      .find((n) => n.DirectInternetAccess === 'Disabled');
    if (!withModel || !withEndpoint || !notebook)
      throw new Error('the estate lacks a model, endpoint or closed notebook');
    const model = structuredClone(withModel.sagemaker.models[0]!);
    model.ModelName = 'e2e-drift-model';
    model.ModelArn = String(model.ModelArn).replace(/model\/.*$/, 'model/e2e-drift-model');
    withModel.sagemaker.models.push(model);
    const [endpoint] = withEndpoint.sagemaker.endpoints.splice(0, 1);
    notebook.DirectInternetAccess = 'Enabled';
    const planted = {
      added: String(model.ModelArn),
      removed: String(endpoint?.EndpointArn),
      changed: String(notebook.NotebookInstanceArn),
    };

    const started = await fetch(`${stack.url}/api/v1/scans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(started.status).toBeLessThan(300);
    const { scanId } = (await started.json()) as { scanId: string };
    // The scan is evaluated when it finishes: wait for its evaluation.
    await expect
      .poll(async () => (await api<{ scanId: string | null }>('/evaluations/latest')).scanId, {
        timeout: 180_000,
      })
      .toBe(scanId);
    const changes = await api<{
      assets: { assetId: string; change: string }[];
      findings: { assetId: string }[];
    }>(`/scans/${scanId}/changes`);
    expect(changes.assets.map((a) => `${a.change} ${a.assetId}`).sort()).toEqual(
      Object.entries(planted)
        .map(([change, id]) => `${change} ${id}`)
        .sort(),
    );
    const touched = new Set(Object.values(planted));
    expect(changes.findings.filter((f) => !touched.has(f.assetId))).toEqual([]);

    // The overview links to the changes of the latest scan; the page shows exactly those three.
    await own.goto(`${stack.url}/login`);
    await own.fill('input[name=token]', stack.token);
    await own.click('button[type=submit]');
    await own.waitForURL((url) => url.pathname === '/');
    await own.getByRole('link', { name: 'What changed' }).click();
    await own.waitForURL(/\/changes$/);
    const rows = own.locator('[data-testid=asset-changes] tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    for (const [change, id] of Object.entries(planted)) {
      expect(
        await own.locator(`[data-testid=asset-changes] tr[data-asset="${id}"]`).getAttribute('data-change'),
      ).toBe(change);
    }
    await expect
      .poll(() => own.locator(`tr[data-asset="${planted.changed}"] .fact-changes`).textContent())
      .toMatch(/internet/i);
    await expect
      .poll(() => own.locator('[data-testid=finding-changes] tbody tr').count())
      .toBe(changes.findings.length);
    await own.screenshot({ path: `${SHOTS}18-what-changed.png`, fullPage: true });

    // The scan's own page links to the same changes; the notebook's page keeps its fact history.
    await own.goto(`${stack.url}/scans/${scanId}`);
    await own.getByRole('link', { name: 'What changed' }).click();
    await own.waitForURL(new RegExp(`/scans/${scanId}/changes$`));
    await expect.poll(() => rows.count()).toBe(3);
    await own.goto(`${stack.url}/assets/${encodeURIComponent(planted.changed)}`);
    const history = own.locator('[data-testid=fact-history] li');
    await expect.poll(() => history.first().getAttribute('data-change')).toBe('changed');
    await own.screenshot({ path: `${SHOTS}19-asset-fact-history.png`, fullPage: true });
    expect(seen, seen.map((p) => `${p.kind}: ${p.text}`).join('\n')).toEqual([]);
    await own.close();
  });
  it('shows what a scan could not read: a denied listing and a denied detail read, with the permission to grant', async () => {
    // Last: this scan is partial on purpose (the tests above compare against a complete one).
    stack.placeFaults({
      denied: ['sagemaker:ListTrainingJobs', 'sagemaker:DescribeNotebookInstance'],
    });
    try {
      await nav('Scans').click();
      await page.getByRole('button', { name: 'Start scan' }).click();
      await page.waitForURL(/\/scans\/[0-9a-f-]{36}$/);
      await page.locator('.page-header .badge', { hasText: /^partial$/ }).waitFor({ timeout: 120_000 });
      const id = page.url().split('/').pop() ?? '';
      const scan = await api<{ gaps: { operation: string; scope: string; permission: string }[] }>(
        `/scans/${id}`,
      );
      const kinds = new Map(scan.gaps.map((g) => [g.operation, `${g.scope} ${g.permission}`]));
      expect(kinds.get('ListTrainingJobs')).toBe('list sagemaker:ListTrainingJobs');
      expect(kinds.get('DescribeNotebookInstance')).toBe('item sagemaker:DescribeNotebookInstance');
      const table = page.locator('[data-testid=coverage-gaps]');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(scan.gaps.length);
      const listing = table.locator('tr[data-operation="ListTrainingJobs"]').first();
      expect(await listing.getAttribute('data-scope')).toBe('list');
      expect(await listing.textContent()).toContain('the listing');
      expect(await listing.textContent()).toContain('sagemaker:ListTrainingJobs');
      const detail = table.locator('tr[data-operation="DescribeNotebookInstance"]').first();
      expect(await detail.textContent()).toContain('facts of the items');
      await table.scrollIntoViewIfNeeded();
      await shot('20-scan-not-covered');
      expectNoProblems();
    } finally {
      stack.placeFaults({});
    }
  }, 180_000);

  it('sets the AI usage policy on the settings page; the next evaluation reports the shadow AI outside it', async () => {
    // After the tests that compare findings: from here on, AI outside the policy is a finding too.
    await nav('Settings').click();
    const status = page.getByTestId('usage-policy-status');
    await expect.poll(() => status.textContent()).toContain('No AI usage policy is configured');
    await page.fill('input[aria-label="Approved regions"]', 'eu-*, westeurope');
    await page.fill('input[aria-label="Owner tags"]', 'owner');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => status.textContent()).toContain('Version 1 in force');
    const policy = await api<{ configured: boolean; policy: unknown }>('/ai-usage-policy');
    expect(policy).toMatchObject({
      configured: true,
      policy: { approvedRegions: ['eu-*', 'westeurope'], requiredOwnerTags: ['owner'] },
    });
    await shot('21-usage-policy');

    const evaluated = await fetch(`${stack.url}/api/v1/evaluations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect(evaluated.status).toBeLessThan(300);
    await expect
      .poll(
        async () =>
          (await api<{ items: unknown[] }>('/findings?rule=aispm-shadow-ai-region-not-approved')).items
            .length,
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThan(0);
    await page.goto(`${stack.url}/findings?rule=aispm-shadow-ai-region-not-approved`);
    await page
      .locator('table tbody tr', { hasText: 'region the AI usage policy does not approve' })
      .first()
      .waitFor();
    await shot('22-shadow-ai-findings');
    // The inventory tells approved from unapproved AI: the filter in the page, the same rows the API lists.
    await page.goto(`${stack.url}/inventory/assets`);
    await page.selectOption('select[aria-label="AI usage policy"]', 'unapproved');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/usage=unapproved/);
    const unapproved = await api<{ items: { name: string }[] }>('/assets?usage=unapproved&limit=50');
    expect(unapproved.items.length).toBeGreaterThan(0);
    await page
      .locator('table tbody tr', { hasText: unapproved.items[0]?.name ?? '' })
      .first()
      .waitFor();
    await shot('23-inventory-unapproved-ai');
    // The maturity criterion that needs a policy is met now.
    const maturity = await api<{ criteria: { id: string; met: boolean }[] }>('/maturity');
    expect(maturity.criteria.find((c) => c.id === 's3-shadow-ai')?.met).toBe(true);
    expectNoProblems();
  }, 120_000);
});
