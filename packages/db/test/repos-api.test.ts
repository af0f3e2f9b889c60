import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countActiveTokens,
  createToken,
  ensureTenant,
  ensureTokenValue,
  findActiveToken,
  getApiToken,
  hashToken,
  listAudit,
  listTokens,
  queryFindings,
  recordAudit,
  revokeToken,
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
