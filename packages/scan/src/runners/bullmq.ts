import { setMaxListeners } from 'node:events';
import type { LimitTable } from '@aispm/connectors/pacing';
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { accountKeyOf, jobIdOf, RetryableAttemptError, type ScanJob } from '../jobs.ts';
import { RedisPacer } from '../pacing.ts';
import { type ScanLogger, type ScanProcessor, UnknownScanError } from '../processor.ts';
import { backoffDelay, errorText, isThrottlingError, type RetryPolicy } from '../retry.ts';
import { AccountSlots } from './account-slots.ts';
import type { JobRunner, RunnerConcurrency } from './types.ts';

export const QUEUE_NAME = 'scan';
const BACKOFF_TYPE = 'aispm-jitter';

export interface BullmqRunnerOptions {
  redisUrl: string;
  prefix: string;
  concurrency: RunnerConcurrency;
  retry: RetryPolicy;
  /** How long a worker's lock on a job lasts without renewal; a killed worker's jobs are recovered after it. */
  lockDurationMs: number;
  /** How often workers look for jobs whose lock expired (stalled). */
  stalledIntervalMs: number;
  /** Stalls tolerated before a job is failed (each worker crash mid-job is one). */
  maxStalledCount: number;
  /** How long an account slot is held without renewal (a crashed worker's slots free themselves after it). */
  accountLeaseMs: number;
}

export class BullmqRunner implements JobRunner {
  readonly mode = 'bullmq' as const;
  readonly queue: Queue;
  private readonly connection: Redis;
  private readonly slots: AccountSlots;
  private worker: Worker | undefined;
  private workerConnection: Redis | undefined;

  constructor(
    private readonly processor: () => ScanProcessor,
    private readonly options: BullmqRunnerOptions,
    private readonly log: ScanLogger,
  ) {
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', (e) => this.log('error', 'redis connection error', { error: errorText(e) }));
    this.queue = new Queue(QUEUE_NAME, { connection: this.connection, prefix: options.prefix });
    this.queue.on('error', (e) => this.log('error', 'queue error', { error: errorText(e) }));
    this.slots = new AccountSlots(this.connection, `${options.prefix}:${QUEUE_NAME}`, {
      leaseMs: options.accountLeaseMs,
      perAccount: options.concurrency.perAccount,
    });
  }

  private maxAttempts(job: ScanJob): number {
    return job.kind === 'task' || job.kind === 'discover'
      ? this.options.retry.attempts
      : job.kind === 'finalize'
        ? 5
        : 1;
  }

  async enqueue(jobs: ScanJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((job) => {
        const jobId = jobIdOf(job);
        return {
          name: job.kind,
          data: job,
          opts: {
            ...(jobId ? { jobId } : {}),
            attempts: this.maxAttempts(job),
            // Later phases first: they are on an account's critical path, its earlier-phase siblings are not.
            priority: job.kind === 'task' ? 5 - (job.phase ?? 1) : 1,
            backoff: { type: BACKOFF_TYPE },
            removeOnComplete: { age: 24 * 3600, count: 50_000 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        };
      }),
    );
  }

  /** A pacer on this runner's Redis connection, shared with every worker on the same queue prefix. */
  pacer(limits: LimitTable): RedisPacer {
    return new RedisPacer(this.connection, this.options.prefix, limits);
  }

  async start(): Promise<void> {
    if (this.worker) return;
    this.workerConnection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', (e) =>
      this.log('error', 'redis connection error', { error: errorText(e) }),
    );
    const retry = this.options.retry;
    this.worker = new Worker(QUEUE_NAME, (job: Job<ScanJob>, token?: string) => this.handle(job, token), {
      connection: this.workerConnection,
      prefix: this.options.prefix,
      concurrency: this.options.concurrency.worker,
      lockDuration: this.options.lockDurationMs,
      stalledInterval: this.options.stalledIntervalMs,
      maxStalledCount: this.options.maxStalledCount,
      settings: {
        backoffStrategy: (attemptsMade: number, _type?: string, err?: Error) =>
          backoffDelay(attemptsMade, isThrottlingError(err), retry),
      },
    });
    this.worker.on('error', (e) => this.log('error', 'worker error', { error: errorText(e) }));
    this.worker.on('failed', (job, err) => {
      if (!job || err instanceof RetryableAttemptError || err instanceof DelayedError) return;
      if (err instanceof UnrecoverableError) return;
      if (job.attemptsMade < (job.opts.attempts ?? 1) && !/stalled/i.test(err.message)) return;
      void this.processor()
        .settleAbandoned(job.data, errorText(err))
        .catch((e: unknown) => this.log('error', 'could not settle abandoned job', { error: errorText(e) }));
    });
    await this.worker.waitUntilReady();
  }

  private async handle(job: Job<ScanJob>, token: string | undefined): Promise<void> {
    const data = job.data;
    const account = accountKeyOf(data);
    const jobId = job.id ?? '';
    if (account) {
      if (!(await this.slots.acquire(account, jobId))) {
        // The account is at its concurrency limit: step aside without using up an attempt.
        await job.moveToDelayed(Date.now() + 30 + Math.floor(Math.random() * 70), token);
        throw new DelayedError();
      }
    }
    const renew = account
      ? setInterval(
          () => {
            void this.slots.acquire(account, jobId).catch(() => {});
          },
          Math.max(50, Math.floor(this.options.accountLeaseMs / 3)),
        )
      : undefined;
    const controller = new AbortController();
    setMaxListeners(1_000, controller.signal);
    try {
      await this.processor().process(
        data,
        { attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 },
        controller.signal,
      );
    } catch (error) {
      // No retry can make this database know the scan: fail the job now, with the reason, for an operator to see.
      if (error instanceof UnknownScanError) throw new UnrecoverableError(error.message);
      throw error;
    } finally {
      if (renew) clearInterval(renew);
      if (account) await this.slots.release(account, jobId).catch(() => {});
    }
  }

  async upsertScheduler(
    id: string,
    repeat: { pattern: string; tz?: string } | { every: number },
    job: Extract<ScanJob, { kind: 'schedule' }>,
  ): Promise<void> {
    await this.queue.upsertJobScheduler(id, repeat, {
      name: 'schedule',
      data: job,
      opts: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    });
  }

  async removeScheduler(id: string): Promise<boolean> {
    return this.queue.removeJobScheduler(id);
  }

  async nextRun(id: string): Promise<Date | undefined> {
    const scheduler = await this.queue.getJobScheduler(id);
    return scheduler?.next ? new Date(scheduler.next) : undefined;
  }

  /** The job ids of `ids` that no longer wait or run in the queue (gone, completed or failed). */
  async missingJobs(ids: readonly string[]): Promise<string[]> {
    const missing: string[] = [];
    for (const id of ids) {
      const job = await this.queue.getJob(id);
      const state = job ? await job.getState() : 'unknown';
      if (state === 'unknown' || state === 'completed' || state === 'failed') missing.push(id);
    }
    return missing;
  }

  /**
   * Enqueues jobs again under their ids. A finished (failed or completed) job still kept under an id would make the
   * add a no-op, so it is removed first: a job whose attempts all met a database outage has failed in the queue
   * while its task is still unsettled in the database.
   */
  async requeue(jobs: ScanJob[]): Promise<void> {
    for (const job of jobs) {
      const id = jobIdOf(job);
      const existing = id ? await this.queue.getJob(id) : undefined;
      if (existing && ['completed', 'failed'].includes(await existing.getState())) await existing.remove();
    }
    await this.enqueue(jobs);
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.workerConnection?.disconnect();
    this.connection.disconnect();
  }
}

/** Deletes every Redis key under a queue prefix (test and bench clean-up). */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
