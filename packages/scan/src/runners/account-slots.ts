import type { Redis } from 'ioredis';

/**
 * KEYS[1] the account's slot set; ARGV now, lease end, job id, limit, the set's TTL. Drops expired leases, then
 * renews the job's lease or takes a free slot. 1: the job holds a slot; 0: the account is at its limit.
 *
 * Every acquisition, a renewal included, pushes the set's expiry out: were it set only when a job first joins, the
 * whole set would vanish that long after the last newcomer however often its holders renew, and waiting jobs would
 * take the slots of tasks still running (seen: four more Azure tasks started 240 s into a scan, four leases).
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local held = redis.call('ZSCORE', KEYS[1], ARGV[3])
if not held and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/**
 * A counting semaphore per account: a sorted set of job ids scored by lease expiry. The same job id re-acquiring
 * (a renewal, or a stalled job recovered by another worker) keeps its slot instead of taking a second one; a
 * crashed worker's slots free themselves when their leases end.
 */
export class AccountSlots {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: { leaseMs: number; perAccount: number },
  ) {}

  private key(account: string): string {
    return `${this.prefix}:account-slots:${account}`;
  }

  /** Takes or renews the job's slot on the account; false when the account is at its limit. */
  async acquire(account: string, jobId: string): Promise<boolean> {
    const now = Date.now();
    const got = await this.redis.eval(
      ACQUIRE,
      1,
      this.key(account),
      now,
      now + this.options.leaseMs,
      jobId,
      this.options.perAccount,
      this.options.leaseMs * 4,
    );
    return got === 1;
  }

  async release(account: string, jobId: string): Promise<void> {
    await this.redis.zrem(this.key(account), jobId);
  }
}
