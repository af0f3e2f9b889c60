/**
 * Client-side pacing from the clouds' documented read limits: before every API attempt a connector takes a token
 * from the bucket of (cloud, account, operation), so a scan spends each account's budget evenly instead of
 * bursting into throttling and waiting out backoffs. Adaptive: a throttle the cloud answers anyway (another tool
 * in the account spends the same budget, or a limit lower than documented) slows that bucket down; calls that go
 * through speed it back up to the documented rate.
 *
 * The pacer is handed to connectors by the scan: one in-process pacer for an embedded scan, one on Redis that
 * every worker process shares for a BullMQ scan (so four workers spend the same budget as one).
 */

export type PacedCloud = 'aws' | 'azure' | 'gcp';

export interface BucketLimit {
  /** Sustained calls per second. */
  ratePerSec: number;
  /** Calls that may go at once after a quiet spell. */
  burst: number;
  /**
   * Operations matching the same rule share one bucket per account under this name (Azure Resource Manager's
   * read budget is per subscription); without it each operation has a bucket of its own.
   */
  shared?: string;
}

/** `cloud:operation` glob (`*` matches any run of characters) → limit; the first match wins. */
export type LimitRule = readonly [pattern: string, limit: BucketLimit];

/**
 * The documented control-plane read limits, per account (AWS), subscription (Azure) or project (GCP), from the
 * services' quota pages. AWS operations are `<IAM action prefix>:<Operation>`; Azure and GCP are paced by the
 * budget they share. AWS limits are per account and region; pacing per account only is the conservative reading
 * (a scan of two regions spends no more than one region's budget per operation).
 * Sources: IAM and STS quotas, AWS Organizations throttling (a few requests per second), SageMaker and Bedrock
 * control-plane "requests per second" quotas, Azure Resource Manager's token bucket (250 reads, 25/s refill per
 * subscription), Vertex AI's 600 read requests per minute per project and region.
 */
export const DOCUMENTED_LIMITS: readonly LimitRule[] = [
  ['aws:iam:GetAccountAuthorizationDetails', { ratePerSec: 2, burst: 4 }],
  ['aws:iam:*', { ratePerSec: 15, burst: 30 }],
  ['aws:sts:*', { ratePerSec: 50, burst: 100 }],
  ['aws:organizations:*', { ratePerSec: 5, burst: 10 }],
  ['aws:sagemaker:List*', { ratePerSec: 4, burst: 8 }],
  ['aws:sagemaker:*', { ratePerSec: 10, burst: 20 }],
  ['aws:bedrock:*', { ratePerSec: 15, burst: 30 }],
  ['aws:aoss:*', { ratePerSec: 10, burst: 20 }],
  ['aws:kms:*', { ratePerSec: 100, burst: 200 }],
  ['aws:lambda:*', { ratePerSec: 50, burst: 100 }],
  ['aws:s3:*', { ratePerSec: 100, burst: 200 }],
  ['aws:*', { ratePerSec: 20, burst: 40 }],
  // The Foundry Agent Service data plane: Microsoft's quota page for it (learn.microsoft.com/azure/ai-foundry/
  // agents/quotas-limits) lists file, size and token limits but no request rate, so it is paced under a
  // conservative bucket of its own (not a documented limit) rather than spending Resource Manager's.
  ['azure:agents:*', { ratePerSec: 5, burst: 10, shared: 'agents-read' }],
  ['azure:*', { ratePerSec: 25, burst: 250, shared: 'arm-read' }],
  ['gcp:vertex*', { ratePerSec: 10, burst: 600, shared: 'vertex-read' }],
  ['gcp:*', { ratePerSec: 20, burst: 200, shared: 'read' }],
];

/**
 * The share of a documented limit the pacer plans for: calls scheduled back to back can reach the cloud in another
 * order or a little early, so planning at the exact limit would meet a throttle at each bucket's edge.
 */
export const PACING_HEADROOM = 0.95;
/**
 * The share of a documented burst the pacer plans to use: the rest absorbs calls that reach the cloud bunched
 * (a busy event loop sends several granted calls at once).
 */
export const BURST_HEADROOM = 0.8;
/** A throttle scales the bucket's rate by this (multiplicative decrease). */
export const THROTTLE_SLOWDOWN = 0.7;
/** Each paced call gives back this much of the documented rate (additive increase), up to all of it. */
export const RECOVERY_STEP = 0.01;
/** The slowest a bucket goes, as a share of its documented rate. */
export const MIN_RATE_FACTOR = 0.1;

export interface PacedBucket {
  /** `cloud|account|bucket`: one budget. */
  key: string;
  ratePerSec: number;
  burst: number;
  /**
   * How late a granted call may leave before it takes another slot: half the time the documented burst's unused
   * share lasts at the planned rate. A process too busy to send its calls on time (a long synchronous step, a
   * major GC, a starved CPU) sends them together with the calls granted after them, and once the bunch outgrows
   * that share the cloud throttles.
   */
  lateToleranceMs: number;
}

/** The least lateness ever treated as a stall: timers fire a few milliseconds late on any busy process. */
export const MIN_LATE_TOLERANCE_MS = 20;

function globToRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** Resolves operations to buckets with a rule table (the documented limits unless told otherwise). */
export class LimitTable {
  private readonly rules: { re: RegExp; pattern: string; limit: BucketLimit }[];
  private readonly cache = new Map<string, { name: string; limit: BucketLimit }>();

  /**
   * `rateScale` multiplies every documented rate: above 1 where an organisation's quotas were raised (or a
   * simulator runs its limits faster), below 1 to leave budget to other tools in the same accounts.
   */
  constructor(
    rules: readonly LimitRule[] = DOCUMENTED_LIMITS,
    private readonly rateScale = 1,
  ) {
    if (!(rateScale > 0)) throw new Error(`pacing rate scale must be positive, got ${rateScale}`);
    for (const [pattern, limit] of rules) {
      if (!(limit.ratePerSec > 0) || !(limit.burst >= 1))
        throw new Error(`limit for ${pattern}: ratePerSec must be > 0 and burst ≥ 1`);
    }
    this.rules = rules.map(([pattern, limit]) => ({ re: globToRegExp(pattern), pattern, limit }));
  }

  /** The bucket a call spends from; undefined when no rule names the operation (it is not paced). */
  bucketFor(cloud: PacedCloud, accountId: string, operation: string): PacedBucket | undefined {
    const full = `${cloud}:${operation}`;
    let hit = this.cache.get(full);
    if (!hit) {
      const rule = this.rules.find((r) => r.re.test(full));
      if (!rule) return undefined;
      hit = { name: rule.limit.shared ? `${cloud}:${rule.limit.shared}` : full, limit: rule.limit };
      this.cache.set(full, hit);
    }
    const ratePerSec = hit.limit.ratePerSec * this.rateScale * PACING_HEADROOM;
    const burst = Math.max(1, Math.floor(hit.limit.burst * BURST_HEADROOM + 1e-9));
    return {
      key: `${cloud}|${accountId}|${hit.name}`,
      ratePerSec,
      burst,
      lateToleranceMs: Math.max(MIN_LATE_TOLERANCE_MS, ((hit.limit.burst - burst) / ratePerSec) * 500),
    };
  }
}

/** What a connector calls around every API attempt. */
export interface CallPacer {
  /** Resolves when a call to `operation` against `accountId` fits its bucket's budget (or the signal aborts). */
  acquire(cloud: PacedCloud, accountId: string, operation: string, signal?: AbortSignal): Promise<void>;
  /** The cloud throttled a call anyway: that bucket slows down. */
  throttled(cloud: PacedCloud, accountId: string, operation: string): void;
}

/** Sleeps `ms`, or rejects with the signal's reason when it aborts first. */
export function pacingDelay(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits out a reservation on `bucket`; when the call would leave later than the bucket tolerates (the process
 * stalled while it waited), it reserves once more instead, so calls held up together go out spaced again. The
 * pacer then counts the stalled call twice, which errs towards the cloud's side of the budget. A second late
 * wake-up goes anyway: a process stalling all the time must still make progress.
 */
export async function waitForSlot(
  bucket: PacedBucket,
  reserveSlot: () => number | Promise<number>,
  now: () => number,
  signal?: AbortSignal,
): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const asked = now();
    const waitMs = await reserveSlot();
    await pacingDelay(waitMs, signal);
    if (now() - (asked + waitMs) <= bucket.lateToleranceMs) return;
  }
}

interface BucketState {
  tokens: number;
  at: number;
  factor: number;
}

/**
 * One reservation on a token bucket, the rule the Redis pacer runs as a script: refill since the last call at the
 * (adapted) rate, take a token even when none is left, and wait until the debt is repaid. Reservations queue in
 * the order they were made, so concurrent callers never poll and never overtake each other.
 */
export function reserve(
  state: BucketState | undefined,
  bucket: PacedBucket,
  now: number,
): { state: BucketState; waitMs: number } {
  const factor = state?.factor ?? 1;
  const rate = bucket.ratePerSec * factor;
  const tokens = state
    ? Math.min(bucket.burst, state.tokens + ((now - state.at) * rate) / 1000) - 1
    : bucket.burst - 1;
  const next = { tokens, at: now, factor: Math.min(1, factor + RECOVERY_STEP) };
  return { state: next, waitMs: tokens >= 0 ? 0 : Math.ceil((-tokens / rate) * 1000) };
}

/** The pacer of one process (embedded scans, and tests). */
export class MemoryPacer implements CallPacer {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly limits = new LimitTable(),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The wait a call would be given now (and the reservation it makes): exposed for tests. */
  reserve(cloud: PacedCloud, accountId: string, operation: string): number {
    const bucket = this.limits.bucketFor(cloud, accountId, operation);
    return bucket ? this.reserveOn(bucket) : 0;
  }

  private reserveOn(bucket: PacedBucket): number {
    const { state, waitMs } = reserve(this.buckets.get(bucket.key), bucket, this.now());
    this.buckets.set(bucket.key, state);
    return waitMs;
  }

  acquire(cloud: PacedCloud, accountId: string, operation: string, signal?: AbortSignal): Promise<void> {
    const bucket = this.limits.bucketFor(cloud, accountId, operation);
    if (!bucket) return Promise.resolve();
    return waitForSlot(bucket, () => this.reserveOn(bucket), this.now, signal);
  }

  throttled(cloud: PacedCloud, accountId: string, operation: string): void {
    const bucket = this.limits.bucketFor(cloud, accountId, operation);
    if (!bucket) return;
    const state = this.buckets.get(bucket.key) ?? { tokens: 0, at: this.now(), factor: 1 };
    state.factor = Math.max(MIN_RATE_FACTOR, state.factor * THROTTLE_SLOWDOWN);
    this.buckets.set(bucket.key, state);
  }

  /** The current rate factor of an operation's bucket (1 = the documented rate): for tests and reports. */
  factorOf(cloud: PacedCloud, accountId: string, operation: string): number {
    const bucket = this.limits.bucketFor(cloud, accountId, operation);
    return bucket ? (this.buckets.get(bucket.key)?.factor ?? 1) : 1;
  }
}
