import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT_PATH } from '../src/openapi.ts';
import { type ApiFixture, apiFixture, bearer } from './helpers.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document listing every API route with its schemas', async () => {
    const res = await f.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');

    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops))
        documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    const apiRoutes = f.app.routeCatalog.filter((r) => !r.url.startsWith('/api/docs'));
    for (const r of apiRoutes)
      expect(documented, `${r.method} ${r.url} missing from the document`).toContain(`${r.method} ${r.url}`);

    const findings = doc.paths['/api/v1/findings'].get;
    const params = (findings.parameters as { name: string }[]).map((p) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['severity', 'status', 'control', 'sort', 'limit', 'cursor']),
    );
    expect(findings.responses['200'].content['application/json'].schema).toBeTruthy();
    expect(findings.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/healthz'].get.security).toBeUndefined();
    const suppress = doc.paths['/api/v1/findings/{id}/suppress'].post;
    expect(suppress.requestBody.content['application/json'].schema.properties.reason).toBeTruthy();
  });

  it('is the committed packages/api/openapi.json the dashboard client is generated from', async () => {
    const served = (await f.app.inject({ url: '/api/docs/json' })).json();
    const committed = JSON.parse(readFileSync(OPENAPI_DOCUMENT_PATH, 'utf8'));
    // On a difference: `pnpm --filter @aispm/web generate:api` regenerates the document and the web client.
    expect(served, 'packages/api/openapi.json is stale: run pnpm --filter @aispm/web generate:api').toEqual(
      committed,
    );
  });

  it('serves swagger-ui', async () => {
    const res = await f.app.inject({ url: '/api/docs/static/swagger-initializer.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/api/docs/json'.replace('/api/docs', '.'));
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('input validation', () => {
  const get = (url: string) => f.app.inject({ url, headers: bearer(f.home.tokens.admin) });

  it.each([
    ['/api/v1/findings?limit=501', 'querystring.limit', 'expected number to be <=500'],
    ['/api/v1/findings?limit=abc', 'querystring.limit', 'number'],
    ['/api/v1/findings?severity=urgent', 'querystring.severity', 'critical'],
    ['/api/v1/findings?sort=random', 'querystring.sort', 'risk'],
    ['/api/v1/findings?cursor=%%%', 'querystring.cursor', 'cursor'],
    ['/api/v1/findings/not-a-uuid', 'params.id', 'UUID'],
    ['/api/v1/assets?tag=novalue', 'querystring.tag', 'key:value'],
    ['/api/v1/assets?kind=spaceship', 'querystring.kind', 'model'],
  ])('GET %s → 400 naming %s', async (url, location, words) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('Bad Request');
    expect(body.message).toContain(location);
    expect(body.message).toContain(words);
  });

  it('rejects a cursor made for another sort order', async () => {
    const cursor = Buffer.from(JSON.stringify({ sort: 'risk', risk: 1, id: crypto.randomUUID() })).toString(
      'base64url',
    );
    const res = await get(`/api/v1/findings?sort=lastSeen&cursor=${cursor}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('cursor');
  });

  const post = (url: string, payload: unknown, method: 'POST' | 'PUT' | 'PATCH' = 'POST') =>
    f.app.inject({ method, url, headers: bearer(f.home.tokens.admin), payload: payload as object });

  it('refuses secrets in account connection settings', async () => {
    const res = await post('/api/v1/accounts', {
      provider: 'aws',
      externalId: '123456789012',
      name: 'prod',
      connection: { roleName: 'aispm-reader', secretAccessKey: 'AKIA…' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/body\.connection.*secretAccessKey/);
    const rows = await f.db.query('SELECT 1 FROM cloud_accounts WHERE external_id = $1', ['123456789012']);
    expect(rows).toHaveLength(0);
  });

  it('validates account ids per provider', async () => {
    const aws = await post('/api/v1/accounts', { provider: 'aws', externalId: '12345', name: 'x' });
    expect(aws.statusCode).toBe(400);
    expect(aws.json().message).toContain('body.externalId: an AWS account id is 12 digits');
    const azure = await post('/api/v1/accounts', {
      provider: 'azure',
      externalId: 'nope',
      name: 'x',
      connection: {},
    });
    expect(azure.statusCode).toBe(400);
    expect(azure.json().message).toContain('subscription id is a UUID');
    const unknown = await post('/api/v1/accounts', { provider: 'oracle', externalId: '1', name: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('body.provider');
  });

  it('validates the connection of a PATCH against the stored provider', async () => {
    const created = await post('/api/v1/accounts', {
      provider: 'gcp',
      externalId: 'my-project-42',
      name: 'ml',
      connection: { serviceAccountEmail: 'reader@my-project-42.iam.gserviceaccount.com' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const bad = await post(`/api/v1/accounts/${id}`, { connection: { privateKey: '-----BEGIN' } }, 'PATCH');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('body.connection');
    const good = await post(`/api/v1/accounts/${id}`, { name: 'ml platform', enabled: false }, 'PATCH');
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ name: 'ml platform', enabled: false, provider: 'gcp' });
  });

  it('an account endpoint is https, or http only on a loopback address', async () => {
    const connect = (endpoint: string, externalId: string) =>
      post('/api/v1/accounts', { provider: 'aws', externalId, name: 'e', connection: { endpoint } });
    const refused = [
      'http://10.0.0.5:4566',
      'http://sim.example.com',
      'http://127.0.0.1.example.com',
      'ftp://127.0.0.1/x',
      'https://user:secret@api.example.com',
      'not a url',
    ];
    for (const endpoint of refused) {
      const res = await connect(endpoint, '210987654321');
      expect(res.statusCode, endpoint).toBe(400);
      expect(res.json(), endpoint).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.json().message, endpoint).toContain('body.connection.endpoint');
    }
    const accepted = [
      'https://bedrock.vpce.example.com',
      'http://127.0.0.1:4566',
      'http://[::1]:9000',
      'http://localhost:8080',
    ];
    for (const [i, endpoint] of accepted.entries()) {
      const res = await connect(endpoint, `21098765432${i}`);
      expect(res.statusCode, endpoint).toBe(201);
      expect(res.json().connection.endpoint, endpoint).toBe(endpoint);
    }
  });

  it('rejects malformed bodies, bad cron and past dates with 400, never 500', async () => {
    const malformed = await f.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { ...bearer(f.home.tokens.admin), 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(malformed.statusCode).toBe(400);
    const cron = await post('/api/v1/schedules/nightly', { cron: 'every night' }, 'PUT');
    expect(cron.statusCode).toBe(400);
    expect(cron.json().message).toContain('body.cron: must be a 5-field cron expression');
    for (const impossible of ['0 0 31 2 *', '60 24 32 13 8']) {
      const refused = await post('/api/v1/schedules/never', { cron: impossible }, 'PUT');
      expect(refused.statusCode).toBe(400);
      expect(refused.json().message).toContain('body.cron: must be a 5-field cron expression that can fire');
    }
    const tz = await post(
      '/api/v1/schedules/nightly',
      { cron: '0 3 * * *', timezone: 'Mars/Olympus' },
      'PUT',
    );
    expect(tz.statusCode).toBe(400);
    expect(tz.json().message).toContain('body.timezone');
    const role = await post('/api/v1/tokens', { name: 'x', role: 'root' });
    expect(role.statusCode).toBe(400);
    expect(role.json().message).toContain('body.role');
    const past = await post('/api/v1/tokens', {
      name: 'x',
      role: 'auditor',
      expiresAt: '2001-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(400);
    const missing = await post(`/api/v1/findings/${crypto.randomUUID()}/suppress`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('body.reason');
    const notFound = await post(`/api/v1/findings/${crypto.randomUUID()}/suppress`, { reason: 'accepted' });
    expect(notFound.statusCode).toBe(404);
  });

  it('answers health, readiness and metrics', async () => {
    expect((await f.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await f.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const metrics = await get('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain(
      'aispm_http_requests_total{method="GET",route="/api/v1/findings",status_code="400"}',
    );
    expect(metrics.body).toContain('aispm_findings');
  });
});
