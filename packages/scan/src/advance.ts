import type { Connector, ScanPhase } from '@aispm/connectors';
import {
  addScanRemoved,
  allScanTasksSettled,
  type Db,
  listGapTaskKey,
  listScanTasks,
  phaseTasksSettled,
  reconcileSnapshot,
  type ScanTaskKey,
  type ScanTaskRow,
  SETTLED_TASK_STATUSES,
  setScanTasksQueued,
  tasksWithListGaps,
} from '@aispm/db';
import { isDiscoverTask, type ScanJob, taskSource } from './jobs.ts';
import type { ScanLogger } from './processor.ts';
import { dependentsOf, phaseOfTask, servicesThrough } from './service-order.ts';

const SETTLED = new Set<string>(SETTLED_TASK_STATUSES);
const PHASES: readonly ScanPhase[] = [1, 2, 3];

export interface AdvanceOptions {
  db: Db;
  connector(provider: string): Connector;
  enqueue(jobs: ScanJob[]): Promise<void>;
  log: ScanLogger;
}

/**
 * What follows a settled task: the services waiting on it alone (`ServiceModule.after`), the provider's next phase
 * once its phase is complete in every account, and finalize once nothing is left. Safe to run any number of times
 * from any task: reconciling twice removes nothing more, queueing only moves pending tasks, and jobs carry
 * deterministic ids.
 *
 * Phases are barriers across the provider's accounts, not per account: phase 2 and 3 tasks read what other
 * accounts stored (an org-wide identity list for access analysis, bucket references from every account's
 * models), so an account that raced ahead would see another account's graph half-written, and the result would
 * depend on task order, concurrency and worker count. A service that names what it reads narrows its own barrier
 * to those services, across the provider's accounts all the same.
 */
export class ScanAdvance {
  constructor(private readonly options: AdvanceOptions) {}

  private get db(): Db {
    return this.options.db;
  }

  async afterTask(tenantId: string, scanId: string, key: ScanTaskKey): Promise<void> {
    const connector = this.options.connector(key.provider);
    const phase = phaseOfTask(connector, key);
    await this.startDependents(tenantId, scanId, connector, key.service);
    // Most tasks settle while others of their phase still run: one read says so, without listing the tasks. The
    // phases before count too: a service started early (by `after`) may settle before they do.
    const through = servicesThrough(connector, phase);
    if (phase > 0 && !(await phaseTasksSettled(this.db, tenantId, scanId, key.provider, through))) return;
    const tasks = await listScanTasks(this.db, scanId, { provider: key.provider });
    await this.advanceProvider(tenantId, scanId, connector, phase, tasks);
    if (await allScanTasksSettled(this.db, scanId)) {
      await this.options.enqueue([{ kind: 'finalize', tenantId, scanId }]);
    }
  }

  /**
   * Queues the services that wait for this one alone (with the rest of their `after` list) once all of those have
   * settled in every account of the provider, after reconciling what they own: the early starter must not read
   * an item the scan is about to remove.
   */
  private async startDependents(
    tenantId: string,
    scanId: string,
    connector: Connector,
    service: string,
  ): Promise<void> {
    for (const dependent of dependentsOf(connector, service)) {
      const after = dependent.after ?? [];
      if (!(await phaseTasksSettled(this.db, tenantId, scanId, connector.provider, after))) continue;
      const tasks = await listScanTasks(this.db, scanId, { provider: connector.provider });
      const waiting = tasks.filter((t) => t.service === dependent.service && t.status === 'pending');
      if (waiting.length === 0) continue;
      await this.reconcile(
        tenantId,
        scanId,
        tasks.filter((t) => after.includes(t.service)),
      );
      await this.queueTasks(tenantId, scanId, connector.provider, dependent.phase, waiting, {
        service: dependent.service,
        after,
      });
    }
  }

  private async advanceProvider(
    tenantId: string,
    scanId: string,
    connector: Connector,
    phase: number,
    tasks: ScanTaskRow[],
  ): Promise<void> {
    const inPhase = (p: number) => tasks.filter((t) => !isDiscoverTask(t) && phaseOfTask(connector, t) === p);
    if (phase > 0) {
      const done = inPhase(phase);
      if (done.some((t) => !SETTLED.has(t.status))) return;
      // Reconcile the phase before the next one reads the graph: phase 2 must not fetch a bucket that only a
      // removed phase-1 edge still points at.
      await this.reconcile(tenantId, scanId, done);
    }
    for (const next of PHASES.filter((p) => p > phase)) {
      const planned = inPhase(next);
      const open = planned.filter((t) => !SETTLED.has(t.status));
      if (open.length === 0) {
        // Its tasks started early (by `after`) and have all settled: reconciled here, as their phase ends.
        await this.reconcile(tenantId, scanId, planned);
        continue;
      }
      await this.queueTasks(tenantId, scanId, connector.provider, next, open, { phase: next });
      return;
    }
  }

  /** Moves the tasks from pending to queued and enqueues them; `why` goes to the log (a phase, or an early start). */
  private async queueTasks(
    tenantId: string,
    scanId: string,
    provider: string,
    phase: ScanPhase,
    tasks: ScanTaskRow[],
    why: Record<string, unknown>,
  ): Promise<void> {
    const keys = tasks.map((t) => ({
      provider,
      accountId: t.accountId,
      region: t.region,
      service: t.service,
    }));
    await setScanTasksQueued(this.db, scanId, keys);
    this.options.log('debug', 'tasks queued', { scanId, provider, ...why, tasks: keys.length });
    await this.options.enqueue(keys.map((k) => ({ kind: 'task', tenantId, scanId, phase, ...k })));
  }

  /** Removes what the settled tasks' succeeded owners did not see this scan, and counts it on the scan. */
  private async reconcile(tenantId: string, scanId: string, settled: ScanTaskRow[]): Promise<void> {
    const succeeded = await reconcilableTasks(
      this.db,
      scanId,
      settled.filter((t) => t.status === 'succeeded'),
    );
    if (succeeded.length === 0) return;
    const removed = await reconcileSnapshot(this.db, {
      tenantId,
      scanId,
      succeeded: succeeded.map((t) => ({ accountId: t.accountId, source: taskSource(t) })),
    });
    await addScanRemoved(this.db, scanId, removed.assetsRemoved);
  }
}

/**
 * The succeeded tasks that may remove what they did not see: not those that lost a listing to a coverage gap
 * (denied, not enabled), whose unseen items are unknown, not gone.
 */
export async function reconcilableTasks(
  db: Db,
  scanId: string,
  succeeded: ScanTaskRow[],
): Promise<ScanTaskRow[]> {
  if (succeeded.length === 0) return [];
  const partial = await tasksWithListGaps(db, scanId);
  return succeeded.filter((t) => !partial.has(listGapTaskKey(t.provider, t.accountId, t.region, t.service)));
}
