import { type Db, hashToken, type Sql, withStatementTimeout } from '@aispm/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from './auth.ts';
import { errorBody } from './errors.ts';

/**
 * Text search is the one read a caller can make expensive at will (a pattern that matches nothing reads every
 * candidate). It gets its own, lower rate limit per token (inside the API's general one) and a statement timeout,
 * so one analyst token looping on searches can neither starve the others nor hold connections for minutes.
 */
export const SEARCH_RATE_LIMIT = { max: 120, timeWindowMs: 60_000 } as const;
export const SEARCH_STATEMENT_TIMEOUT_MS = 5_000;

export interface SearchLimitOptions {
  /** Searches per window per token (per address without one); false: only the general limit applies. */
  rateLimit?: { max: number; timeWindowMs?: number } | false;
  /** A search statement running longer is cancelled and answered 503. */
  statementTimeoutMs?: number;
}

export interface SearchLimits {
  /** preHandler of the routes that search: counts only requests that carry `q`. */
  guard(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  /** Runs a read with the search statement timeout when the request searches, plainly otherwise. */
  read<T>(db: Db, q: string | undefined, fn: (sql: Sql) => Promise<T>): Promise<T>;
  statementTimeoutMs: number;
}

/** The rate-limit key: the token's hash (so the key is no secret), the client address without one. */
export function rateLimitKey(request: FastifyRequest): string {
  const value = bearerToken(request);
  return value ? `t:${hashToken(value)}` : `ip:${request.ip}`;
}

export function searchLimits(app: FastifyInstance, options: SearchLimitOptions): SearchLimits {
  const statementTimeoutMs = options.statementTimeoutMs ?? SEARCH_STATEMENT_TIMEOUT_MS;
  const limit = options.rateLimit ?? SEARCH_RATE_LIMIT;
  // The general limiter's decorators exist only when it is registered (tests may turn it off). createRateLimit, not
  // rateLimit: the latter's handler skips a request the general limiter has already counted.
  const windowS = limit ? Math.round((limit.timeWindowMs ?? 60_000) / 1000) : 0;
  const check =
    limit && app.hasDecorator('createRateLimit')
      ? app.createRateLimit({
          max: limit.max,
          timeWindow: limit.timeWindowMs ?? 60_000,
          keyGenerator: (request) => `search:${rateLimitKey(request)}`,
        })
      : null;
  return {
    statementTimeoutMs,
    async guard(request, reply) {
      const q = (request.query as { q?: unknown } | undefined)?.q;
      if (!check || typeof q !== 'string' || q.length === 0) return;
      const result = await check(request);
      if (result.isAllowed || !result.isExceeded) return;
      reply
        .code(429)
        .header('retry-after', String(result.ttlInSeconds))
        .send(errorBody(429, `search rate limit of ${result.max} searches per ${windowS} s exceeded`));
      return reply;
    },
    read(db, q, fn) {
      return q ? withStatementTimeout(db, statementTimeoutMs, fn) : fn(db);
    },
  };
}
