import { type Db, dbOptionsFromEnv, ensureTenant, openDb } from '@aispm/db';
import { connectorsFromEnv } from './connectors-from-env.ts';
import { createScanService, type ScanService, type ScanServiceOptions } from './service.ts';

export interface RunWorkerOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to the database named by the environment (DATABASE_URL / AISPM_DB). */
  db?: Db;
  /** Defaults to REDIS_URL or redis://127.0.0.1:6379. */
  redisUrl?: string;
  queuePrefix?: string;
  /** Tenant slug for scheduled scans installed by this worker; jobs carry their own tenant. */
  tenant?: string;
  /** Defaults to the connectors named by the environment (see connectorsFromEnv). */
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

function intFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** Runs scan workers until stopped: `pnpm aispm worker` and the worker app. */
export async function runWorker(options: RunWorkerOptions = {}): Promise<RunningWorker> {
  const env = options.env ?? process.env;
  const ownDb = !options.db;
  const db = options.db ?? (await openDb(dbOptionsFromEnv(env)));
  try {
    const tenant = await ensureTenant(db, options.tenant ?? env.AISPM_TENANT ?? undefined);
    const connectors = options.connectors ?? (await connectorsFromEnv(env));
    const workerConcurrency = intFromEnv(env, 'AISPM_WORKER_CONCURRENCY');
    const accountConcurrency = intFromEnv(env, 'AISPM_ACCOUNT_CONCURRENCY');
    const lockDurationMs = intFromEnv(env, 'AISPM_LOCK_DURATION_MS');
    const stalledIntervalMs = intFromEnv(env, 'AISPM_STALLED_INTERVAL_MS');
    const retryBaseMs = intFromEnv(env, 'AISPM_RETRY_BASE_MS');
    const service = createScanService({
      db,
      tenantId: tenant.id,
      connectors,
      redis: options.redisUrl ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      queuePrefix: options.queuePrefix ?? env.AISPM_QUEUE_PREFIX ?? 'aispm',
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
