import type { Connector } from '@aispm/connectors';
import { DOCUMENTED_LIMITS, type LimitRule, LimitTable, MemoryPacer } from '@aispm/connectors/pacing';
import { type CoverageGap, PROVIDERS, type Provider, type ScanScope } from '@aispm/core';
import {
  addScanTasks,
  type CoverageGapRow,
  cancelScanRow,
  countGraph,
  createScanDeduplicated,
  type Db,
  DEFAULT_STALE_SCAN_MS,
  getScanRow,
  getSchedule,
  listCoverageGaps,
  listScanTasks,
  listSchedules,
  removeSchedule,
  type ScanRow,
  type ScanStatus,
  type ScanTaskRow,
  type ScheduleRow,
  TERMINAL_SCAN_STATUSES,
  touchScheduleRun,
  upsertSchedule,
} from '@aispm/db';
import { cronError } from './cron.ts';
import { discoverTaskKey, type ScanJob } from './jobs.ts';
import { type ScanLogger, ScanProcessor } from './processor.ts';
import { DEFAULT_RETRY_POLICY, errorText, type RetryPolicy } from './retry.ts';
import { BullmqRunner } from './runners/bullmq.ts';
import { EmbeddedRunner } from './runners/embedded.ts';
import type { JobRunner, RunnerConcurrency } from './runners/types.ts';
import { DEFAULT_SCAN_LOST_AFTER_MS, startScanWatchdog } from './watchdog.ts';

export type ScanTrigger = 'manual' | 'schedule' | 'api' | 'demo';
const TRIGGERS: readonly ScanTrigger[] = ['manual', 'schedule', 'api', 'demo'];

export interface ScanServiceOptions {
  db: Db;
  tenantId: string;
  connectors: Connector[];
  /** Redis URL; undefined runs everything in this process (embedded mode, no durability). */
  redis?: string | undefined;
  /** Prefix of every Redis key (BullMQ `prefix`), so deployments and parallel tests do not collide. */
  queuePrefix?: string;
  concurrency?: Partial<RunnerConcurrency>;
  retry?: Partial<RetryPolicy>;
  /** Stall detection (BullMQ mode): a crashed worker's jobs are picked up again after the lock expires. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
  accountLeaseMs?: number;
  /**
   * An active scan without task activity for this long (its queue was lost, all its workers died) is failed with
   * the reason when the next scan of its scope is requested, instead of blocking it (default 30 min).
   */
  staleScanMs?: number;
  /** A task running longer fails for good (AISPM_TASK_TIMEOUT_MS; default 15 min). */
  taskTimeoutMs?: number;
  /** A scan quiet this long whose jobs are gone is enqueued again, then failed (AISPM_SCAN_LOST_AFTER_MS). */
  lostScanMs?: number;
  /**
   * Pacing of API calls from the documented limits (AISPM_PACING_SCALE): the factor on every documented rate,
   * 1 by default; 0 turns pacing off (calls then go as fast as the concurrency allows and throttles are retried).
   */
  pacingScale?: number;
  /** Limits to pace by instead of the documented ones (an organisation's own quota table; tests). */
  pacingLimits?: readonly LimitRule[];
  /** Called once per scan after it reached a final status (the hand-over to evaluation). */
  onScanFinished?: (scanId: string) => Promise<void> | void;
  log?: ScanLogger;
}

export interface ScanRequest {
  trigger: ScanTrigger;
  provider?: Provider;
  accounts?: string[];
}

export interface ScanCounters {
  tasksTotal: number;
  /** Settled tasks (succeeded or failed). */
  tasksDone: number;
  tasksFailed: number;
  assetsSeen: number;
  edgesSeen: number;
  assetsWritten: number;
  assetsRemoved: number;
  /** Throttled API calls, summed over the tasks. */
  throttled: number;
}

export interface ScanProgress {
  scanId: string;
  status: ScanStatus;
  trigger: string;
  scope: ScanScope;
  counters: ScanCounters;
  tasks: ScanTaskRow[];
  /** Reads the scan could not make (denied, not enabled): what was not covered and what to grant. */
  gaps: CoverageGapRow[];
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What `aispm scan --json` prints. */
export interface ScanSummary {
  scanId: string;
  status: ScanStatus;
  assets: Record<string, number>;
  edges: Record<string, number>;
  tasks: { total: number; failed: number };
  /** Reads the scan could not make; a scan with gaps is `partial`. */
  gaps: CoverageGap[];
  durationMs: number;
}

export interface ScheduleInput {
  name: string;
  /** Cron pattern; six fields means the first is seconds. */
  cron: string;
  timezone?: string;
  scope?: ScanScope;
}

export interface ScanService {
  readonly mode: 'bullmq' | 'embedded';
  startScan(request: ScanRequest): Promise<{ scanId: string; deduplicated: boolean }>;
  getScan(scanId: string): Promise<ScanProgress>;
  waitForScan(
    scanId: string,
    options?: { onProgress?: (progress: ScanProgress) => void; timeoutMs?: number; pollMs?: number },
  ): Promise<ScanSummary>;
  summarize(scanId: string): Promise<ScanSummary>;
  cancelScan(scanId: string): Promise<boolean>;
  /** Starts processing jobs in this process (BullMQ mode; the embedded runner always processes). */
  startWorkers(): Promise<void>;
  schedules: {
    upsert(input: ScheduleInput): Promise<ScheduleRow>;
    list(): Promise<(ScheduleRow & { nextRunAt: Date | null })[]>;
    remove(name: string): Promise<boolean>;
  };
  /** Installs the default daily org-wide scan (03:00 UTC) unless a schedule of that name exists. */
  ensureDefaultSchedule(): Promise<ScheduleRow>;
  close(): Promise<void>;
}

/** Schedules are BullMQ job schedulers; an embedded (Redis-less) service cannot keep them. */
export class SchedulesNeedRedisError extends Error {
  override name = 'SchedulesNeedRedisError';
  /** Read by the API's error handler: a conflict with how this server runs, not a server fault. */
  readonly statusCode = 409;
  constructor() {
    super('scan schedules need Redis: set REDIS_URL (embedded mode cannot run schedules)');
  }
}

export const DEFAULT_SCHEDULE = { name: 'daily-org-scan', cron: '0 3 * * *', timezone: 'UTC' } as const;
export const DEFAULT_QUEUE_PREFIX = 'aispm';
export const DEFAULT_CONCURRENCY: RunnerConcurrency = { worker: 32, perAccount: 4 };

const TERMINAL = new Set<string>(TERMINAL_SCAN_STATUSES);

function defaultLog(level: string, message: string, fields?: Record<string, unknown>): void {
  if (level === 'warn' || level === 'error') {
    process.stderr.write(`[scan] ${level}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  }
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** Consecutive failed progress reads tolerated while waiting for a scan (with backoff up to 5 s each). */
const MAX_POLL_FAILURES = 12;

function scheduleScope(scope: ScanScope | undefined): ScanScope {
  const out: ScanScope = {};
  if (scope?.provider) out.provider = scope.provider;
  if (scope?.accounts) out.accounts = [...scope.accounts];
  return out;
}

/** Refuses a scan request with a clear error: unknown trigger or provider, or an empty / malformed account list. */
function checkScanRequest(request: ScanRequest): void {
  if (!TRIGGERS.includes(request.trigger))
    throw new Error(`unknown scan trigger: ${String(request.trigger)}`);
  if (request.provider !== undefined && !PROVIDERS.includes(request.provider)) {
    throw new Error(`unknown provider: ${String(request.provider)}`);
  }
  if (
    request.accounts !== undefined &&
    (!Array.isArray(request.accounts) ||
      request.accounts.length === 0 ||
      !request.accounts.every((a) => typeof a === 'string' && a.length > 0))
  ) {
    throw new Error('accounts must be a non-empty list of account ids');
  }
}

/** BullMQ on Redis when a Redis URL is given (durable, many workers), else the in-process embedded runner. */
function createRunner(
  options: ScanServiceOptions,
  getProcessor: () => ScanProcessor,
  concurrency: RunnerConcurrency,
  retry: RetryPolicy,
  log: ScanLogger,
): { runner: JobRunner; bullmq: BullmqRunner | undefined } {
  const bullmq = options.redis
    ? new BullmqRunner(
        getProcessor,
        {
          redisUrl: options.redis,
          prefix: options.queuePrefix ?? DEFAULT_QUEUE_PREFIX,
          concurrency,
          retry,
          lockDurationMs: options.lockDurationMs ?? 60_000,
          stalledIntervalMs: options.stalledIntervalMs ?? 30_000,
          maxStalledCount: options.maxStalledCount ?? 3,
          accountLeaseMs: options.accountLeaseMs ?? 60_000,
        },
        log,
      )
    : undefined;
  return { runner: bullmq ?? new EmbeddedRunner(getProcessor, concurrency, retry, log), bullmq };
}

export function createScanService(options: ScanServiceOptions): ScanService {
  const { db, tenantId } = options;
  if (!options.connectors.length) throw new Error('createScanService needs at least one connector');
  const log = options.log ?? defaultLog;
  const concurrency: RunnerConcurrency = {
    worker: positiveInt('concurrency.worker', options.concurrency?.worker ?? DEFAULT_CONCURRENCY.worker),
    perAccount: positiveInt(
      'concurrency.perAccount',
      options.concurrency?.perAccount ?? DEFAULT_CONCURRENCY.perAccount,
    ),
  };
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  positiveInt('retry.attempts', retry.attempts);

  let processor: ScanProcessor | undefined;
  const getProcessor = () => {
    if (!processor) throw new Error('scan processor not ready');
    return processor;
  };
  const { runner, bullmq } = createRunner(options, getProcessor, concurrency, retry, log);

  const startScanAs = async (
    scanTenant: string,
    request: ScanRequest,
  ): Promise<{ scanId: string; deduplicated: boolean }> => {
    checkScanRequest(request);
    const connectors = options.connectors.filter((c) => !request.provider || c.provider === request.provider);
    if (connectors.length === 0) throw new Error(`no connector configured for provider ${request.provider}`);
    const scope: ScanScope = {};
    if (request.provider) scope.provider = request.provider;
    if (request.accounts) scope.accounts = [...new Set(request.accounts)].sort();
    const created = await createScanDeduplicated(db, {
      tenantId: scanTenant,
      trigger: request.trigger,
      scope,
      staleAfterMs: options.staleScanMs ?? DEFAULT_STALE_SCAN_MS,
    });
    if (created.deduplicated) return created;
    await addScanTasks(
      db,
      scanTenant,
      created.scanId,
      connectors.map((c) => discoverTaskKey(c.provider)),
    );
    await runner.enqueue(
      connectors.map((c) => ({
        kind: 'discover',
        tenantId: scanTenant,
        scanId: created.scanId,
        provider: c.provider,
      })),
    );
    return created;
  };
  const startScan = (request: ScanRequest) => startScanAs(tenantId, request);

  let stopWatchdog: (() => void) | undefined;
  const pacingScale = options.pacingScale ?? 1;
  if (!(pacingScale >= 0)) throw new Error(`pacingScale must be 0 (off) or positive, got ${pacingScale}`);
  const limits =
    pacingScale > 0 ? new LimitTable(options.pacingLimits ?? DOCUMENTED_LIMITS, pacingScale) : undefined;
  processor = new ScanProcessor({
    db,
    connectors: options.connectors,
    pacer: limits ? (bullmq ? bullmq.pacer(limits) : new MemoryPacer(limits)) : undefined,
    enqueue: (jobs: ScanJob[]) => runner.enqueue(jobs),
    startScheduledScan: async (job) => {
      const { scanId, deduplicated } = await startScanFor(job.tenantId, job.scope);
      await touchScheduleRun(db, job.tenantId, job.schedule);
      log('info', 'schedule fired', { schedule: job.schedule, scanId, deduplicated });
    },
    onScanFinished: options.onScanFinished,
    log,
    taskTimeoutMs: options.taskTimeoutMs,
  });

  // A schedule fires for the tenant that created it, whichever tenant this worker's service was built for.
  const startScanFor = (scheduleTenant: string, scope: ScanScope) =>
    startScanAs(scheduleTenant, {
      trigger: 'schedule',
      ...(scope.provider ? { provider: scope.provider as Provider } : {}),
      ...(scope.accounts ? { accounts: scope.accounts } : {}),
    });

  const getScan = async (scanId: string): Promise<ScanProgress> => {
    const scan = await getScanRow(db, scanId);
    if (!scan || scan.tenantId !== tenantId) throw new Error(`no scan ${scanId}`);
    const [tasks, gaps] = await Promise.all([
      listScanTasks(db, scanId),
      listCoverageGaps(db, tenantId, scanId),
    ]);
    return toProgress(scan, tasks, gaps);
  };

  const summarize = (scanId: string) => summarizeScan(db, tenantId, options.connectors, scanId);

  const schedules = scheduleControl(db, tenantId, bullmq);

  return {
    mode: runner.mode,
    startScan,
    getScan,
    summarize,
    waitForScan: (scanId, waitOptions = {}) =>
      waitUntilFinished(scanId, { getScan, summarize }, log, waitOptions),
    async cancelScan(scanId) {
      const scan = await getScanRow(db, scanId);
      if (!scan || scan.tenantId !== tenantId) throw new Error(`no scan ${scanId}`);
      return cancelScanRow(db, scanId);
    },
    startWorkers: async () => {
      await runner.start();
      // Workers on Redis watch for scans whose queued jobs were lost (an embedded service holds its own queue).
      if (bullmq && !stopWatchdog) {
        stopWatchdog = startScanWatchdog({
          db,
          runner: bullmq,
          phaseOf: (task) => processor?.phaseOf(task) ?? 1,
          lostAfterMs: options.lostScanMs ?? DEFAULT_SCAN_LOST_AFTER_MS,
          log,
        });
      }
    },
    schedules: { upsert: schedules.upsert, list: schedules.list, remove: schedules.remove },
    ensureDefaultSchedule: schedules.ensureDefault,
    close: async () => {
      stopWatchdog?.();
      await runner.close();
    },
  };
}

/** Scan schedules: BullMQ job schedulers (per tenant) with the stored rows the API lists. */
function scheduleControl(db: Db, tenantId: string, bullmq: BullmqRunner | undefined) {
  const schedulerId = (name: string) => `${tenantId}.${name}`;

  const upsert = async (input: ScheduleInput): Promise<ScheduleRow> => {
    if (!input.name || !/^[\w.-]{1,100}$/.test(input.name)) {
      throw new Error(`schedule name must be 1-100 letters, digits, '.', '_' or '-': "${input.name}"`);
    }
    if (!bullmq) throw new SchedulesNeedRedisError();
    const scope = scheduleScope(input.scope);
    const timezone = input.timezone ?? 'UTC';
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    } catch {
      throw new Error(`unknown time zone: ${timezone}`);
    }
    const invalid = cronError(input.cron, timezone);
    if (invalid) throw new Error(invalid);
    // The scheduler first: a pattern it refuses never becomes a stored schedule shown enabled that never fires.
    await bullmq.upsertScheduler(
      schedulerId(input.name),
      { pattern: input.cron, tz: timezone },
      { kind: 'schedule', tenantId, schedule: input.name, scope },
    );
    return upsertSchedule(db, tenantId, { name: input.name, cron: input.cron, timezone, scope });
  };

  return {
    upsert,
    async list(): Promise<(ScheduleRow & { nextRunAt: Date | null })[]> {
      const rows = await listSchedules(db, tenantId);
      return Promise.all(
        rows.map(async (r) => ({ ...r, nextRunAt: (await bullmq?.nextRun(schedulerId(r.name))) ?? null })),
      );
    },
    async remove(name: string): Promise<boolean> {
      const removedRow = await removeSchedule(db, tenantId, name);
      const removedJob = bullmq ? await bullmq.removeScheduler(schedulerId(name)) : false;
      return removedRow || removedJob;
    },
    /** Installs the default daily org-wide scan unless a schedule of that name exists. */
    async ensureDefault(): Promise<ScheduleRow> {
      const existing = await getSchedule(db, tenantId, DEFAULT_SCHEDULE.name);
      if (existing) {
        // Re-install the BullMQ side (Redis may have been flushed) with the stored settings.
        return upsert({
          name: existing.name,
          cron: existing.cron,
          timezone: existing.timezone,
          scope: existing.scope,
        });
      }
      return upsert({ ...DEFAULT_SCHEDULE, scope: {} });
    },
  };
}

/** The scan's outcome and the graph it left (counted for its provider when it scanned one). */
async function summarizeScan(
  db: Db,
  tenantId: string,
  connectors: Connector[],
  scanId: string,
): Promise<ScanSummary> {
  const scan = await getScanRow(db, scanId);
  if (!scan || scan.tenantId !== tenantId) throw new Error(`no scan ${scanId}`);
  const providers = scan.scope.provider
    ? [scan.scope.provider]
    : [...new Set(connectors.map((c) => c.provider))];
  const counts = await countGraph(
    db,
    tenantId,
    providers.length === 1 ? { provider: providers[0] as string } : {},
  );
  const end = scan.finishedAt ?? new Date();
  const gaps = await listCoverageGaps(db, tenantId, scanId);
  return {
    scanId,
    status: scan.status,
    assets: counts.assets,
    edges: counts.edges,
    tasks: { total: scan.tasksTotal, failed: scan.tasksFailed },
    gaps: gaps.map(({ scanId: _scan, ...gap }) => gap),
    durationMs: end.getTime() - scan.createdAt.getTime(),
  };
}

/** Polls a scan until it ends (reporting each change of progress), riding out brief database outages. */
async function waitUntilFinished(
  scanId: string,
  read: { getScan(scanId: string): Promise<ScanProgress>; summarize(scanId: string): Promise<ScanSummary> },
  log: ScanLogger,
  waitOptions: { onProgress?: (progress: ScanProgress) => void; timeoutMs?: number; pollMs?: number },
): Promise<ScanSummary> {
  const deadline = Date.now() + (waitOptions.timeoutMs ?? 30 * 60_000);
  const pollMs = waitOptions.pollMs ?? 200;
  let last = '';
  let failures = 0;
  for (;;) {
    let progress: ScanProgress;
    try {
      progress = await read.getScan(scanId);
      failures = 0;
    } catch (error) {
      // The scan goes on in the workers while the database blips (a restart, a failover): keep waiting.
      failures++;
      if (failures > MAX_POLL_FAILURES || Date.now() > deadline) throw error;
      log('warn', 'could not read scan progress; retrying', { scanId, error: errorText(error) });
      await new Promise((r) => setTimeout(r, Math.min(5_000, pollMs * 2 ** failures)));
      continue;
    }
    const fingerprint = JSON.stringify([progress.status, progress.counters]);
    if (fingerprint !== last) {
      last = fingerprint;
      waitOptions.onProgress?.(progress);
    }
    if (TERMINAL.has(progress.status)) return read.summarize(scanId);
    if (Date.now() > deadline) {
      throw new Error(
        `scan ${scanId} did not finish within ${waitOptions.timeoutMs ?? 30 * 60_000} ms (status ${progress.status}, ${progress.counters.tasksDone}/${progress.counters.tasksTotal} tasks settled)`,
      );
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

function toProgress(scan: ScanRow, tasks: ScanTaskRow[], gaps: CoverageGapRow[]): ScanProgress {
  return {
    scanId: scan.id,
    status: scan.status,
    trigger: scan.trigger,
    scope: scan.scope,
    counters: {
      tasksTotal: scan.tasksTotal,
      tasksDone: scan.tasksDone,
      tasksFailed: scan.tasksFailed,
      assetsSeen: scan.assetsSeen,
      edgesSeen: scan.edgesSeen,
      assetsWritten: scan.assetsWritten,
      assetsRemoved: scan.assetsRemoved,
      throttled: tasks.reduce((n, t) => n + t.throttled, 0),
    },
    tasks,
    gaps,
    error: scan.error,
    createdAt: scan.createdAt,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
  };
}
