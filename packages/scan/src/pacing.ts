/**
 * The pacer every worker of a BullMQ scan shares: each bucket of the documented limits lives in Redis, and one
 * script makes a reservation on it (the same rule as the in-process pacer), so however many worker processes
 * scan an account, together they spend its budget once. The clock is Redis's own, so workers on different hosts
 * agree on it.
 */
import {
  type CallPacer,
  LimitTable,
  MIN_RATE_FACTOR,
  type PacedCloud,
  RECOVERY_STEP,
  THROTTLE_SLOWDOWN,
  waitForSlot,
} from '@aispm/connectors/pacing';
import type { Redis } from 'ioredis';

/**
 * KEYS[1] the bucket; ARGV rate/s, burst, event ('take' | 'throttle'), TTL ms, recovery step, slowdown, min factor.
 * Returns the milliseconds the caller waits before its call (0 when a token was there).
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'factor')
local factor = tonumber(b[3]) or 1
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local ttl = tonumber(ARGV[4])
if ARGV[3] == 'throttle' then
  factor = math.max(tonumber(ARGV[7]), factor * tonumber(ARGV[6]))
  redis.call('HSET', KEYS[1], 'factor', tostring(factor))
  -- an unseen bucket the cloud throttled is empty there, as MemoryPacer.throttled assumes
  if b[1] == false or b[2] == false then
    redis.call('HSET', KEYS[1], 'tokens', '0', 'at', tostring(now))
  end
  redis.call('PEXPIRE', KEYS[1], ttl)
  return 0
end
local r = rate * factor
local tokens = tonumber(b[1])
local at = tonumber(b[2])
if tokens == nil or at == nil then
  tokens = burst - 1
else
  tokens = math.min(burst, tokens + (now - at) * r / 1000) - 1
end
factor = math.min(1, factor + tonumber(ARGV[5]))
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'factor', tostring(factor))
redis.call('PEXPIRE', KEYS[1], ttl)
if tokens >= 0 then return 0 end
return math.ceil(-tokens / r * 1000)
`;

type PacingRedis = Redis & {
  aispmPacingReserve(key: string, ...args: (string | number)[]): Promise<number>;
};

/** A bucket idle this long is forgotten (it would be full again anyway). */
const BUCKET_TTL_MS = 10 * 60_000;

export class RedisPacer implements CallPacer {
  constructor(
    private readonly redis: Redis,
    /** Key prefix (the queue prefix), so deployments sharing a Redis keep their budgets apart. */
    private readonly prefix: string,
    private readonly limits = new LimitTable(),
  ) {
    // Sent by its SHA after the first call (EVALSHA), not as the script's text on every reservation.
    if (!('aispmPacingReserve' in redis))
      redis.defineCommand('aispmPacingReserve', { numberOfKeys: 1, lua: RESERVE });
  }

  private run(key: string, rate: number, burst: number, event: 'take' | 'throttle'): Promise<number> {
    return (this.redis as unknown as PacingRedis).aispmPacingReserve(
      `${this.prefix}:pacing:${key}`,
      rate,
      burst,
      event,
      BUCKET_TTL_MS,
      RECOVERY_STEP,
      THROTTLE_SLOWDOWN,
      MIN_RATE_FACTOR,
    );
  }

  /** The wait a call is given now (its reservation is made): exposed for tests. */
  async reserve(cloud: PacedCloud, accountId: string, operation: string): Promise<number> {
    const bucket = this.limits.bucketFor(cloud, accountId, operation);
    if (!bucket) return 0;
    return Number(await this.run(bucket.key, bucket.ratePerSec, bucket.burst, 'take'));
  }

  async acquire(
    cloud: PacedCloud,
    accountId: string,
    operation: string,
    signal?: AbortSignal,
  ): Promise<void> {
    const bucket = this.limits.bucketFor(cloud, accountId, operation);
    if (!bucket) return;
    // The local clock measures lateness: it starts before the script runs, so a reply held up counts as late.
    await waitForSlot(
      bucket,
      async () => Number(await this.run(bucket.key, bucket.ratePerSec, bucket.burst, 'take')),
      () => performance.now(),
      signal,
    );
  }

  throttled(cloud: PacedCloud, accountId: string, operation: string): void {
    const bucket = this.limits.bucketFor(cloud, accountId, operation);
    if (!bucket) return;
    // Fire and forget: a lost slowdown only means the next throttle slows the bucket instead.
    this.run(bucket.key, bucket.ratePerSec, bucket.burst, 'throttle').catch(() => {});
  }
}
