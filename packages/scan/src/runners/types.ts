import type { ScanJob } from '../jobs.ts';

export interface RunnerConcurrency {
  /** Jobs one worker runs at once. */
  worker: number;
  /** Tasks against one account at once, across all workers (cloud rate limits are per account). */
  perAccount: number;
}

export interface JobRunner {
  readonly mode: 'bullmq' | 'embedded';
  enqueue(jobs: ScanJob[]): Promise<void>;
  /** Starts processing in this process. */
  start(): Promise<void>;
  close(): Promise<void>;
}
