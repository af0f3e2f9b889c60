export { connectorsFromConfig } from './connectors-from-config.ts';
export { cronError } from './cron.ts';
export { type EvaluationSummary, runEvaluation } from './evaluation.ts';
export {
  DISCOVER_SERVICE,
  discoverTaskKey,
  jobIdOf,
  ORG_ACCOUNT_ID,
  RetryableAttemptError,
  type ScanJob,
  taskSource,
} from './jobs.ts';
export { RedisPacer } from './pacing.ts';
export { type ScanLogger, ScanProcessor, UnknownScanError } from './processor.ts';
export {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  errorText,
  isPermanentError,
  isThrottlingError,
  type RetryPolicy,
} from './retry.ts';
export { deleteQueueKeys, QUEUE_NAME } from './runners/bullmq.ts';
export type { RunnerConcurrency } from './runners/types.ts';
export {
  createScanService,
  DEFAULT_CONCURRENCY,
  DEFAULT_QUEUE_PREFIX,
  DEFAULT_SCHEDULE,
  type ScanCounters,
  type ScanProgress,
  type ScanRequest,
  type ScanService,
  type ScanServiceOptions,
  type ScanSummary,
  type ScanTrigger,
  type ScheduleInput,
  SchedulesNeedRedisError,
} from './service.ts';
export { type RunningWorker, type RunWorkerOptions, runWorker } from './worker.ts';
