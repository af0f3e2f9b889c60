import type { Connector } from '@aispm/connectors';
import {
  type Db,
  dbOptionsFromEnv,
  ensureDatabase,
  ensureTenant,
  migrate,
  openDb,
  type Tenant,
} from '@aispm/db';
import {
  connectorsFromEnv,
  createScanService,
  type EvaluationSummary,
  runEvaluation,
  type ScanService,
} from '@aispm/scan';

export type { EvaluationSummary };

/** Runs the evaluation service (it loads the policy engine on first use). */
export async function evaluate(db: Db, tenantId: string, scanId?: string): Promise<EvaluationSummary> {
  return runEvaluation(db, tenantId, scanId ? { scanId } : {});
}

export interface Stack {
  db: Db;
  tenant: Tenant;
  scans: ScanService;
  close(): Promise<void>;
}

export interface StackOptions {
  env?: NodeJS.ProcessEnv;
  db?: Db;
  connectors?: Connector[];
  /** Run scans in this process without Redis. */
  embedded?: boolean;
  /** Evaluate after every scan (the default, as the worker does). */
  evaluateAfterScan?: boolean;
  onEvaluated?: (summary: EvaluationSummary) => void;
  /** Clouds to build connectors for when AISPM_CLOUDS is not set (e.g. the one `scan --provider` names). */
  clouds?: string;
}

/** The database, tenant and scan service the CLI commands share. */
export async function openStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? process.env;
  let db = options.db;
  if (!db) {
    const dbOptions = dbOptionsFromEnv(env);
    if (dbOptions.backend !== 'pglite' && dbOptions.url) await ensureDatabase(dbOptions.url);
    db = await openDb(dbOptions);
    await migrate(db);
  }
  const tenant = await ensureTenant(db, env.AISPM_TENANT ?? undefined);
  const connectors =
    options.connectors ??
    (await connectorsFromEnv(
      options.clouds && !env.AISPM_CLOUDS ? { ...env, AISPM_CLOUDS: options.clouds } : env,
    ));
  const redis =
    options.embedded || env.REDIS_URL === 'none' ? undefined : (env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const theDb = db;
  const scans = createScanService({
    db,
    tenantId: tenant.id,
    connectors,
    redis,
    queuePrefix: env.AISPM_QUEUE_PREFIX ?? 'aispm',
    onScanFinished:
      options.evaluateAfterScan === false
        ? undefined
        : async (scanId) => {
            const summary = await evaluate(theDb, tenant.id, scanId);
            options.onEvaluated?.(summary);
          },
  });
  return {
    db,
    tenant,
    scans,
    async close() {
      await scans.close();
      if (!options.db) await theDb.close();
    },
  };
}
