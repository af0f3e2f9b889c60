import { createHash, randomBytes } from 'node:crypto';
import type { Db, Sql } from '../client.ts';

export const API_ROLES = ['admin', 'analyst', 'auditor', 'scanner'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export const TOKEN_PREFIX = 'aispm_';

export interface ApiTokenInfo {
  id: string;
  tenantId: string;
  name: string;
  role: ApiRole;
  /** The first characters of the clear token, so a human can tell tokens apart without the secret. */
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

interface TokenRow {
  id: string;
  tenant_id: string;
  name: string;
  role: string;
  prefix: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const TOKEN_COLUMNS =
  'id, tenant_id, name, role, prefix, created_by, created_at, last_used_at, expires_at, revoked_at';

function toInfo(r: TokenRow): ApiTokenInfo {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    role: r.role as ApiRole,
    prefix: r.prefix,
    createdBy: r.created_by,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

/** A new random token: `aispm_` + 32 random bytes, base64url. */
export function generateTokenValue(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Only this hash is stored: a database leak does not leak usable tokens. */
export function hashToken(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function displayPrefix(value: string): string {
  return value.slice(0, TOKEN_PREFIX.length + 6);
}

export function isApiRole(role: string): role is ApiRole {
  return (API_ROLES as readonly string[]).includes(role);
}

export interface CreateTokenInput {
  tenantId: string;
  name: string;
  role: ApiRole;
  createdBy?: string | null;
  expiresAt?: Date | null;
  /** A chosen clear value (the `AISPM_ADMIN_TOKEN` bootstrap); a random one otherwise. */
  value?: string;
}

/** Creates a token and returns its clear value: the only time it is ever available. */
export async function createToken(
  sql: Sql,
  input: CreateTokenInput,
): Promise<{ token: string; info: ApiTokenInfo }> {
  if (!isApiRole(input.role)) throw new Error(`unknown role: ${input.role}`);
  const value = input.value ?? generateTokenValue();
  if (value.length < 20) throw new Error('a token must be at least 20 characters long');
  const [row] = await sql.query<TokenRow>(
    `INSERT INTO api_tokens (tenant_id, name, role, token_hash, prefix, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${TOKEN_COLUMNS}`,
    [
      input.tenantId,
      input.name,
      input.role,
      hashToken(value),
      displayPrefix(value),
      input.createdBy ?? null,
      input.expiresAt ?? null,
    ],
  );
  if (!row) throw new Error('token insert returned no row');
  return { token: value, info: toInfo(row) };
}

export async function listTokens(
  sql: Sql,
  tenantId: string,
  options: { includeRevoked?: boolean } = {},
): Promise<ApiTokenInfo[]> {
  const rows = await sql.query<TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens
      WHERE tenant_id = $1 AND ($2::boolean OR revoked_at IS NULL)
      ORDER BY created_at, id`,
    [tenantId, options.includeRevoked ?? false],
  );
  return rows.map(toInfo);
}

export async function getApiToken(sql: Sql, tenantId: string, id: string): Promise<ApiTokenInfo | null> {
  const [row] = await sql.query<TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return row ? toInfo(row) : null;
}

/** Revokes a token of the tenant; false when the tenant has no such (unrevoked) token. */
export async function revokeToken(sql: Sql, tenantId: string, id: string): Promise<boolean> {
  const n = await sql.execute(
    'UPDATE api_tokens SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL',
    [tenantId, id],
  );
  return n > 0;
}

/** The live (not revoked, not expired) token with this clear value, if any. */
export async function findActiveToken(sql: Sql, value: string): Promise<ApiTokenInfo | null> {
  const [row] = await sql.query<TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens
      WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
    [hashToken(value)],
  );
  return row ? toInfo(row) : null;
}

export async function touchToken(sql: Sql, id: string): Promise<void> {
  await sql.execute('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [id]);
}

export async function countActiveTokens(sql: Sql, tenantId: string, role?: ApiRole): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM api_tokens
      WHERE tenant_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
        AND ($2::text IS NULL OR role = $2)`,
    [tenantId, role ?? null],
  );
  return row?.n ?? 0;
}

/**
 * Makes sure a token with exactly this clear value exists as an admin token of the tenant (the
 * `AISPM_ADMIN_TOKEN` bootstrap). A value already stored for another tenant or revoked is refused rather
 * than silently re-enabled.
 */
export async function ensureTokenValue(
  db: Db,
  input: { tenantId: string; name: string; role: ApiRole; value: string },
): Promise<{ created: boolean; info: ApiTokenInfo }> {
  const [existing] = await db.query<TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1`,
    [hashToken(input.value)],
  );
  if (existing) {
    if (existing.tenant_id !== input.tenantId) throw new Error('this token value belongs to another tenant');
    if (existing.revoked_at) throw new Error('this token value was revoked; choose a new one');
    if (existing.role !== input.role) {
      await db.execute('UPDATE api_tokens SET role = $2 WHERE id = $1', [existing.id, input.role]);
      existing.role = input.role;
    }
    return { created: false, info: toInfo(existing) };
  }
  const { info } = await createToken(db, { ...input, createdBy: 'bootstrap' });
  return { created: true, info };
}
