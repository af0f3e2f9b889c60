import type { AccountTarget, CallPacer, Connector, ScanPhase, ServiceModule } from '@aispm/connectors';
import {
  AssetRecordSchema,
  checkFacts,
  EdgeRecordSchema,
  type GraphBatch,
  type Provider,
  type ScanScope,
} from '@aispm/core';
import {
  accountsWithAssetsFrom,
  addScanTasks,
  allScanTasksSettled,
  completeScanTask,
  countCoverageGaps,
  type Db,
  failScanTask,
  finishScan,
  getScanState,
  listScanTasks,
  lockScanForTask,
  markScanRunning,
  reconcileSnapshot,
  recordCoverageGaps,
  recordScanTaskRetry,
  type ScanTaskKey,
  startScanTaskAttempt,
  TERMINAL_SCAN_STATUSES,
  upsertAccounts,
  writeGraphBatch,
} from '@aispm/db';
import { reconcilableTasks, ScanAdvance } from './advance.ts';
import { GraphViews } from './graph-view.ts';
import {
  type AttemptInfo,
  DISCOVER_SERVICE,
  discoverTaskKey,
  isDiscoverTask,
  ORG_ACCOUNT_ID,
  RetryableAttemptError,
  type ScanJob,
  taskSource,
} from './jobs.ts';
import { errorText, isPermanentError, isThrottlingError } from './retry.ts';
import { checkServiceOrder, fanOutOf, phaseOfTask, readStageOf } from './service-order.ts';
import { DEFAULT_TASK_TIMEOUT_MS, watchTask } from './task-watch.ts';

export type ScanLogger = (
  level: 'debug' | 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void;

export interface ProcessorOptions {
  db: Db;
  connectors: readonly Connector[];
  enqueue(jobs: ScanJob[]): Promise<void>;
  /** Starts a scan for a schedule firing (deduplicated like any other request). */
  startScheduledScan(job: Extract<ScanJob, { kind: 'schedule' }>): Promise<void>;
  onScanFinished?: ((scanId: string) => Promise<void> | void) | undefined;
  log: ScanLogger;
  /** Paces the connectors' API calls (shared by every worker in BullMQ mode); undefined → unpaced. */
  pacer?: CallPacer | undefined;
  /** A task running longer fails for good (default 15 min). */
  taskTimeoutMs?: number | undefined;
}

const TERMINAL = new Set<string>(TERMINAL_SCAN_STATUSES);

/**
 * A job for a scan this database does not know: a worker pointed at another database than the one that enqueued
 * it, or a scan row deleted under a live queue. Failing it loudly (never retried) beats completing it silently and
 * leaving the real scan stuck.
 */
export class UnknownScanError extends Error {
  override name = 'UnknownScanError';
  constructor(readonly scanId: string) {
    super(
      `job for scan ${scanId}, which this database does not know: is this worker on the same DATABASE_URL as the process that started the scan?`,
    );
  }
}

/** Rolls back a task's write when its scan ended (was cancelled) while the task ran. */
class ScanEndedError extends Error {
  override name = 'ScanEndedError';
  constructor(scanId: string) {
    super(`scan ${scanId} ended while the task ran`);
  }
}

/** A batch that does not match the asset/edge contract cannot be fixed by retrying. */
class InvalidBatchError extends Error {
  override name = 'PermanentTaskError';
}

/** A fact of one asset that did not match its kind's fact schema (kept as an UnknownFact naming the problem). */
interface FactIssue {
  assetId: string;
  fact: string;
  problem: string;
}

/**
 * The batch check: a record that breaks the asset/edge contract fails the task (retrying cannot fix it); a fact that
 * breaks its kind's fact schema does not: the asset is written with that fact as an UnknownFact naming the problem
 * (its rules report "not evaluated") and the issue is returned for the task to log.
 */
function validateBatch(batch: GraphBatch, source: string): FactIssue[] {
  if (!batch || !Array.isArray(batch.assets) || !Array.isArray(batch.edges)) {
    throw new InvalidBatchError(`${source} returned no { assets, edges } batch`);
  }
  const issues: FactIssue[] = [];
  for (const asset of batch.assets) {
    const parsed = AssetRecordSchema.safeParse(asset);
    if (!parsed.success) {
      throw new InvalidBatchError(
        `${source} returned an invalid asset ${JSON.stringify((asset as { id?: unknown })?.id)}: ${parsed.error.message}`,
      );
    }
    if (asset.properties.facts === undefined) continue;
    const checked = checkFacts(asset.kind, asset.properties.facts);
    asset.properties.facts = checked.facts;
    for (const p of checked.problems) issues.push({ assetId: asset.id, ...p });
  }
  for (const e of batch.edges) {
    const parsed = EdgeRecordSchema.safeParse(e);
    if (!parsed.success)
      throw new InvalidBatchError(`${source} returned an invalid edge: ${parsed.error.message}`);
  }
  return issues;
}

/**
 * The scan's processors: discover → per account, phase 1 → 2 → 3 → finalize. Every step is idempotent
 * (settled tasks are skipped, counters move once per task, enqueues carry deterministic ids), so a job
 * replayed after a crash or a stalled lock does no harm.
 */
export class ScanProcessor {
  private readonly views: GraphViews;
  private readonly advance: ScanAdvance;

  constructor(private readonly options: ProcessorOptions) {
    for (const connector of options.connectors) checkServiceOrder(connector);
    this.views = new GraphViews(options.db);
    this.advance = new ScanAdvance({
      db: options.db,
      connector: (provider) => this.connector(provider),
      enqueue: (jobs) => options.enqueue(jobs),
      log: options.log,
    });
  }

  private get db(): Db {
    return this.options.db;
  }

  private connector(provider: string): Connector {
    const connector = this.options.connectors.find((c) => c.provider === provider);
    if (!connector) throw new Error(`no connector configured for provider ${provider}`);
    return connector;
  }

  private module(provider: string, service: string): ServiceModule | undefined {
    return this.options.connectors
      .find((c) => c.provider === provider)
      ?.services.find((s) => s.service === service);
  }

  /** The phase a task runs in (0 for discovery), from its service module. */
  phaseOf(task: ScanTaskKey): ScanPhase | 0 {
    const connector = this.options.connectors.find((c) => c.provider === task.provider);
    return connector ? phaseOfTask(connector, task) : 0;
  }

  async process(job: ScanJob, attempt: AttemptInfo, signal: AbortSignal): Promise<void> {
    switch (job.kind) {
      case 'discover':
        return this.discover(job, attempt, signal);
      case 'task':
        return this.task(job, attempt, signal);
      case 'finalize':
        return this.finalize(job.scanId, job.tenantId);
      case 'schedule':
        return this.options.startScheduledScan(job);
    }
  }

  /** A job the runner gave up on without the processor settling it (stalled too often, crashed bookkeeping). */
  async settleAbandoned(job: ScanJob, reason: string): Promise<void> {
    if (job.kind !== 'task' && job.kind !== 'discover') return;
    const key = job.kind === 'discover' ? discoverTaskKey(job.provider) : job;
    await failScanTask(this.db, job.scanId, key, { error: reason, throttled: 0 });
    await this.advance.afterTask(job.tenantId, job.scanId, key);
  }

  /** The scan when it is still running; null when it has ended (late jobs are dropped quietly). */
  private async activeScan(scanId: string) {
    const scan = await getScanState(this.db, scanId);
    if (!scan) {
      this.options.log('error', 'job for an unknown scan', { scanId });
      throw new UnknownScanError(scanId);
    }
    if (TERMINAL.has(scan.status)) return null;
    return scan;
  }

  private async discover(
    job: Extract<ScanJob, { kind: 'discover' }>,
    attempt: AttemptInfo,
    signal: AbortSignal,
  ): Promise<void> {
    const scan = await this.activeScan(job.scanId);
    if (!scan) return;
    const key = discoverTaskKey(job.provider);
    const started = await startScanTaskAttempt(this.db, job.scanId, key);
    if (started) {
      await markScanRunning(this.db, job.scanId);
      const connector = this.connector(job.provider);
      try {
        const scope = scan.scope as ScanScope;
        const found = await connector.discover({
          signal,
          pacer: this.options.pacer,
          ...(scope.accounts ? { only: scope.accounts } : {}),
        });
        validateBatch(found.batch, 'discover');
        const inScope = (a: AccountTarget) => !scope.accounts || scope.accounts.includes(a.accountId);
        const accounts = found.accounts.filter(inScope);
        // What discovery could not cover (an account whose role cannot be assumed) is a failed task on that
        // account: reported with its reason, never retried, and nothing stored for the account is removed.
        const gaps = (found.gaps ?? []).filter((g) => inScope(g.account));
        const gapKeys = gaps.map((g) => ({
          key: {
            provider: job.provider,
            accountId: g.account.accountId,
            region: 'global',
            service: g.operation,
          } satisfies ScanTaskKey,
          reason: g.reason,
        }));
        const recorded = new Map<string, AccountTarget>();
        for (const a of [...accounts, ...gaps.map((g) => g.account)]) recorded.set(a.accountId, a);
        await upsertAccounts(
          this.db,
          job.tenantId,
          [...recorded.values()].map((a) => ({
            provider: a.provider,
            externalId: a.accountId,
            name: a.name,
            parentExternalId: a.orgPath.at(-1) ?? null,
            orgPath: a.orgPath,
            connection: a.connection,
          })),
        );
        const planned = accounts.flatMap((a) => this.planAccount(connector, a));
        await this.db.transaction(async (tx) => {
          // A cancelled scan plans nothing more (cancel settled every task it had; new ones would never run).
          if (!(await lockScanForTask(tx, job.scanId))) throw new ScanEndedError(job.scanId);
          const written = await writeGraphBatch(
            tx,
            {
              tenantId: job.tenantId,
              scanId: job.scanId,
              source: taskSource(key),
              accountId: ORG_ACCOUNT_ID,
            },
            found.batch,
          );
          await addScanTasks(tx, job.tenantId, job.scanId, [
            ...planned,
            ...gapKeys.map((g) => ({ ...g.key, status: 'pending' as const })),
          ]);
          for (const g of gapKeys)
            await failScanTask(tx, job.scanId, g.key, { error: g.reason, throttled: 0 });
          await completeScanTask(tx, job.scanId, key, {
            assetsSeen: written.assetsSeen,
            edgesSeen: written.edgesSeen,
            assetsWritten: written.assetsInserted + written.assetsUpdated,
            throttled: 0,
          });
        });
      } catch (error) {
        if (error instanceof ScanEndedError) return;
        await this.attemptFailed(job.scanId, key, error, attempt, 0);
      }
    }
    await this.advance.afterTask(job.tenantId, job.scanId, key);
  }

  /** Every task of an account, all phases: planned up front so progress has a true total from the start. */
  private planAccount(connector: Connector, account: AccountTarget): (ScanTaskKey & { status: 'pending' })[] {
    const regions = connector.regions(account);
    return connector.services.flatMap((module) =>
      (module.global ? ['global'] : regions).map((region) => ({
        provider: connector.provider,
        accountId: account.accountId,
        region,
        service: module.service,
        status: 'pending' as const,
      })),
    );
  }

  private async task(
    job: Extract<ScanJob, { kind: 'task' }>,
    attempt: AttemptInfo,
    signal: AbortSignal,
  ): Promise<void> {
    const key: ScanTaskKey = {
      provider: job.provider,
      accountId: job.accountId,
      region: job.region,
      service: job.service,
    };
    const scan = await this.activeScan(job.scanId);
    if (!scan) return;
    const started = await startScanTaskAttempt(this.db, job.scanId, key);
    if (started) {
      this.options.log('debug', 'task started', { scanId: job.scanId, ...key, attempt: attempt.attempt });
      let throttled = 0;
      // A cancelled (or otherwise ended) scan stops its in-flight calls and never writes their results.
      const ended = watchTask(
        this.db,
        job.scanId,
        signal,
        this.options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS,
      );
      try {
        const module = this.module(job.provider, job.service);
        if (!module) throw new InvalidBatchError(`no ${job.provider} service module named ${job.service}`);
        const account = await this.accountTarget(job.tenantId, job.provider, job.accountId);
        const source = taskSource(key);
        const batch = await ended.run((taskSignal) =>
          module.run({
            target: {
              provider: job.provider as Provider,
              accountId: job.accountId,
              region: job.region,
              service: job.service,
            },
            account,
            signal: taskSignal,
            graph: this.views.forTask(job.tenantId, job.scanId, readStageOf(module)),
            onThrottle: () => {
              throttled++;
            },
            pacer: this.options.pacer,
            fanOut: fanOutOf(this.connector(job.provider), module),
            log: (message, fields) =>
              this.options.log('info', message, { scanId: job.scanId, source, ...fields }),
          }),
        );
        for (const issue of validateBatch(batch, source)) {
          this.options.log('warn', 'connector produced an invalid fact: stored as unknown', {
            scanId: job.scanId,
            source,
            ...issue,
          });
        }
        await this.db.transaction(async (tx) => {
          // The scan row, shared with the other tasks: a cancel that committed first is seen here and nothing is
          // written; one that comes later waits for this commit. The write lands whole or not at all.
          if (!(await lockScanForTask(tx, job.scanId))) {
            ended.markEnded();
            throw new ScanEndedError(job.scanId);
          }
          const written = await writeGraphBatch(
            tx,
            { tenantId: job.tenantId, scanId: job.scanId, source, accountId: job.accountId },
            batch,
          );
          // What the task could not read goes with what it read: both land, or neither.
          await recordCoverageGaps(tx, job.tenantId, job.scanId, batch.gaps ?? []);
          await completeScanTask(tx, job.scanId, key, {
            assetsSeen: written.assetsSeen,
            edgesSeen: written.edgesSeen,
            assetsWritten: written.assetsInserted + written.assetsUpdated,
            throttled,
          });
        });
      } catch (error) {
        if (!ended.hasEnded()) await this.attemptFailed(job.scanId, key, error, attempt, throttled);
      } finally {
        ended.stop();
      }
      if (ended.hasEnded()) {
        this.options.log('info', 'scan ended while the task ran: its results are discarded', {
          scanId: job.scanId,
          ...key,
        });
        return;
      }
    }
    await this.advance.afterTask(job.tenantId, job.scanId, key);
  }

  /** Records a failed attempt; throws to ask the runner for another one unless this was the last. */
  private async attemptFailed(
    scanId: string,
    key: ScanTaskKey,
    error: unknown,
    attempt: AttemptInfo,
    sdkThrottles: number,
  ): Promise<void> {
    const throttledError = isThrottlingError(error);
    const throttled = sdkThrottles + (throttledError ? 1 : 0);
    const text = errorText(error);
    const final = isPermanentError(error) || attempt.attempt >= attempt.maxAttempts;
    if (!final) {
      await recordScanTaskRetry(this.db, scanId, key, { error: text, throttled });
      this.options.log('warn', 'task attempt failed, retrying', {
        scanId,
        ...key,
        attempt: attempt.attempt,
        error: text,
      });
      throw new RetryableAttemptError(text, throttledError);
    }
    await failScanTask(this.db, scanId, key, { error: text, throttled });
    this.options.log('warn', 'task failed', { scanId, ...key, attempts: attempt.attempt, error: text });
  }

  private async accountTarget(tenantId: string, provider: string, accountId: string): Promise<AccountTarget> {
    const row = await this.db.prisma.cloudAccount.findUnique({
      where: { tenantId_provider_externalId: { tenantId, provider, externalId: accountId } },
      omit: { credentialsCiphertext: true },
    });
    if (!row) throw new Error(`account ${provider}/${accountId} is not recorded; discovery must run first`);
    return {
      provider: provider as Provider,
      accountId,
      name: row.name,
      orgPath: row.orgPath,
      connection: (row.connection ?? {}) as Record<string, unknown>,
    };
  }

  /** Reconciles what the succeeded tasks own, sets the final status once, then hands over to evaluation. */
  async finalize(scanId: string, tenantId: string): Promise<void> {
    const scan = await this.activeScan(scanId);
    if (!scan) return;
    if (!(await allScanTasksSettled(this.db, scanId))) return;
    const tasks = await listScanTasks(this.db, scanId);
    const succeeded = tasks.filter((t) => t.status === 'succeeded');
    const owners = new Map<string, { accountId: string; source: string }>();
    const own = (accountId: string, source: string) =>
      owners.set(`${accountId}\u0000${source}`, { accountId, source });
    for (const t of await reconcilableTasks(this.db, scanId, succeeded)) {
      if (!isDiscoverTask(t)) {
        own(t.accountId, taskSource(t));
        continue;
      }
      // Discovery saw the organisation: it owns the org-level items and the account records of the accounts
      // in scope (every account it ever recorded, for an org-wide scan, so an account that left is removed).
      const source = taskSource(t);
      own(ORG_ACCOUNT_ID, source);
      for (const x of tasks) if (x.provider === t.provider && !isDiscoverTask(x)) own(x.accountId, source);
      const scope = scan.scope as ScanScope;
      if (!scope.accounts) {
        for (const a of await accountsWithAssetsFrom(this.db, tenantId, t.provider, source)) own(a, source);
      }
    }
    // Phases were reconciled as they completed; this pass adds discovery's items and is a no-op for the rest.
    const removed = await reconcileSnapshot(this.db, { tenantId, scanId, succeeded: [...owners.values()] });
    const failed = tasks.filter((t) => t.status === 'failed');
    // A read that was denied (or not enabled) left facts unknown: the scan is partial even if every task succeeded.
    const gaps = await countCoverageGaps(this.db, scanId);
    const status =
      failed.length === 0 && gaps === 0 ? 'succeeded' : succeeded.length === 0 ? 'failed' : 'partial';
    const problems = [
      ...(failed.length ? [`${failed.length} of ${tasks.length} tasks failed`] : []),
      ...(gaps ? [`${gaps} coverage gap${gaps === 1 ? '' : 's'} (reads denied or not enabled)`] : []),
    ];
    const error = problems.length ? problems.join('; ') : null;
    const finished = await finishScan(this.db, scanId, {
      status,
      assetsRemoved: removed.assetsRemoved,
      error,
    });
    if (finished) {
      this.options.log('info', 'scan finished', { scanId, status, assetsRemoved: removed.assetsRemoved });
      if (this.options.onScanFinished) {
        try {
          await this.options.onScanFinished(scanId);
        } catch (hookError) {
          this.options.log('error', 'onScanFinished failed', { scanId, error: errorText(hookError) });
        }
      }
    }
  }
}

export { DISCOVER_SERVICE };
