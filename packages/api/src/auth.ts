import type { AispmConfig } from '@aispm/core';
import {
  type ApiRole,
  type ApiTokenInfo,
  countActiveTokens,
  createToken,
  type Db,
  ensureTenant,
  ensureTokenValue,
  findActiveToken,
  hashToken,
  touchToken,
} from '@aispm/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpErrors } from './errors.ts';

export interface Principal {
  tokenId: string;
  tokenName: string;
  tenantId: string;
  role: ApiRole;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The audit-log actor for a principal: readable, and unambiguous after a rename. */
export function actorOf(p: Principal): string {
  return `token:${p.tokenName} (${p.tokenId})`;
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw httpErrors.unauthorized('authentication required');
  return request.principal;
}

const CACHE_TTL_MS = 5_000;
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves bearer tokens. Lookups are cached for a few seconds so a busy dashboard does not hit the
 * database per request; revocations through this API drop the cache at once, revocations by another
 * process take effect within CACHE_TTL_MS.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, { token: ApiTokenInfo | null; until: number }>();
  private readonly touched = new Map<string, number>();

  constructor(private readonly db: Db) {}

  async verify(value: string): Promise<ApiTokenInfo | null> {
    const key = hashToken(value);
    const now = Date.now();
    const hit = this.cache.get(key);
    let token: ApiTokenInfo | null;
    if (hit && hit.until > now) {
      token = hit.token;
    } else {
      token = await findActiveToken(this.db, value);
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, { token, until: now + CACHE_TTL_MS });
    }
    if (token?.expiresAt && token.expiresAt.getTime() <= now) return null;
    if (token && (this.touched.get(token.id) ?? 0) + TOUCH_INTERVAL_MS < now) {
      this.touched.set(token.id, now);
      touchToken(this.db, token.id).catch(() => {});
    }
    return token;
  }

  invalidate(): void {
    this.cache.clear();
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  return BEARER.exec(header)?.[1] ?? null;
}

export function deny(reply: FastifyReply, status: 401 | 403, message: string) {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="aispm"');
  return reply
    .code(status)
    .send({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message });
}

/**
 * First start: with `AISPM_ADMIN_TOKEN` set, that value becomes (or stays) an admin token of the default
 * tenant; otherwise, when the tenant has no live token at all, a new admin token is generated and returned
 * (its only appearance: the CLI prints it once).
 */
export async function bootstrapAdminToken(
  db: Db,
  config: Pick<AispmConfig, 'AISPM_ADMIN_TOKEN'>,
): Promise<{ tenantId: string; token: string | null; source: 'env' | 'generated' | 'existing' }> {
  const tenant = await ensureTenant(db);
  const fromEnv = config.AISPM_ADMIN_TOKEN?.trim();
  if (fromEnv) {
    await ensureTokenValue(db, {
      tenantId: tenant.id,
      name: 'admin (AISPM_ADMIN_TOKEN)',
      role: 'admin',
      value: fromEnv,
    });
    return { tenantId: tenant.id, token: null, source: 'env' };
  }
  if ((await countActiveTokens(db, tenant.id)) > 0)
    return { tenantId: tenant.id, token: null, source: 'existing' };
  const { token } = await createToken(db, {
    tenantId: tenant.id,
    name: 'bootstrap admin',
    role: 'admin',
    createdBy: 'bootstrap',
  });
  return { tenantId: tenant.id, token, source: 'generated' };
}
