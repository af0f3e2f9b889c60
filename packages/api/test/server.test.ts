import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToken, ensureTenant, findActiveToken, listTokens } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { bootstrapAdminToken } from '../src/auth.ts';
import { startServer } from '../src/server.ts';
import { bearer, dbServices } from './helpers.ts';

let t: TestDatabase;
let dist: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dist = mkdtempSync(join(tmpdir(), 'aispm-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
});
afterAll(async () => {
  rmSync(dist, { recursive: true, force: true });
  await t?.drop();
});

describe('first start', () => {
  it('generates an admin token once when the tenant has none, and never again', async () => {
    const first = await bootstrapAdminToken(t.db, {});
    expect(first.source).toBe('generated');
    expect(first.token).toMatch(/^aispm_/);
    const stored = await findActiveToken(t.db, first.token ?? '');
    expect(stored?.role).toBe('admin');
    const second = await bootstrapAdminToken(t.db, {});
    expect(second).toMatchObject({ source: 'existing', token: null });
    expect(await listTokens(t.db, first.tenantId)).toHaveLength(1);
  });

  it('ensures AISPM_ADMIN_TOKEN as an admin token, idempotently, without echoing it', async () => {
    const value = 'a-chosen-admin-token-of-enough-length';
    const env = { AISPM_ADMIN_TOKEN: value };
    expect(await bootstrapAdminToken(t.db, env)).toMatchObject({ source: 'env', token: null });
    expect(await bootstrapAdminToken(t.db, env)).toMatchObject({ source: 'env', token: null });
    const tokens = await listTokens(t.db, (await ensureTenant(t.db)).id);
    expect(tokens.filter((x) => x.name.includes('AISPM_ADMIN_TOKEN'))).toHaveLength(1);
    expect((await findActiveToken(t.db, value))?.role).toBe('admin');
    await expect(bootstrapAdminToken(t.db, { AISPM_ADMIN_TOKEN: 'short' })).rejects.toThrow(/at least 20/);
  });
});

describe('server options', () => {
  it('rate-limits per token', async () => {
    const tenant = await ensureTenant(t.db);
    const a = (await createToken(t.db, { tenantId: tenant.id, name: 'rl-a', role: 'auditor' })).token;
    const b = (await createToken(t.db, { tenantId: tenant.id, name: 'rl-b', role: 'auditor' })).token;
    const app = await buildApp({ db: t.db, services: dbServices(t.db), rateLimit: { max: 3 } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push((await app.inject({ url: '/api/v1/me', headers: bearer(a) })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const limited = await app.inject({ url: '/api/v1/me', headers: bearer(a) });
      expect(limited.json().message).toContain('rate limit');
      expect((await app.inject({ url: '/api/v1/me', headers: bearer(b) })).statusCode).toBe(200);
      // Probes are never limited.
      for (let i = 0; i < 5; i++) expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('serves the dashboard with an SPA fallback, but never for API paths', async () => {
    const app = await buildApp({ db: t.db, services: dbServices(t.db), webDist: dist, rateLimit: false });
    try {
      const index = await app.inject({ url: '/' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('id="root"');
      expect(index.headers['content-security-policy']).toContain("script-src 'self'");
      expect((await app.inject({ url: '/assets/app.js' })).body).toBe('console.log(1)');
      expect((await app.inject({ url: '/findings/some-client-route' })).body).toContain('id="root"');
      const api = await app.inject({ url: '/api/v1/nope' });
      expect(api.statusCode).toBe(404);
      expect(api.json().error).toBe('Not Found');
      expect((await app.inject({ url: '/../../etc/passwd' })).body).not.toContain('root:');
    } finally {
      await app.close();
    }
  });

  it('serves /metrics without a token only when told to', async () => {
    const closed = await buildApp({ db: t.db, services: dbServices(t.db), rateLimit: false });
    const open = await buildApp({
      db: t.db,
      services: dbServices(t.db),
      rateLimit: false,
      metricsPublic: true,
    });
    try {
      expect((await closed.inject({ url: '/metrics' })).statusCode).toBe(401);
      const res = await open.inject({ url: '/metrics' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('aispm_http_request_duration_seconds');
    } finally {
      await closed.close();
      await open.close();
    }
  });

  it('listens on loopback with startServer', async () => {
    const { app, url } = await startServer({
      db: t.db,
      services: dbServices(t.db),
      port: 0,
      host: '127.0.0.1',
    });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${url}/readyz`);
      expect(await res.json()).toEqual({ status: 'ready' });
    } finally {
      await app.close();
    }
  });
});
