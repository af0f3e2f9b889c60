import { type Db, getScanState, TERMINAL_SCAN_STATUSES } from '@aispm/db';

/** How often a running task checks whether its scan was cancelled (each check is one indexed read). */
const SCAN_END_POLL_MS = 1_000;
const TERMINAL = new Set<string>(TERMINAL_SCAN_STATUSES);

/** Default task deadline (AISPM_TASK_TIMEOUT_MS): far above any task's normal run, finite so none runs for ever. */
export const DEFAULT_TASK_TIMEOUT_MS = 15 * 60_000;

/**
 * A task that outlived its deadline. Permanent: a task that hung once (an endpoint that answers nothing, a
 * paging loop slower than any real one) would hang again, and its retries would hold the scan for hours.
 */
export class TaskTimeoutError extends Error {
  override name = 'PermanentTaskError';
  constructor(ms: number) {
    super(`the task did not finish within its deadline of ${ms} ms (AISPM_TASK_TIMEOUT_MS)`);
  }
}

/**
 * Watches one running task: polls the scan's status, and when the scan has ended (cancelled, failed as abandoned)
 * the returned signal aborts the task's cloud calls; the runner's own signal (shutdown) aborts it too. `run`
 * bounds the work by the task deadline: the signal aborts, and the task fails even if the work ignores it (its
 * result, should it come later, is never written).
 */
export function watchTask(db: Db, scanId: string, runnerSignal: AbortSignal, deadlineMs: number) {
  const controller = new AbortController();
  let endedFlag = false;
  const markEnded = () => {
    endedFlag = true;
    controller.abort(new Error(`scan ${scanId} ended`));
  };
  const timer = setInterval(() => {
    getScanState(db, scanId)
      .then((scan) => {
        if (!scan || TERMINAL.has(scan.status)) markEnded();
      })
      .catch(() => {}); // a missed poll is retried on the next tick
  }, SCAN_END_POLL_MS);
  timer.unref();
  const deadline = new AbortController();
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  const signal = AbortSignal.any([runnerSignal, controller.signal, deadline.signal]);
  return {
    signal,
    markEnded,
    hasEnded: () => endedFlag,
    async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
      const expired = new Promise<never>((_, reject) => {
        deadlineTimer = setTimeout(() => {
          const error = new TaskTimeoutError(deadlineMs);
          deadline.abort(error);
          reject(error);
        }, deadlineMs);
      });
      try {
        return await Promise.race([work(signal), expired]);
      } finally {
        clearTimeout(deadlineTimer);
      }
    },
    stop: () => {
      clearInterval(timer);
      clearTimeout(deadlineTimer);
    },
  };
}
