import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, runDemo } from '../src/demo.ts';

describe('pnpm demo (runDemo): simulated estate → embedded scan + evaluation → API', () => {
  let demo: RunningDemo;
  const get = async (path: string) => {
    const res = await fetch(`${demo.url}${path}`, {
      headers: { authorization: `Bearer ${demo.adminToken}` },
    });
    expect(res.status, path).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };

  beforeAll(async () => {
    demo = await runDemo({ port: 0, quiet: true, buildWeb: false });
  }, 240_000);
  afterAll(async () => {
    await demo?.close();
  });

  it('prints a usable admin token and serves the API on loopback', async () => {
    expect(demo.adminToken).toMatch(/^aispm_/);
    expect(new URL(demo.url).hostname).toBe('127.0.0.1');
    const res = await fetch(`${demo.url}/api/v1/findings`);
    expect(res.status).toBe(401);
  });

  it('serves findings that name assets of the simulated estate', async () => {
    const manifestIds = new Set(demo.sim.manifest.assets.map((a) => a.id));
    const findings = (await get('/api/v1/findings?limit=200')).items as {
      assetId: string;
      severity: string;
    }[];
    expect(findings.length).toBeGreaterThan(10);
    for (const f of findings)
      expect(manifestIds.has(f.assetId) || f.assetId.startsWith('aispm:'), f.assetId).toBe(true);
    expect(findings.some((f) => f.severity === 'critical' || f.severity === 'high')).toBe(true);
  });

  it('covers all three simulated clouds', async () => {
    const inventory = (await get('/api/v1/inventory/summary')) as { byProvider: Record<string, number> };
    for (const provider of ['aws', 'azure', 'gcp'])
      expect(inventory.byProvider[provider], provider).toBeGreaterThan(20);
    for (const provider of ['aws', 'azure', 'gcp']) {
      const page = (await get(`/api/v1/findings?provider=${provider}&limit=5`)).items as unknown[];
      expect(page.length, `${provider} findings`).toBeGreaterThan(0);
    }
  });

  it('serves attack paths from the simulated estate', async () => {
    const manifestIds = new Set(demo.sim.manifest.assets.map((a) => a.id));
    const paths = (await get('/api/v1/attack-paths')).items as { targetId: string; hops: unknown[] }[];
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(manifestIds.has(p.targetId), p.targetId).toBe(true);
  });

  it('answers schedule changes in embedded mode with a clear 409, not a server error', async () => {
    const res = await fetch(`${demo.url}/api/v1/schedules/nightly`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${demo.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cron: '0 2 * * *' }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/need Redis/);
  });
});
