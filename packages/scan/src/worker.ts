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
        await service.close();
        if (ownDb) await db.close();
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
