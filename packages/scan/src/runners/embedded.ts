import { setMaxListeners } from 'node:events';
import { type AttemptInfo, accountKeyOf, jobIdOf, RetryableAttemptError, type ScanJob } from '../jobs.ts';
import { type ScanLogger, type ScanProcessor, UnknownScanError } from '../processor.ts';
import { backoffDelay, errorText, type RetryPolicy } from '../retry.ts';
import type { JobRunner, RunnerConcurrency } from './types.ts';

interface Pending {
  job: ScanJob;
  attempt: number;
}

/**
 * The in-process runner used when no Redis is configured (`pnpm demo` on PGlite): the same processor, the
 * same per-account concurrency, attempts and backoff as the BullMQ runner, without durability.
 */
export class EmbeddedRunner implements JobRunner {
  readonly mode = 'embedded' as const;
  private readonly seen = new Set<string>();
  private readonly ready: Pending[] = [];
  private readonly perAccount = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();
  private running = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly processor: () => ScanProcessor,
    private readonly concurrency: RunnerConcurrency,
    private readonly retry: RetryPolicy,
    private readonly log: ScanLogger,
  ) {}

  async enqueue(jobs: ScanJob[]): Promise<void> {
    if (this.closed) throw new Error('scan service is closed');
    for (const job of jobs) {
      const id = jobIdOf(job);
      if (id !== undefined) {
        if (this.seen.has(id)) continue;
        this.seen.add(id);
      }
      this.ready.push({ job, attempt: 1 });
    }
    this.pump();
  }

  async start(): Promise<void> {}

  private maxAttempts(job: ScanJob): number {
    return job.kind === 'task' || job.kind === 'discover' ? this.retry.attempts : 3;
  }

  private pump(): void {
    for (let i = 0; i < this.ready.length && this.running < this.concurrency.worker; ) {
      const item = this.ready[i] as Pending;
      const account = accountKeyOf(item.job);
      if (account && (this.perAccount.get(account) ?? 0) >= this.concurrency.perAccount) {
        i++;
        continue;
      }
      this.ready.splice(i, 1);
      void this.run(item, account);
    }
    if (this.running === 0 && this.ready.length === 0 && this.timers.size === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private async run(item: Pending, account: string | undefined): Promise<void> {
    this.running++;
    if (account) this.perAccount.set(account, (this.perAccount.get(account) ?? 0) + 1);
    const info: AttemptInfo = { attempt: item.attempt, maxAttempts: this.maxAttempts(item.job) };
    const controller = new AbortController();
    // One task issues many concurrent SDK calls, each listening on the signal.
    setMaxListeners(1_000, controller.signal);
    this.controllers.add(controller);
    try {
      await this.processor().process(item.job, info, controller.signal);
    } catch (error) {
      await this.failed(item, info, error);
    } finally {
      this.controllers.delete(controller);
      this.running--;
      if (account) this.perAccount.set(account, (this.perAccount.get(account) ?? 1) - 1);
      this.pump();
    }
  }

  private async failed(item: Pending, info: AttemptInfo, error: unknown): Promise<void> {
    if (this.closed) return;
    if (error instanceof UnknownScanError) return; // logged by the processor; no retry can help
    const retryable = error instanceof RetryableAttemptError || info.attempt < info.maxAttempts;
    if (retryable && info.attempt < info.maxAttempts) {
      const throttled = error instanceof RetryableAttemptError && error.throttled;
      const delay = backoffDelay(info.attempt, throttled, this.retry);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.closed) return;
        this.ready.push({ job: item.job, attempt: item.attempt + 1 });
        this.pump();
      }, delay);
      this.timers.add(timer);
      return;
    }
    this.log('error', 'job abandoned', { job: item.job, error: errorText(error) });
    await this.processor()
      .settleAbandoned(item.job, errorText(error))
      .catch((e: unknown) => this.log('error', 'could not settle abandoned job', { error: errorText(e) }));
  }

  /** Resolves when nothing is running, queued or waiting for a retry. */
  idle(): Promise<void> {
    if (this.running === 0 && this.ready.length === 0 && this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.ready.length = 0;
    for (const c of this.controllers) c.abort();
    while (this.running > 0) await new Promise((r) => setTimeout(r, 10));
  }
}
