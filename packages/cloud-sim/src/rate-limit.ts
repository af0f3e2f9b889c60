export type Cloud = 'aws' | 'azure' | 'gcp';

export interface BucketSpec {
  /** Sustained requests per second. */
  ratePerSec: number;
  /** Bucket size: how many calls may go through at once after a quiet spell. */
  burst: number;
  /**
   * Operations matching the same rule share one bucket per account under this name (Azure ARM's read
   * budget is per subscription, not per operation). Without it every operation gets its own bucket.
   */
  shared?: string;
}

/** A rule: `cloud:operation` glob (`*` matches any run of characters) → bucket. First match wins. */
export type LimitRule = [pattern: string, spec: BucketSpec];

/**
 * Defaults modelled on the services' documented control-plane limits (order of magnitude; the aim is that
 * a scanner meets throttling where a real one would, and the "API floor" report is realistic).
 */
export const DEFAULT_LIMITS: readonly LimitRule[] = [
  // AWS: IAM's authorization-details call is notoriously slow and tightly limited.
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
  // The Foundry Agent Service data plane is not counted against Resource Manager's budget. Microsoft documents no
  // request rate for it: a bucket of its own per subscription, as strict as the scanner's conservative one.
  // Classic assistants and the new (versioned) agents alike: one data plane, one budget.
  ...[
    'ListAgents',
    'GetAgent',
    'ListVersionedAgents',
    'GetVersionedAgent',
    'ListAgentVersions',
    'GetAgentVersion',
  ].map(
    (op): LimitRule => [`azure:cognitiveservices:${op}`, { ratePerSec: 5, burst: 10, shared: 'agents-read' }],
  ),
  // Azure Resource Manager: token bucket of 250 reads per subscription, refilled at 25/s.
  ['azure:*', { ratePerSec: 25, burst: 250, shared: 'arm-read' }],
  // GCP: Vertex AI read requests, 600 per minute per project and region.
  ['gcp:aiplatform*', { ratePerSec: 10, burst: 600, shared: 'vertex-read' }],
  ['gcp:*', { ratePerSec: 20, burst: 200, shared: 'read' }],
];

export interface OperationStats {
  cloud: Cloud;
  operation: string;
  calls: number;
  throttled: number;
}

export interface CallCount {
  cloud: Cloud;
  accountId: string;
  operation: string;
  calls: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** One (account, bucket)'s calls and the least time they need under its limit. */
export interface BucketFloor {
  /** `<account> <cloud>:<bucket>`, e.g. `sub-1 azure:arm-read`. */
  bucket: string;
  calls: number;
  floorMs: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

/** Per-account, per-operation token buckets. */
export class RateLimiter {
  private readonly rules: readonly LimitRule[];
  private readonly buckets = new Map<string, Bucket>();
  private readonly perOperation = new Map<string, OperationStats>();
  private readonly perAccount = new Map<string, CallCount>();

  constructor(
    readonly enabled: boolean,
    readonly scale = 1,
    overrides: readonly LimitRule[] = [],
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(scale > 0)) throw new Error(`rate-limit scale must be positive, got ${scale}`);
    this.rules = [...overrides, ...DEFAULT_LIMITS];
  }

  /** The rule for an operation, e.g. `ruleFor('aws', 'iam:GetAccountAuthorizationDetails')`. */
  ruleFor(cloud: Cloud, operation: string): { key: string; spec: BucketSpec } {
    const full = `${cloud}:${operation}`;
    for (const [pattern, spec] of this.rules) {
      if (globMatch(pattern, full)) return { key: spec.shared ? `${cloud}:${spec.shared}` : full, spec };
    }
    return { key: full, spec: { ratePerSec: 20, burst: 40 } };
  }

  take(cloud: Cloud, accountId: string, operation: string): TakeResult {
    const opKey = `${cloud}:${operation}`;
    let stats = this.perOperation.get(opKey);
    if (!stats) {
      stats = { cloud, operation, calls: 0, throttled: 0 };
      this.perOperation.set(opKey, stats);
    }
    stats.calls++;
    const acctKey = `${cloud}\u0000${accountId}\u0000${operation}`;
    let count = this.perAccount.get(acctKey);
    if (!count) {
      count = { cloud, accountId, operation, calls: 0 };
      this.perAccount.set(acctKey, count);
    }
    count.calls++;
    if (!this.enabled) return { ok: true };

    const { key, spec } = this.ruleFor(cloud, operation);
    const rate = spec.ratePerSec * this.scale;
    const bucketKey = `${accountId}\u0000${key}`;
    const t = this.now();
    let bucket = this.buckets.get(bucketKey);
    if (!bucket) {
      bucket = { tokens: spec.burst, updatedAt: t };
      this.buckets.set(bucketKey, bucket);
    }
    bucket.tokens = Math.min(spec.burst, bucket.tokens + ((t - bucket.updatedAt) / 1000) * rate);
    bucket.updatedAt = t;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    stats.throttled++;
    return { ok: false, retryAfterMs: Math.max(1, Math.ceil(((1 - bucket.tokens) / rate) * 1000)) };
  }

  /** Calls and throttles per operation (all accounts together), sorted by operation. */
  stats(): OperationStats[] {
    return [...this.perOperation.values()]
      .map((s) => ({ ...s }))
      .sort((a, b) => `${a.cloud}:${a.operation}`.localeCompare(`${b.cloud}:${b.operation}`));
  }

  /** Calls per account and operation, the input `apiFloorMs` takes. */
  callCounts(): CallCount[] {
    return [...this.perAccount.values()].map((c) => ({ ...c }));
  }

  /**
   * Each bucket's calls and the least time they need under its limit (unscaled, as on the real clouds), slowest
   * first. `sustained` charges every call at the refill rate, the burst already spent (a scan right after another).
   */
  bucketFloors(
    calls: Iterable<CallCount> = this.callCounts(),
    options: { sustained?: boolean } = {},
  ): BucketFloor[] {
    const perBucket = new Map<string, { calls: number; spec: BucketSpec }>();
    for (const c of calls) {
      const { key, spec } = this.ruleFor(c.cloud, c.operation);
      const bucketKey = `${c.accountId} ${key}`;
      const entry = perBucket.get(bucketKey) ?? { calls: 0, spec };
      entry.calls += c.calls;
      perBucket.set(bucketKey, entry);
    }
    return [...perBucket]
      .map(([bucket, { calls: n, spec }]) => ({
        bucket,
        calls: n,
        floorMs: Math.ceil((Math.max(0, n - (options.sustained ? 0 : spec.burst)) / spec.ratePerSec) * 1000),
      }))
      .sort((a, b) => b.floorMs - a.floorMs || a.bucket.localeCompare(b.bucket));
  }

  /**
   * The least wall-clock time the given calls need under the limits: buckets drain in parallel, so it is the
   * slowest bucket's `(calls − burst) / rate`.
   */
  apiFloorMs(
    calls: Iterable<CallCount> = this.callCounts(),
    options: { sustained?: boolean } = {},
  ): { floorMs: number; bottleneck: string | null } {
    const slowest = this.bucketFloors(calls, options)[0];
    return slowest && slowest.floorMs > 0
      ? { floorMs: slowest.floorMs, bottleneck: slowest.bucket }
      : { floorMs: 0, bottleneck: null };
  }

  reset(): void {
    this.buckets.clear();
    this.perOperation.clear();
    this.perAccount.clear();
  }
}

const compiled = new Map<string, RegExp>();
function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
    compiled.set(pattern, re);
  }
  return re.test(value);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
