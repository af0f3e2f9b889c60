import { type ApiRole, createToken, setGovernanceAnswer } from '@aispm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiFixture,
  apiFixture,
  awsAsset,
  bearer,
  edge,
  ROLES,
  seedFindings,
  seedGraph,
} from './helpers.ts';

/**
 * The authorization matrix, written out independently of the route configs: who may call what. Every
 * route the app registers must appear here, so a new route cannot ship without being classified.
 */
const PUBLIC = 'public' as const;
const A: ApiRole[] = ['admin'];
const READ: ApiRole[] = ['admin', 'analyst', 'auditor'];
const SCAN_READ: ApiRole[] = ['admin', 'analyst', 'auditor', 'scanner'];
const SCAN_START: ApiRole[] = ['admin', 'analyst', 'scanner'];
const TRIAGE: ApiRole[] = ['admin', 'analyst'];
const AUDIT: ApiRole[] = ['admin', 'auditor'];

const MATRIX: Record<string, typeof PUBLIC | ApiRole[]> = {
  'GET /api/docs': PUBLIC,
  'GET /api/docs/static/index.html': PUBLIC,
  'GET /api/docs/static/swagger-initializer.js': PUBLIC,
  'GET /api/docs/json': PUBLIC,
  'GET /api/docs/yaml': PUBLIC,
  'HEAD /api/docs/static/*': PUBLIC,
  'GET /api/docs/static/*': PUBLIC,
  'GET /healthz': PUBLIC,
  'GET /readyz': PUBLIC,
  'GET /metrics': AUDIT,
  'GET /api/v1/me': SCAN_READ,
  'GET /api/v1/accounts': READ,
  'GET /api/v1/accounts/:id': READ,
  'POST /api/v1/accounts': A,
  'PATCH /api/v1/accounts/:id': A,
  'POST /api/v1/scans': SCAN_START,
  'GET /api/v1/scans': SCAN_READ,
  'GET /api/v1/scans/:id': SCAN_READ,
  'POST /api/v1/scans/:id/cancel': SCAN_START,
  'GET /api/v1/schedules': SCAN_READ,
  'GET /api/v1/schedules/:name': SCAN_READ,
  'PUT /api/v1/schedules/:name': A,
  'DELETE /api/v1/schedules/:name': A,
  'GET /api/v1/assets': READ,
  'GET /api/v1/assets/:id': READ,
  'GET /api/v1/inventory/summary': READ,
  'GET /api/v1/findings': READ,
  'GET /api/v1/findings/:id': READ,
  'POST /api/v1/findings/:id/suppress': TRIAGE,
  'POST /api/v1/findings/:id/unsuppress': TRIAGE,
  'GET /api/v1/attack-paths': READ,
  'GET /api/v1/attack-paths/choke-points': READ,
  'GET /api/v1/attack-paths/:id': READ,
  'GET /api/v1/frameworks': READ,
  'GET /api/v1/frameworks/:id': READ,
  'GET /api/v1/rules': READ,
  'GET /api/v1/evaluations': READ,
  'GET /api/v1/evaluations/latest': READ,
  'POST /api/v1/evaluations': TRIAGE,
  'GET /api/v1/self-assessment': READ,
  'GET /api/v1/scans/:id/changes': READ,
  'GET /api/v1/assets/:id/history': READ,
  'GET /api/v1/maturity': READ,
  'PUT /api/v1/governance/answers/:id': TRIAGE,
  'DELETE /api/v1/governance/answers/:id': TRIAGE,
  'GET /api/v1/ai-usage-policy': READ,
  'PUT /api/v1/ai-usage-policy': A,
  'GET /api/v1/tokens': A,
  'POST /api/v1/tokens': A,
  'DELETE /api/v1/tokens/:id': A,
  'GET /api/v1/audit-log': AUDIT,
  'GET /api/v1/exports/findings.csv': AUDIT,
  'GET /api/v1/exports/findings.json': AUDIT,
  'GET /api/v1/exports/compliance.csv': AUDIT,
  'GET /api/v1/exports/compliance.json': AUDIT,
  'GET /api/v1/exports/findings.sarif': AUDIT,
  'GET /api/v1/exports/findings.ocsf.jsonl': AUDIT,
  'GET /api/v1/exports/aibom.cdx.json': AUDIT,
  'GET /api/v1/exports/assessment-results.oscal.json': AUDIT,
  'GET /api/v1/exports/oscal-catalogs/:framework': AUDIT,
};

const RULES = {
  rule: (id: string) => (id === 'supply-chain-rule' ? { id, title: 'Home rule' } : undefined),
  frameworks: () => [
    {
      id: 'owasp-llm',
      title: 'OWASP LLM Top 10',
      controls: [{ id: 'LLM03:2025', title: 'Supply chain', rules: ['supply-chain-rule'] }],
    },
  ],
};

let f: ApiFixture;
/** Ids of the home tenant's objects: none may ever appear in an answer to the foreign tenant. */
const home = {
  accountId: '',
  scanId: '',
  findingId: '',
  pathId: '',
  evaluationId: '',
  assetId: '',
  schedule: 'homeonly-nightly',
  victimTokenId: '',
};

async function freshVictimToken(): Promise<string> {
  const { info } = await createToken(f.db, { tenantId: f.home.id, name: 'homeonly-victim', role: 'auditor' });
  home.victimTokenId = info.id;
  return info.id;
}

async function ensureSchedule(): Promise<void> {
  await f.db.execute(
    `INSERT INTO schedules (tenant_id, name, cron) VALUES ($1, $2, '0 3 * * *') ON CONFLICT (tenant_id, name) DO NOTHING`,
    [f.home.id, home.schedule],
  );
}

async function ensureAnswer(): Promise<void> {
  await setGovernanceAnswer(f.db, f.home.id, {
    questionId: 'q4',
    answer: 'yes',
    note: null,
    answeredBy: 'authz-test',
  });
}

beforeAll(async () => {
  f = await apiFixture({ rules: RULES });
  const bucket = awsAsset('111111111111', 'data-store', 'homeonly-bucket');
  const model = awsAsset('111111111111', 'model', 'homeonly-model');
  await seedGraph(f.db, f.home.id, {
    assets: [bucket, model],
    edges: [edge('trained-on', model.id, bucket.id)],
  });
  home.assetId = bucket.id;
  const [findingId] = await seedFindings(f.db, f.home.id, [
    {
      ruleId: 'supply-chain-rule',
      assetId: bucket.id,
      severity: 'high',
      riskScore: 8,
      controls: ['LLM03:2025'],
    },
  ]);
  home.findingId = findingId ?? '';
  const [account] = await f.db.query<{ id: string }>(
    `INSERT INTO cloud_accounts (tenant_id, provider, external_id, name) VALUES ($1, 'aws', '111111111111', 'homeonly') RETURNING id`,
    [f.home.id],
  );
  home.accountId = account?.id ?? '';
  const [scan] = await f.db.query<{ id: string }>(
    `INSERT INTO scans (tenant_id, trigger, status) VALUES ($1, 'homeonly', 'running') RETURNING id`,
    [f.home.id],
  );
  home.scanId = scan?.id ?? '';
  const [path] = await f.db.query<{ id: string }>(
    `INSERT INTO attack_paths (tenant_id, fingerprint, entry_id, target_id, hops, length, likelihood, impact, score)
     VALUES ($1, 'fp-home', 'aispm:internet', $2, $3, 1, 0.5, 8, 4) RETURNING id`,
    [
      f.home.id,
      bucket.id,
      JSON.stringify([{ assetId: 'aispm:internet', kind: 'internet', name: 'internet', via: null }]),
    ],
  );
  home.pathId = path?.id ?? '';
  const [evaluation] = await f.db.query<{ id: string }>(
    `INSERT INTO evaluations (tenant_id, summary, finished_at) VALUES ($1, $2, now()) RETURNING id`,
    [f.home.id, JSON.stringify({ chokePoints: [{ assetId: bucket.id, cuts: 1, paths: ['fp-home'] }] })],
  );
  home.evaluationId = evaluation?.id ?? '';
  await ensureSchedule();
  await freshVictimToken();
});

afterAll(async () => {
  await f?.close();
});

interface Call {
  url: string;
  payload?: unknown;
  /** Runs before each call that may consume the target (deletes). */
  prepare?: () => Promise<void>;
  /** Does the URL name a home-tenant object, so the foreign tenant must get 404? */
  namesObject: boolean;
}

function callFor(method: string, url: string): Call {
  const enc = encodeURIComponent;
  const key = `${method} ${url}`;
  switch (key) {
    case 'GET /api/v1/accounts/:id':
    case 'PATCH /api/v1/accounts/:id':
      return {
        url: `/api/v1/accounts/${home.accountId}`,
        ...(method === 'PATCH' ? { payload: { name: 'renamed' } } : {}),
        namesObject: true,
      };
    case 'POST /api/v1/accounts':
      return {
        url,
        payload: { provider: 'aws', externalId: '222222222222', name: 'new' },
        namesObject: false,
      };
    case 'POST /api/v1/scans':
      return { url, payload: { scope: { provider: 'aws' } }, namesObject: false };
    case 'GET /api/v1/scans/:id':
      return { url: `/api/v1/scans/${home.scanId}`, namesObject: true };
    case 'POST /api/v1/scans/:id/cancel':
      return { url: `/api/v1/scans/${home.scanId}/cancel`, namesObject: true };
    case 'GET /api/v1/schedules/:name':
      return { url: `/api/v1/schedules/${home.schedule}`, namesObject: true };
    case 'PUT /api/v1/schedules/:name':
      // An upsert by name: each tenant writes its own (a same-name write is checked in its own test).
      return { url: '/api/v1/schedules/weekly', payload: { cron: '0 4 * * 1' }, namesObject: false };
    case 'DELETE /api/v1/schedules/:name':
      return { url: `/api/v1/schedules/${home.schedule}`, prepare: ensureSchedule, namesObject: true };
    case 'GET /api/v1/assets/:id':
      return { url: `/api/v1/assets/${enc(home.assetId)}`, namesObject: true };
    case 'GET /api/v1/findings/:id':
      return { url: `/api/v1/findings/${home.findingId}`, namesObject: true };
    case 'POST /api/v1/findings/:id/suppress':
      return {
        url: `/api/v1/findings/${home.findingId}/suppress`,
        payload: { reason: 'accepted risk' },
        namesObject: true,
      };
    case 'POST /api/v1/findings/:id/unsuppress':
      return { url: `/api/v1/findings/${home.findingId}/unsuppress`, payload: {}, namesObject: true };
    case 'GET /api/v1/attack-paths/:id':
      return { url: `/api/v1/attack-paths/${home.pathId}`, namesObject: true };
    case 'GET /api/v1/frameworks/:id':
      return { url: '/api/v1/frameworks/owasp-llm', namesObject: false };
    case 'GET /api/v1/exports/assessment-results.oscal.json':
      return { url: `${url}?framework=owasp-llm`, namesObject: false };
    case 'GET /api/v1/exports/oscal-catalogs/:framework':
      return { url: '/api/v1/exports/oscal-catalogs/owasp-llm', namesObject: false };
    case 'GET /api/v1/evaluations/latest':
      // The foreign tenant has never been evaluated: it must not be answered with the home evaluation.
      return { url, namesObject: true };
    case 'GET /api/v1/scans/:id/changes':
      return { url: `/api/v1/scans/${home.scanId}/changes`, namesObject: true };
    case 'GET /api/v1/assets/:id/history':
      // A history is read by asset id: the foreign tenant's answer is its own (empty) history, never the home one.
      return { url: `/api/v1/assets/${enc(home.assetId)}/history`, namesObject: false };
    case 'PUT /api/v1/governance/answers/:id':
      // An upsert per tenant: each tenant answers for itself.
      return { url: '/api/v1/governance/answers/q10', payload: { answer: 'partly' }, namesObject: false };
    case 'DELETE /api/v1/governance/answers/:id':
      return { url: '/api/v1/governance/answers/q4', prepare: ensureAnswer, namesObject: true };
    case 'PUT /api/v1/ai-usage-policy':
      // A new version per tenant: each tenant sets its own policy.
      return { url, payload: { approvedRegions: ['eu-*'] }, namesObject: false };
    case 'POST /api/v1/tokens':
      return { url, payload: { name: 'made-by-test', role: 'scanner' }, namesObject: false };
    case 'DELETE /api/v1/tokens/:id':
      return {
        url: '/api/v1/tokens/:victim',
        prepare: async () => {
          await freshVictimToken();
        },
        namesObject: true,
      };
    case 'GET /api/docs/static/*':
    case 'HEAD /api/docs/static/*':
      return { url: '/api/docs/static/swagger-ui.css', namesObject: false };
    default:
      if (url.includes(':') || url.includes('*'))
        throw new Error(`no concrete call for ${key}: add one to callFor`);
      return { url, namesObject: false };
  }
}

async function send(method: string, call: Call, headers: Record<string, string> = {}) {
  const url = call.url.replace(':victim', home.victimTokenId);
  return f.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(call.payload !== undefined ? { payload: call.payload as object } : {}),
  });
}

function homeIds(): string[] {
  return [
    home.accountId,
    home.scanId,
    home.findingId,
    home.pathId,
    home.evaluationId,
    home.assetId,
    home.schedule,
    home.victimTokenId,
    'homeonly',
  ];
}

describe('authorization matrix', () => {
  it('classifies every registered route, and only those', () => {
    const registered = f.app.routeCatalog.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered).toEqual(Object.keys(MATRIX).sort());
    for (const r of f.app.routeCatalog)
      expect(r.access, `${r.method} ${r.url}`).toEqual(MATRIX[`${r.method} ${r.url}`]);
  });

  it('enforces tokens, roles and tenant isolation on every route', async () => {
    const checked: string[] = [];
    for (const route of f.app.routeCatalog) {
      const key = `${route.method} ${route.url}`;
      const allowed = MATRIX[key];
      if (!allowed) throw new Error(`${key} is not in the matrix`);
      const call = callFor(route.method, route.url);
      if (allowed === PUBLIC) {
        const res = await send(route.method, call);
        expect(res.statusCode, key).toBeLessThan(400);
        continue;
      }
      expect((await send(route.method, call)).statusCode, `${key} without token`).toBe(401);
      expect(
        (await send(route.method, call, bearer('aispm_not-a-real-token-at-all'))).statusCode,
        `${key} bad token`,
      ).toBe(401);
      expect(
        (await send(route.method, call, { authorization: 'Basic Zm9vOmJhcg==' })).statusCode,
        `${key} basic`,
      ).toBe(401);

      // The foreign tenant, with its most powerful token: it must not see or touch home objects.
      await call.prepare?.();
      const foreign = await send(route.method, call, bearer(f.foreign.tokens.admin));
      if (call.namesObject) expect(foreign.statusCode, `${key} foreign`).toBe(404);
      else expect(foreign.statusCode, `${key} foreign`).toBeLessThan(400);
      for (const id of homeIds())
        expect(foreign.body.includes(id), `${key} leaks ${id} to the foreign tenant`).toBe(false);

      for (const role of ROLES) {
        await call.prepare?.();
        const res = await send(route.method, call, bearer(f.home.tokens[role]));
        if (allowed.includes(role)) {
          expect([401, 403], `${key} as ${role}: ${res.body}`).not.toContain(res.statusCode);
          expect(res.statusCode, `${key} as ${role}: ${res.body}`).toBeLessThan(500);
        } else {
          expect(res.statusCode, `${key} as ${role}`).toBe(403);
        }
      }
      checked.push(key);
    }
    expect(checked.length).toBeGreaterThan(30);
  });

  it('keeps the home schedule when the foreign tenant writes one of the same name', async () => {
    await ensureSchedule();
    const res = await f.app.inject({
      method: 'PUT',
      url: `/api/v1/schedules/${home.schedule}`,
      headers: bearer(f.foreign.tokens.admin),
      payload: { cron: '15 1 * * *' },
    });
    expect(res.statusCode).toBe(200);
    const [row] = await f.db.query<{ cron: string }>(
      'SELECT cron FROM schedules WHERE tenant_id = $1 AND name = $2',
      [f.home.id, home.schedule],
    );
    expect(row?.cron).not.toBe('15 1 * * *');
  });

  it('stops accepting a revoked token at once', async () => {
    const { token, info } = await createToken(f.db, {
      tenantId: f.home.id,
      name: 'short-lived',
      role: 'auditor',
    });
    expect((await f.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
    const revoke = await f.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${info.id}`,
      headers: bearer(f.home.tokens.admin),
    });
    expect(revoke.statusCode).toBe(200);
    expect((await f.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('writes an audit row, without secrets, for every change', async () => {
    const before = await f.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1',
      [f.home.id],
    );
    const created = await f.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: bearer(f.home.tokens.admin),
      payload: { name: 'ci', role: 'scanner' },
    });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    expect(token).toMatch(/^aispm_[A-Za-z0-9_-]{43}$/);
    const rows = await f.db.query<{ actor: string; action: string; details: unknown; n: number }>(
      `SELECT actor, action, details FROM audit_log WHERE tenant_id = $1 ORDER BY id DESC LIMIT 1`,
      [f.home.id],
    );
    expect(rows[0]?.action).toBe('token.create');
    expect(rows[0]?.actor).toContain('home-admin');
    const all = await f.db.query<{ details: unknown }>('SELECT details FROM audit_log');
    expect(JSON.stringify(all)).not.toContain(token);
    const after = await f.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1',
      [f.home.id],
    );
    expect(after[0]?.n).toBe((before[0]?.n ?? 0) + 1);
    // Stored only as a hash.
    const stored = await f.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(JSON.stringify(stored)).not.toContain(token);
  });
});
