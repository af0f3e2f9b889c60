import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../src/client.ts';
import {
  countActiveTokens,
  createToken,
  ensureTenant,
  ensureTokenValue,
  FINDING_SORTS,
  type FindingFilter,
  type FindingKey,
  findActiveToken,
  getApiToken,
  hashToken,
  listAudit,
  listTokens,
  queryFindings,
  recordAudit,
  revokeToken,
  SEARCH_ASSET_LIMIT,
} from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let t: TestDatabase;
let tenantId: string;
let otherId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  tenantId = (await ensureTenant(t.db, 'a')).id;
  otherId = (await ensureTenant(t.db, 'b')).id;
});
afterAll(async () => {
  await t?.drop();
});

describe('api tokens', () => {
  it('stores only a hash and a display prefix', async () => {
    const { token, info } = await createToken(t.db, { tenantId, name: 'ci', role: 'scanner' });
    expect(token).toMatch(/^aispm_[A-Za-z0-9_-]{43}$/);
    expect(info.prefix).toBe(token.slice(0, 12));
    const rows = await t.db.query<Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = $1', [
      info.id,
    ]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.token_hash).toBe(hashToken(token));
    expect((await findActiveToken(t.db, token))?.id).toBe(info.id);
    expect(await findActiveToken(t.db, `${token}x`)).toBeNull();
  });

  it('revokes within the tenant only, and ignores expired tokens', async () => {
    const { token, info } = await createToken(t.db, { tenantId, name: 'temp', role: 'auditor' });
    expect(await revokeToken(t.db, otherId, info.id)).toBe(false);
    expect(await revokeToken(t.db, tenantId, info.id)).toBe(true);
    expect(await revokeToken(t.db, tenantId, info.id)).toBe(false);
    expect(await findActiveToken(t.db, token)).toBeNull();
    expect((await getApiToken(t.db, tenantId, info.id))?.revokedAt).toBeInstanceOf(Date);
    expect((await listTokens(t.db, tenantId)).map((x) => x.id)).not.toContain(info.id);
    expect((await listTokens(t.db, tenantId, { includeRevoked: true })).map((x) => x.id)).toContain(info.id);
    const expired = await createToken(t.db, {
      tenantId,
      name: 'old',
      role: 'auditor',
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await findActiveToken(t.db, expired.token)).toBeNull();
    await expect(createToken(t.db, { tenantId, name: 'x', role: 'root' as never })).rejects.toThrow(
      /unknown role/,
    );
  });

  it('ensures a chosen value once, and refuses one owned by another tenant', async () => {
    const value = 'operator-chosen-token-value-123';
    const before = await countActiveTokens(t.db, tenantId, 'admin');
    expect((await ensureTokenValue(t.db, { tenantId, name: 'env', role: 'admin', value })).created).toBe(
      true,
    );
    expect((await ensureTokenValue(t.db, { tenantId, name: 'env', role: 'admin', value })).created).toBe(
      false,
    );
    expect(await countActiveTokens(t.db, tenantId, 'admin')).toBe(before + 1);
    await expect(
      ensureTokenValue(t.db, { tenantId: otherId, name: 'env', role: 'admin', value }),
    ).rejects.toThrow(/another tenant/);
  });
});

describe('audit log', () => {
  it('pages newest first per tenant', async () => {
    for (let i = 0; i < 5; i++)
      await recordAudit(t.db, { tenantId, actor: 'me', action: `act-${i}`, details: { i } });
    await recordAudit(t.db, { tenantId: otherId, actor: 'them', action: 'act-x' });
    const first = await listAudit(t.db, tenantId, { limit: 3 });
    expect(first.map((e) => e.action)).toEqual(['act-4', 'act-3', 'act-2']);
    const next = await listAudit(t.db, tenantId, { limit: 3, before: first[2]?.id ?? 0 });
    expect(next.map((e) => e.action)).toEqual(['act-1', 'act-0']);
    expect((await listAudit(t.db, tenantId, { limit: 10, action: 'act-3' }))[0]?.details).toEqual({ i: 3 });
  });
});

describe('findings read model', () => {
  it('refuses a cursor of another sort order', async () => {
    await expect(
      queryFindings(t.db, tenantId, {
        sort: 'lastSeen',
        limit: 5,
        after: { sort: 'risk', risk: 1, id: '00000000-0000-4000-8000-000000000000' },
      }),
    ).rejects.toThrow(/another sort/);
  });
});

describe('findings list pages', () => {
  /** Every page of a list, walked along its keyset cursor. */
  async function walk(sql: Sql, tenant: string, query: Omit<Parameters<typeof queryFindings>[2], 'after'>) {
    const ids: string[] = [];
    let after: FindingKey | undefined;
    for (let pages = 0; pages < 1_000; pages++) {
      const page = await queryFindings(sql, tenant, { ...query, ...(after ? { after } : {}) });
      ids.push(...page.items.map((f) => f.id));
      if (!page.nextKey) return ids;
      after = page.nextKey;
    }
    throw new Error('the cursor never ran out');
  }

  /**
   * 400 findings over five last-seen times (many ties), four statuses, five severities and 17 risk scores, and a
   * finished evaluation at the fourth time: some rows were written after it, and some settled rows share its time
   * exactly, which is where the lastSeen order's two ranges meet.
   */
  async function seedTenant(name: string) {
    const tenant = (await ensureTenant(t.db, name)).id;
    const base = Date.parse('2026-12-01T10:00:00.000Z');
    await t.db.execute(
      `INSERT INTO findings (tenant_id, fingerprint, rule_id, asset_id, provider, account_id, region, severity, risk_score,
                             title, status, controls, evidence, last_seen_at)
       SELECT $1, 'fp-' || i, 'rule-' || (i % 4), 'asset-' || (i % 9), 'aws', '111111111111', 'us-east-1',
              (ARRAY['critical','high','medium','low','info'])[i % 5 + 1], (i % 17)::numeric / 2, 'Finding ' || i,
              (ARRAY['open','resolved','suppressed','reopened','resolved','open'])[i % 6 + 1],
              ARRAY['LLM03:2025'], '{}'::jsonb, $2::timestamptz + ((i % 5) || ' seconds')::interval
         FROM generate_series(1, 400) AS i`,
      [tenant, new Date(base)],
    );
    await t.db.execute(
      `INSERT INTO evaluations (tenant_id, started_at, finished_at) VALUES ($1, $2::timestamptz, $3::timestamptz)`,
      [tenant, new Date(base), new Date(base + 3_000)],
    );
    await t.db.execute('ANALYZE findings');
    return tenant;
  }

  /** The orders by their definition, sorted by Postgres over every row: what the index ranges must reproduce. */
  const REFERENCE = {
    risk: 'ORDER BY risk_score DESC, id',
    severity: 'ORDER BY severity_rank DESC, risk_score DESC, id',
    lastSeen: `ORDER BY (CASE WHEN status IN ('open', 'reopened', 'suppressed')
                 THEN GREATEST(last_seen_at, (SELECT max(finished_at) FROM evaluations e WHERE e.tenant_id = f.tenant_id))
                 ELSE last_seen_at END) DESC, last_seen_at DESC, id`,
  } as const;

  it("searches titles and rule ids through the tenant's (rule, title) pairs, exactly, as titles change", async () => {
    const tenant = await seedTenant('search');
    const other = await seedTenant('search-other');
    // The reference: the same search by its definition, over every row.
    const reference = async (tenantOf: string, q: string) =>
      (
        await t.db.query<{ id: string }>(
          `SELECT id FROM findings WHERE tenant_id = $1 AND (title ILIKE $2 OR rule_id ILIKE $2)
            ORDER BY risk_score DESC, id`,
          [tenantOf, `%${q}%`],
        )
      ).map((r) => r.id);
    const search = (tenantOf: string, q: string) => walk(t.db, tenantOf, { sort: 'risk', limit: 50, q });
    // The seed's INSERT recorded its pairs (400 titles over four rules).
    const pairs = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM finding_titles WHERE tenant_id = $1',
      [tenant],
    );
    expect(pairs[0]?.n).toBe(400);
    for (const q of ['Finding 1', 'finding 37', 'RULE-2', 'no such text'])
      expect(await search(tenant, q), q).toEqual(await reference(tenant, q));
    expect((await search(tenant, 'Finding 1')).length).toBeGreaterThan(100);

    // A rule's title changes on some of its findings: the new title is found, the old one only where it remains.
    await t.db.execute(
      `UPDATE findings SET title = 'Model endpoint is public' WHERE tenant_id = $1 AND rule_id = 'rule-1' AND risk_score > 4`,
      [tenant],
    );
    for (const q of ['endpoint is PUBLIC', 'Finding 1', 'Finding 5'])
      expect(await search(tenant, q), q).toEqual(await reference(tenant, q));
    expect((await search(tenant, 'endpoint is public')).length).toBeGreaterThan(0);
    // Another tenant's titles are its own.
    expect(await search(other, 'endpoint is public')).toEqual([]);

    // Assets by name and id: a few (sent to the page's statement as a list), and more than SEARCH_ASSET_LIMIT (read
    // there as a subquery instead), each in every order.
    await t.db.execute(
      `INSERT INTO assets (tenant_id, id, kind, provider, account_id, region, name, native_type, source, content_hash)
       SELECT $1, 'asset-' || i, 'data-store', 'aws', '111111111111', 'us-east-1', 'bulk-' || i, 'AWS::S3::Bucket',
              's3@us-east-1', md5(i::text)
         FROM generate_series(0, $2::int) AS i`,
      [tenant, SEARCH_ASSET_LIMIT + 10],
    );
    const withAssets = async (q: string) =>
      (
        await t.db.query<{ id: string }>(
          `SELECT f.id FROM findings f LEFT JOIN assets a ON a.tenant_id = f.tenant_id AND a.id = f.asset_id
            WHERE f.tenant_id = $1 AND (f.title ILIKE $2 OR f.rule_id ILIKE $2 OR a.name ILIKE $2 OR a.id ILIKE $2)
            ORDER BY f.risk_score DESC, f.id`,
          [tenant, `%${q}%`],
        )
      ).map((r) => r.id);
    // '-1' matches rule-1's id and the assets -1, -10…: findings of both, some by their rule and their asset at once.
    for (const q of ['BULK-7', 'asset-3', 'bulk-', 'asset-', 'Finding 2', '-1']) {
      const expected = await withAssets(q);
      expect(await search(tenant, q), q).toEqual(expected);
      for (const sort of ['severity', 'lastSeen'] as const)
        expect((await walk(t.db, tenant, { sort, limit: 50, q })).sort(), `${q} by ${sort}`).toEqual(
          [...expected].sort(),
        );
    }
    expect((await withAssets('bulk-')).length).toBeGreaterThan(0);
  });

  it('walks every order exactly, plain and filtered, across cursors that land on ties', async () => {
    const tenant = await seedTenant('pages');
    for (const sort of FINDING_SORTS) {
      const cases: [FindingFilter, string][] = [
        [{}, ''],
        [{ severity: ['critical', 'low'] }, `AND severity IN ('critical', 'low')`],
        // Lists narrowed to a few rules read one index range per rule in the risk order; more rules than
        // RULE_RANGES (the nine below) are read as one sorted list.
        [{ ruleId: ['rule-1', 'rule-1'] }, `AND rule_id = 'rule-1'`],
        [
          { ruleId: ['rule-0', 'rule-3'], status: ['open', 'reopened'] },
          `AND rule_id IN ('rule-0', 'rule-3') AND status IN ('open', 'reopened')`,
        ],
        [{ frameworkRules: ['rule-2', 'rule-3', 'rule-9'], ruleId: ['rule-3'] }, `AND rule_id = 'rule-3'`],
        [{ frameworkRules: ['rule-2', 'no-such-rule'] }, `AND rule_id = 'rule-2'`],
        [{ frameworkRules: Array.from({ length: 9 }, (_, i) => `rule-${i}`) }, ''],
      ];
      for (const [filter, where] of cases) {
        const expected = await t.db.query<{ id: string }>(
          `SELECT id FROM findings f WHERE tenant_id = $1 ${where} ${REFERENCE[sort]}`,
          [tenant],
        );
        for (const limit of [7, 50]) {
          const walked = await walk(t.db, tenant, { sort, limit, ...filter });
          expect(walked, `${sort} ${JSON.stringify(filter)} by ${limit}`).toEqual(expected.map((r) => r.id));
        }
      }
    }
  });

  it('prepares only the plain lists, once per connection', async () => {
    const tenant = await seedTenant('prepared');
    await t.db.session(async (s) => {
      // The connection comes from the pool and may hold statements other tests prepared: count what each walk adds.
      const runs = async () =>
        new Map(
          (
            await s.query<{ statement: string; runs: number }>(
              'SELECT statement, (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements',
            )
          ).map((p) => [p.statement, p.runs]),
        );
      const added = (before: Map<string, number>, after: Map<string, number>) =>
        [...after].map(([text, n]) => n - (before.get(text) ?? 0)).filter((n) => n > 0);
      const start = await runs();
      await walk(s, tenant, { sort: 'risk', limit: 99 });
      const plain = await runs();
      // The first page and the four pages after a cursor: two statements, run once and four times. PGlite (one
      // embedded connection, no statement cache to name into) runs them as plain queries.
      expect(added(start, plain).sort((a, b) => a - b)).toEqual(t.backend === 'postgres' ? [1, 4] : []);
      await walk(s, tenant, { sort: 'risk', limit: 99, severity: ['critical'] });
      await walk(s, tenant, { sort: 'risk', limit: 99, q: 'Finding 1' });
      expect(added(plain, await runs())).toEqual([]);
    });
  });
});
