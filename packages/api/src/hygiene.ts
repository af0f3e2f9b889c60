/**
 * Input hygiene and abuse limits applied to every route at the edge, before any handler or query runs:
 * - control characters (NUL and the other C0 controls, DEL) in any query, path or body string are refused with a
 *   400 naming the field — Postgres rejects NUL in text and a database error must never reach the client as a 500;
 * - failed authentications are limited per client address, whatever token is sent, so random tokens cannot be
 *   used to bypass the per-token rate limit and cost a database lookup each;
 * - a database that cannot be reached answers 503 with Retry-After instead of 500.
 */
import { hasControlCharacter } from '@aispm/core';

const MAX_DEPTH = 32;
/** How long a token that authenticated stays exempt from its address's failed-authentication block. */
const KNOWN_GOOD_MS = 15 * 60_000;

/** The location of the first string holding a control character (`querystring.q`), or null. */
export function controlCharacterAt(
  value: unknown,
  location: string,
  allowLineBreaks = false,
  depth = 0,
): string | null {
  if (typeof value === 'string') return hasControlCharacter(value, { allowLineBreaks }) ? location : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const at = `${location}.${key}`;
    if (hasControlCharacter(key)) return at;
    const found = controlCharacterAt(item, at, allowLineBreaks, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Where a request carries a control character it may not, or null. */
export function requestControlCharacter(request: {
  query?: unknown;
  params?: unknown;
  body?: unknown;
}): string | null {
  return (
    controlCharacterAt(request.params, 'params') ??
    controlCharacterAt(request.query, 'querystring') ??
    // Tab, LF and CR are legitimate in free text bodies (a suppression reason); nowhere else.
    controlCharacterAt(request.body, 'body', true)
  );
}

/**
 * Counts failed authentications per client address in a fixed window. Memory is bounded: expired windows are
 * dropped, and past `maxClients` addresses the oldest entries go first.
 */
export class FailedAuthLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly maxClients = 50_000,
  ) {}

  /**
   * Tokens that authenticated recently (by hash), so a user whose address shares a blocked client (a NAT, a
   * proxy, the same laptop) keeps working: only unknown tokens are refused, and refused without a lookup.
   */
  private readonly knownGood = new Map<string, number>();

  rememberGood(tokenHash: string, now = Date.now()): void {
    if (this.knownGood.size >= this.maxClients) this.knownGood.clear();
    this.knownGood.set(tokenHash, now + KNOWN_GOOD_MS);
  }

  isKnownGood(tokenHash: string, now = Date.now()): boolean {
    return (this.knownGood.get(tokenHash) ?? 0) > now;
  }

  /** Seconds until the address may try again, or 0 when it is under the limit. */
  blockedFor(address: string, now = Date.now()): number {
    const w = this.windows.get(address);
    if (!w || w.resetAt <= now) return 0;
    return w.count >= this.max ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  recordFailure(address: string, now = Date.now()): void {
    const w = this.windows.get(address);
    if (w && w.resetAt > now) {
      w.count += 1;
      return;
    }
    if (this.windows.size >= this.maxClients) this.prune(now);
    this.windows.set(address, { count: 1, resetAt: now + this.windowMs });
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    while (this.windows.size >= this.maxClients) {
      const oldest = this.windows.keys().next().value;
      if (oldest === undefined) break;
      this.windows.delete(oldest);
    }
  }
}

// node-postgres / socket errors and server states meaning "the database is not there right now"; Prisma's codes for
// the same (P1001 can't reach, P1002 timed out, P1017 server closed the connection).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'P1001',
  'P1002',
  'P1017',
]);
const UNAVAILABLE_MESSAGE =
  /connection terminated|connection (is )?(closed|ended)|Client has encountered a connection error|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|ECONNREFUSED|timeout exceeded when trying to connect/i;

/** True when an error (or one it wraps) says the database cannot be reached: answer 503 and let clients retry. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (typeof current !== 'object') return false;
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    // AggregateError from a dual-stack connect: ECONNREFUSED on both ::1 and 127.0.0.1.
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = e.cause;
  }
  return false;
}
