import type { AispmConfig } from '@aispm/core';
import { type Db, dbOptionsFromConfig, ensureTenant, openDb } from '@aispm/db';
import { connectorsFromConfig } from './connectors-from-config.ts';
import { createScanService, type ScanService, type ScanServiceOptions } from './service.ts';

export interface RunWorkerOptions {
  /** The configuration (`loadConfig`): database, Redis, queue prefix, tenant, connectors, concurrency. */
  config: AispmConfig;
  /** Defaults to the database the configuration names (DATABASE_URL / AISPM_DB). */
  db?: Db;
  /** Defaults to the configuration's REDIS_URL. */
  redisUrl?: string;
  queuePrefix?: string;
  /** Tenant slug for scheduled scans installed by this worker; jobs carry their own tenant. */
  tenant?: string;
  /** Defaults to the connectors the configuration names (see connectorsFromConfig). */
  connectors?: ScanServiceOptions['connectors'];
  concurrency?: ScanServiceOptions['concurrency'];
  /** The hand-over to evaluation (the CLI wires the policy engine here). */
  onScanFinished?: ScanServiceOptions['onScanFinished'];
  /** Install the default daily org-wide schedule on start. */
  installDefaultSchedule?: boolean;
  /** Stop on SIGTERM / SIGINT (finishing the jobs in hand). Default true. */
  handleSignals?: boolean;
}

export interface RunningWorker {
  service: ScanService;
  stop(): Promise<void>;
  /** Resolves once the worker has stopped. */
  stopped: Promise<void>;
}

/** How long a stopping worker waits for the tasks in hand (AISPM_DRAIN_TIMEOUT_MS). */
export const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

/** Whether `work` settled within `ms` (it goes on in the background otherwise). */
async function boundedBy(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true as const,
        () => true as const,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs scan workers until stopped: `pnpm aispm worker` and the worker app. */
export async function runWorker(options: RunWorkerOptions): Promise<RunningWorker> {
  const { config } = options;
  const redis = options.redisUrl ?? config.REDIS_URL;
  if (!redis) throw new Error('REDIS_URL: a worker takes its jobs from Redis; it cannot run with none');
  const ownDb = !options.db;
  const db = options.db ?? (await openDb(dbOptionsFromConfig(config)));
  try {
    const tenant = await ensureTenant(db, options.tenant ?? config.AISPM_TENANT);
    const connectors = options.connectors ?? (await connectorsFromConfig(config));
    const {
      AISPM_WORKER_CONCURRENCY: workerConcurrency,
      AISPM_ACCOUNT_CONCURRENCY: accountConcurrency,
      AISPM_LOCK_DURATION_MS: lockDurationMs,
      AISPM_STALLED_INTERVAL_MS: stalledIntervalMs,
      AISPM_RETRY_BASE_MS: retryBaseMs,
      AISPM_TASK_TIMEOUT_MS: taskTimeoutMs,
      AISPM_SCAN_LOST_AFTER_MS: lostScanMs,
    } = config;
    const service = createScanService({
      db,
      tenantId: tenant.id,
      connectors,
      redis,
      queuePrefix: options.queuePrefix ?? config.AISPM_QUEUE_PREFIX,
      concurrency: {
        ...(workerConcurrency ? { worker: workerConcurrency } : {}),
        ...(accountConcurrency ? { perAccount: accountConcurrency } : {}),
        ...options.concurrency,
      },
      ...(lockDurationMs ? { lockDurationMs, accountLeaseMs: lockDurationMs } : {}),
      ...(stalledIntervalMs ? { stalledIntervalMs } : {}),
      ...(retryBaseMs ? { retry: { baseDelayMs: retryBaseMs } } : {}),
      ...(taskTimeoutMs ? { taskTimeoutMs } : {}),
      ...(lostScanMs ? { lostScanMs } : {}),
      ...(config.AISPM_PACING_SCALE !== undefined ? { pacingScale: config.AISPM_PACING_SCALE } : {}),
      ...(options.onScanFinished ? { onScanFinished: options.onScanFinished } : {}),
    });
    await service.startWorkers();
    if (options.installDefaultSchedule) await service.ensureDefaultSchedule();

    let resolveStopped: () => void = () => {};
    const stopped = new Promise<void>((r) => {
      resolveStopped = r;
    });
    let stopping: Promise<void> | undefined;
    const onSignal = () => {
      void stop();
    };
    const stop = () => {
      stopping ??= (async () => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        // Stop taking jobs and let those in hand finish, but only for so long: a task stuck past the drain
        // bound is left to its lock, which lapses so another worker takes it up (nothing is lost).
        const drainMs = config.AISPM_DRAIN_TIMEOUT_MS ?? DEFAULT_DRAIN_TIMEOUT_MS;
        const drained = await boundedBy(service.close(), drainMs);
        if (!drained) {
          process.stderr.write(
            `aispm worker: tasks still running after ${drainMs} ms; exiting without them\n`,
          );
        }
        if (ownDb) await boundedBy(db.close(), 5_000);
        resolveStopped();
      })();
      return stopping;
    };
    if (options.handleSignals ?? true) {
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    }
    return { service, stop, stopped };
  } catch (error) {
    if (ownDb) await db.close();
    throw error;
  }
}
