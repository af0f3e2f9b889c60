/**
 * Throttling as the cloud SDKs report it, in one place: the connectors' pacing slows a bucket down on it and the
 * scan's task retry waits longer after it.
 */
const THROTTLING_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

/** Throttling as AWS, Azure and GCP clients report it: error names, 429s, or the SDK's own retryable flag. */
export function isThrottlingError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as {
    name?: string;
    code?: string | number;
    statusCode?: number;
    status?: number;
    $metadata?: { httpStatusCode?: number };
    $retryable?: { throttling?: boolean };
    throttled?: boolean;
  };
  if (e.throttled === true || e.$retryable?.throttling === true) return true;
  if (e.name && THROTTLING_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && THROTTLING_NAMES.has(e.code)) return true;
  // gRPC RESOURCE_EXHAUSTED (Google clients).
  if (e.code === 8) return true;
  return e.$metadata?.httpStatusCode === 429 || e.statusCode === 429 || e.status === 429;
}
