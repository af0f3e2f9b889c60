import type { Connector } from '@aispm/connectors';
import type { AispmConfig, Provider } from '@aispm/core';
import {
  type Db,
  dbOptionsFromConfig,
  ensureDatabase,
  ensureTenant,
  migrate,
  openDb,
  type Tenant,
} from '@aispm/db';
import {
  connectorsFromConfig,
  createScanService,
  type EvaluationSummary,
  runEvaluation,
  type ScanService,
} from '@aispm/scan';

export type { EvaluationSummary };

/** Runs the evaluation service (it loads the policy engine on first use). */
export async function evaluate(
  db: Db,
  tenantId: string,
  scanId?: string,
  config?: Pick<AispmConfig, 'AISPM_CHANGES_RETENTION_DAYS'>,
): Promise<EvaluationSummary> {
  const retention = config?.AISPM_CHANGES_RETENTION_DAYS;
  return runEvaluation(db, tenantId, {
    ...(scanId ? { scanId } : {}),
    ...(retention ? { changesRetentionDays: retention } : {}),
  });
}

export interface Stack {
  db: Db;
  tenant: Tenant;
  scans: ScanService;
  close(): Promise<void>;
}

export interface StackOptions {
  config: AispmConfig;
  db?: Db;
  connectors?: Connector[];
  /** Run scans in this process without Redis. */
  embedded?: boolean;
  /** Evaluate after every scan (the default, as the worker does). */
  evaluateAfterScan?: boolean;
  onEvaluated?: (summary: EvaluationSummary) => void;
  /** Clouds to build connectors for when AISPM_CLOUDS is not set (e.g. the one `scan --provider` names). */
  clouds?: Provider;
}

/** The database, tenant and scan service the CLI commands share. */
export async function openStack(options: StackOptions): Promise<Stack> {
  const { config } = options;
  let db = options.db;
  if (!db) {
    const dbOptions = dbOptionsFromConfig(config);
    if (dbOptions.backend !== 'pglite' && dbOptions.url) await ensureDatabase(dbOptions.url);
    db = await openDb(dbOptions);
    await migrate(db);
  }
  const tenant = await ensureTenant(db, config.AISPM_TENANT);
  const connectors =
    options.connectors ??
    (await connectorsFromConfig(
      options.clouds && !config.AISPM_CLOUDS ? { ...config, AISPM_CLOUDS: [options.clouds] } : config,
    ));
  const redis = options.embedded ? undefined : (config.REDIS_URL ?? undefined);
  const theDb = db;
  const scans = createScanService({
    db,
    tenantId: tenant.id,
    connectors,
    redis,
    queuePrefix: config.AISPM_QUEUE_PREFIX,
    ...(config.AISPM_TASK_TIMEOUT_MS ? { taskTimeoutMs: config.AISPM_TASK_TIMEOUT_MS } : {}),
    ...(config.AISPM_PACING_SCALE !== undefined ? { pacingScale: config.AISPM_PACING_SCALE } : {}),
    onScanFinished:
      options.evaluateAfterScan === false
        ? undefined
        : async (scanId) => {
            const summary = await evaluate(theDb, tenant.id, scanId, options.config);
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
