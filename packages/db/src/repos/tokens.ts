import { createHash, randomBytes } from 'node:crypto';
import { sql as fragment, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Db, Sql } from '../client.ts';
import { countInt, type DB } from '../kysely.ts';
import type { ApiToken } from '../schema/generated/tables.ts';

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

/** Every column but the hash. */
const TOKEN_COLUMNS = [
  'id',
  'tenant_id',
  'name',
  'role',
  'prefix',
  'created_by',
  'created_at',
  'last_used_at',
  'expires_at',
  'revoked_at',
] as const;

function toInfo(r: Pick<Selectable<ApiToken>, (typeof TOKEN_COLUMNS)[number]>): ApiTokenInfo {
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

/** Tokens that can still be used: not revoked, not expired. */
function active<O>(q: SelectQueryBuilder<DB, 'api_tokens', O>): SelectQueryBuilder<DB, 'api_tokens', O> {
  return q
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', fragment<Date>`now()`)]));
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
  const row = await sql.kysely
    .insertInto('api_tokens')
    .values({
      tenant_id: input.tenantId,
      name: input.name,
      role: input.role,
      token_hash: hashToken(value),
      prefix: displayPrefix(value),
      created_by: input.createdBy ?? null,
      expires_at: input.expiresAt ?? null,
    })
    .returning(TOKEN_COLUMNS)
    .executeTakeFirst();
  if (!row) throw new Error('token insert returned no row');
  return { token: value, info: toInfo(row) };
}

export async function listTokens(
  sql: Sql,
  tenantId: string,
  options: { includeRevoked?: boolean } = {},
): Promise<ApiTokenInfo[]> {
  const rows = await sql.kysely
    .selectFrom('api_tokens')
    .select(TOKEN_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .$if(!options.includeRevoked, (q) => q.where('revoked_at', 'is', null))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toInfo);
}

export async function getApiToken(sql: Sql, tenantId: string, id: string): Promise<ApiTokenInfo | null> {
  const row = await sql.kysely
    .selectFrom('api_tokens')
    .select(TOKEN_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toInfo(row) : null;
}

/** Revokes a token of the tenant; false when the tenant has no such (unrevoked) token. */
export async function revokeToken(sql: Sql, tenantId: string, id: string): Promise<boolean> {
  const result = await sql.kysely
    .updateTable('api_tokens')
    .set({ revoked_at: fragment`now()` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The live (not revoked, not expired) token with this clear value, if any. */
export async function findActiveToken(sql: Sql, value: string): Promise<ApiTokenInfo | null> {
  const row = await sql.kysely
    .selectFrom('api_tokens')
    .select(TOKEN_COLUMNS)
    .where('token_hash', '=', hashToken(value))
    .$call(active)
    .executeTakeFirst();
  return row ? toInfo(row) : null;
}

export async function touchToken(sql: Sql, id: string): Promise<void> {
  await sql.kysely
    .updateTable('api_tokens')
    .set({ last_used_at: fragment`now()` })
    .where('id', '=', id)
    .execute();
}

export async function countActiveTokens(sql: Sql, tenantId: string, role?: ApiRole): Promise<number> {
  const row = await sql.kysely
    .selectFrom('api_tokens')
    .select(countInt().as('n'))
    .where('tenant_id', '=', tenantId)
    .$call(active)
    .$if(role !== undefined, (q) => q.where('role', '=', role as string))
    .executeTakeFirst();
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
  const existing = await db.kysely
    .selectFrom('api_tokens')
    .select(TOKEN_COLUMNS)
    .where('token_hash', '=', hashToken(input.value))
    .executeTakeFirst();
  if (existing) {
    if (existing.tenant_id !== input.tenantId) throw new Error('this token value belongs to another tenant');
    if (existing.revoked_at) throw new Error('this token value was revoked; choose a new one');
    if (existing.role !== input.role) {
      await db.kysely
        .updateTable('api_tokens')
        .set({ role: input.role })
        .where('id', '=', existing.id)
        .execute();
      existing.role = input.role;
    }
    return { created: false, info: toInfo(existing) };
  }
  const { info } = await createToken(db, { ...input, createdBy: 'bootstrap' });
  return { created: true, info };
}
