import { randomBytes } from 'node:crypto';
import { openDb, withStatementTimeout } from '@aispm/db';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type ApiFixture, apiFixture, bearer, dbServices } from './helpers.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture();
});
afterAll(async () => {
  await f?.close();
});

/** Every 4xx/5xx the API sends has the one error shape. */
function expectErrorShape(res: { statusCode: number; json(): unknown }, what: string): void {
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.json(), what).toMatchObject({
      statusCode: res.statusCode,
      error: expect.any(String),
      message: expect.any(String),
    });
  }
}

/** A concrete URL for a catalog route, with `value` in every path parameter. */
function urlOf(route: string, value: string): string {
  return route.replace(/:(\w+)/g, () => encodeURIComponent(value)).replace(/\*$/, '');
}

describe('input hygiene: control characters', () => {
  it('NUL and control characters in any path, query or body field are a 400 in the error shape, never a 500', async () => {
    const routes = f.app.routeCatalog.filter((r) => r.url.startsWith('/api/v1/'));
    expect(routes.length).toBeGreaterThan(20);
    const poisons = ['a\u0000b', '\u0000', 'x\u0007y', 'line\u001bbreak'];
    let refused = 0;
    for (const route of routes) {
      for (const poison of poisons) {
        const query = new URLSearchParams({ q: poison, cursor: poison, account: poison, rule: poison });
        const res = await f.app.inject({
          method: route.method as 'GET',
          url: `${urlOf(route.url, poison)}?${query}`,
          headers: bearer(f.home.tokens.admin),
          ...(route.method === 'GET' || route.method === 'DELETE'
            ? {}
            : { payload: { name: poison, reason: poison, cron: poison, connection: { roleArn: poison } } }),
        });
        expectErrorShape(res, `${route.method} ${route.url} with ${JSON.stringify(poison)}`);
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(400);
        if (res.json().message.includes('control characters')) refused++;
      }
    }
    expect(refused).toBe(routes.length * poisons.length);
  });

  it('a tab or newline in a free-text body field is still text', async () => {
    const res = await f.app.inject({
      method: 'PUT',
      url: '/api/v1/schedules/tabbed',
      headers: bearer(f.home.tokens.admin),
      payload: { cron: '0\t3 * * *' },
    });
    // The cron parser decides; the hygiene guard does not refuse tabs in bodies.
    expect(res.json().message ?? '').not.toContain('control characters');
  });
});

describe('input hygiene: cursors and malformed requests', () => {
  const get = (url: string) => f.app.inject({ url, headers: bearer(f.home.tokens.admin) });
  const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

  it.each([
    ['/api/v1/scans', { createdAt: 'garbage', id: crypto.randomUUID() }],
    ['/api/v1/scans', { createdAt: '2026-13-45T99:00:00Z', id: crypto.randomUUID() }],
    ['/api/v1/scans', { createdAt: '2026-01-01T00:00:00Z', id: 'not-a-uuid' }],
    ['/api/v1/findings', { sort: 'risk', risk: 'high', id: crypto.randomUUID() }],
    ['/api/v1/audit-log', { id: 1.5 }],
    ['/api/v1/attack-paths', { score: null, id: crypto.randomUUID() }],
  ])('a forged cursor for %s is a 400', async (url, key) => {
    const res = await get(`${url}?cursor=${cursorOf(key)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('cursor');
  });

  it('a malformed URL and an unparsable body answer in the API error shape', async () => {
    const badUrl = await get('/api/v1/findings/%E0%A4%A');
    expectErrorShape(badUrl, 'bad percent-encoding');
    expect(badUrl.statusCode).toBe(400);
    const badJson = await f.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { ...bearer(f.home.tokens.admin), 'content-type': 'application/json' },
      payload: '{"name": "x"',
    });
    expectErrorShape(badJson, 'truncated JSON');
    expect(badJson.statusCode).toBe(400);
  });
});

describe('property-based fuzz over every route of the OpenAPI document', () => {
  it('random strings, numbers and bodies never get a 5xx, and every 4xx has the error shape', async () => {
    const doc = (await f.app.inject({ url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      })),
    );
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('\u0000', '-1', '1e309', '99999999999999999999', 'NaN', '../../etc/passwd', '%', ''),
      fc.integer().map(String),
      fc.string({ minLength: 2_000, maxLength: 5_000 }),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(fc.string({ maxLength: 12 }), text),
      fc.constant({ nested: JSON.parse(`${'{"a":'.repeat(60)}1${'}'.repeat(60)}`) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        text,
        fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 4 }),
        body,
        fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        async (op, pathValue, extraQuery, payload, useParam) => {
          // A random subset of the documented parameters, so one invalid value does not mask the others.
          const query = new URLSearchParams(extraQuery);
          op.query.forEach((name, i) => {
            if (useParam[i % useParam.length]) query.set(name, pathValue);
          });
          const url = `${op.path.replace(/\{\w+\}/g, () => encodeURIComponent(pathValue))}?${query}`;
          const res = await f.app.inject({
            method: op.method as 'GET',
            url,
            headers: bearer(f.home.tokens.admin),
            ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: payload as object }),
          });
          if (res.headers['content-type']?.toString().includes('json') || res.statusCode >= 400) {
            expectErrorShape(res, `${op.method} ${url}`);
          }
          expect(res.statusCode, `${op.method} ${url}`).toBeLessThan(500);
        },
      ),
      { numRuns: 400, seed: 20261204 },
    );
  });
});

describe('security headers', () => {
  it('every response carries the same security headers: API data, the API document, errors and 404s', async () => {
    const csp =
      "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';" +
      "img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';" +
      "style-src 'self' 'unsafe-inline';upgrade-insecure-requests;connect-src 'self'";
    const responses = [
      await f.app.inject({ url: '/api/v1/findings?limit=1', headers: bearer(f.home.tokens.admin) }),
      await f.app.inject({ url: '/api/docs/json' }),
      await f.app.inject({ url: '/api/v1/findings?limit=1' }),
      await f.app.inject({ url: '/api/v1/no-such-route' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 401, 404]);
    for (const res of responses) {
      expect(res.headers).toMatchObject({
        'content-security-policy': csp,
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'x-permitted-cross-domain-policies': 'none',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('abuse limits', () => {
  it('random invalid tokens from one address get 429 after the limit, without a lookup each', async () => {
    const app = await buildApp({
      db: f.db,
      services: dbServices(f.db),
      rateLimit: false,
      failedAuthLimit: { max: 20, windowMs: 60_000 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 1_000; i++) {
        const res = await app.inject({
          url: '/api/v1/findings',
          headers: bearer(`aispm_${randomBytes(24).toString('hex')}`),
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
      const last = await app.inject({ url: '/api/v1/findings', headers: bearer('aispm_not-a-token') });
      expect(last.statusCode).toBe(429);
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
      // A valid token never seen before waits too; one that authenticated before the block keeps working.
      const fresh = await app.inject({ url: '/api/v1/findings', headers: bearer(f.home.tokens.analyst) });
      expect(fresh.statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('exports have their own lower limit per token, inside the general one', async () => {
    const app = await buildApp({ db: f.db, services: dbServices(f.db), rateLimit: { max: 600 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        const res = await app.inject({
          url: '/api/v1/exports/findings.csv',
          headers: bearer(f.home.tokens.admin),
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
      expect(statuses[30]).toBe(429);
      // Other routes still answer under the general limit; another token has its own export budget.
      const list = await app.inject({ url: '/api/v1/findings', headers: bearer(f.home.tokens.admin) });
      expect(list.statusCode).toBe(200);
      const other = await app.inject({
        url: '/api/v1/exports/findings.csv',
        headers: bearer(f.home.tokens.auditor),
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('text search has its own lower limit per token; lists without a search are not counted', async () => {
    const app = await buildApp({
      db: f.db,
      services: dbServices(f.db),
      rateLimit: { max: 600 },
      search: { rateLimit: { max: 3 } },
    });
    try {
      const admin = bearer(f.home.tokens.admin);
      const statuses: number[] = [];
      for (const url of [
        '/api/v1/findings?q=a',
        '/api/v1/assets?q=b',
        '/api/v1/findings?q=c',
        '/api/v1/findings?q=d',
      ])
        statuses.push((await app.inject({ url, headers: admin })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await app.inject({ url: '/api/v1/assets?q=e', headers: admin });
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({
        statusCode: 429,
        message: expect.stringMatching(/search rate limit/),
      });
      // The same token's plain lists still answer; another token has its own search budget.
      for (const url of ['/api/v1/findings', '/api/v1/assets', '/api/v1/findings?severity=high'])
        expect((await app.inject({ url, headers: admin })).statusCode, url).toBe(200);
      const other = await app.inject({ url: '/api/v1/findings?q=a', headers: bearer(f.home.tokens.analyst) });
      expect(other.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('a statement cancelled by its timeout answers 503 in the error shape, without Retry-After', async () => {
    const app = await buildApp({ db: f.db, services: dbServices(f.db), rateLimit: false });
    // A route of this test only: a real statement cancelled by Postgres (57014), as a slow search would be.
    app.get('/test/slow', { config: { access: 'public' } }, () =>
      withStatementTimeout(f.db, 20, (tx) => tx.query('SELECT pg_sleep(2)')),
    );
    try {
      const res = await app.inject({ url: '/test/slow' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ statusCode: 503, message: expect.stringMatching(/took too long/) });
      expect(res.headers['retry-after']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('a token that authenticated before its address was blocked keeps working', async () => {
    const app = await buildApp({
      db: f.db,
      services: dbServices(f.db),
      rateLimit: false,
      failedAuthLimit: { max: 5, windowMs: 60_000 },
    });
    try {
      const ok = await app.inject({ url: '/api/v1/findings', headers: bearer(f.home.tokens.admin) });
      expect(ok.statusCode).toBe(200);
      for (let i = 0; i < 10; i++) {
        await app.inject({
          url: '/api/v1/findings',
          headers: bearer(`aispm_${randomBytes(24).toString('hex')}`),
        });
      }
      const blocked = await app.inject({ url: '/api/v1/findings', headers: bearer('aispm_random') });
      expect(blocked.statusCode).toBe(429);
      const still = await app.inject({ url: '/api/v1/findings', headers: bearer(f.home.tokens.admin) });
      expect(still.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('database unavailable', () => {
  let down: FastifyInstance;
  beforeAll(async () => {
    // Nothing listens on port 1: every query fails to connect, as while Postgres restarts.
    const db = await openDb({ url: 'postgresql://postgres@127.0.0.1:1/aispm' });
    down = await buildApp({ db, services: dbServices(db), rateLimit: false });
  });
  afterAll(async () => {
    await down?.close();
  });

  it('data routes answer 503 with Retry-After, not 500', async () => {
    for (const url of ['/api/v1/findings', '/api/v1/assets', '/api/v1/scans']) {
      const res = await down.inject({ url, headers: bearer(f.home.tokens.admin) });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['retry-after'], url).toBe('5');
      expect(res.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    }
  });
});

describe('malformed asset rows from a connector', () => {
  it('non-string tags, non-object properties, NUL and a huge property are stored safely and served', async () => {
    const { awsAsset, seedGraph } = await import('./helpers.ts');
    const odd = awsAsset('111111111111', 'model', 'odd-model', {
      tags: { owner: 42, nested: { a: 1 }, empty: null } as unknown as Record<string, string>,
      properties: { note: 'nul\u0000inside', blob: 'x'.repeat(2_000_000), small: true },
    });
    const notObject = awsAsset('111111111111', 'model', 'list-model', {
      properties: ['not', 'an', 'object'] as unknown as Record<string, unknown>,
    });
    await seedGraph(f.db, f.home.id, { assets: [odd, notObject], edges: [] });
    const res = await f.app.inject({
      url: `/api/v1/assets/${encodeURIComponent(odd.id)}`,
      headers: bearer(f.home.tokens.admin),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body.length).toBeLessThan(300_000);
    const asset = res.json();
    expect(asset.tags).toEqual({ owner: '42', nested: '{"a":1}', empty: '' });
    expect(asset.properties.note).toBe('nul\ufffdinside');
    expect(asset.properties.small).toBe(true);
    expect(asset.properties.blob).toBeUndefined();
    expect(asset.properties.aispmTruncated).toMatchObject({ droppedKeys: ['blob'] });
    const list = await f.app.inject({
      url: `/api/v1/assets/${encodeURIComponent(notObject.id)}`,
      headers: bearer(f.home.tokens.admin),
    });
    expect(list.statusCode).toBe(200);
    const listed = list.json();
    expect(listed.properties.aispmTruncated).toMatchObject({ reason: 'properties were not a JSON object' });
  });
});
