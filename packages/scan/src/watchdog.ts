import type { Provider } from '@aispm/core';
import {
  type Db,
  finishScan,
  listQuietScans,
  listScanTasks,
  type ScanTaskKey,
  SETTLED_TASK_STATUSES,
} from '@aispm/db';
import { isDiscoverTask, jobIdOf, type ScanJob } from './jobs.ts';
import type { ScanLogger } from './processor.ts';
import type { BullmqRunner } from './runners/bullmq.ts';

/** Default for AISPM_SCAN_LOST_AFTER_MS: above the task deadline, so a task that runs is never taken for lost. */
export const DEFAULT_SCAN_LOST_AFTER_MS = 20 * 60_000;

export interface WatchdogOptions {
  db: Db;
  runner: BullmqRunner;
  /** The processor's phase of a task (its service module's), so re-enqueued jobs keep their priority. */
  phaseOf(task: ScanTaskKey): number;
  lostAfterMs: number;
  log: ScanLogger;
}

const SETTLED = new Set<string>(SETTLED_TASK_STATUSES);

/**
 * Finds scans whose queue was lost (a Redis without persistence restarted, a flushed database): nothing happened in
 * them for `lostAfterMs` and none of the jobs their unsettled tasks need is in the queue any more. Those jobs are
 * enqueued again (ids are deterministic, so a job that does exist is never doubled); a scan still lost a window
 * later is marked failed with the reason, so it stops blocking new scans of its scope. Returns a stop function.
 */
export function startScanWatchdog(options: WatchdogOptions): () => void {
  const every = Math.max(250, Math.min(30_000, Math.floor(options.lostAfterMs / 3)));
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    checkLostScans(options)
      .catch((error: unknown) => options.log('warn', 'scan watchdog check failed', { error: String(error) }))
      .finally(() => {
        running = false;
      });
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}

export async function checkLostScans(options: WatchdogOptions): Promise<void> {
  const { db, runner, lostAfterMs, log } = options;
  for (const scan of await listQuietScans(db, lostAfterMs)) {
    const jobs = await jobsOf(options, scan.id, scan.tenantId);
    if (jobs.length === 0) continue;
    const ids = jobs.map((j) => jobIdOf(j) as string);
    const missing = new Set(await runner.missingJobs(ids));
    // One job of the scan still waits or runs: the scan is slow (a busy queue), not lost.
    if (missing.size < ids.length) continue;
    if (scan.quietMs >= 2 * lostAfterMs) {
      const reason = `lost: nothing happened for ${Math.round(scan.quietMs / 1000)} s and its queued work was gone even after it was enqueued again (was Redis restarted without persistence, or are no workers running?)`;
      if (await finishScan(db, scan.id, { status: 'failed', error: reason }))
        log('error', 'scan lost: marked failed', { scanId: scan.id, reason });
      continue;
    }
    await runner.requeue(jobs);
    log('warn', 'scan lost its queued jobs: enqueued again', { scanId: scan.id, jobs: jobs.length });
  }
}

/** The jobs a scan needs next: its unsettled, enqueued tasks (discovery included), or its finalize step. */
async function jobsOf(options: WatchdogOptions, scanId: string, tenantId: string): Promise<ScanJob[]> {
  const tasks = await listScanTasks(options.db, scanId);
  if (tasks.length > 0 && tasks.every((t) => SETTLED.has(t.status)))
    return [{ kind: 'finalize', tenantId, scanId }];
  return tasks
    .filter((t) => t.status === 'queued' || t.status === 'running')
    .map(
      (t): ScanJob =>
        isDiscoverTask(t)
          ? { kind: 'discover', tenantId, scanId, provider: t.provider as Provider }
          : {
              kind: 'task',
              tenantId,
              scanId,
              phase: options.phaseOf(t),
              provider: t.provider as Provider,
              accountId: t.accountId,
              region: t.region,
              service: t.service,
            },
    );
}
