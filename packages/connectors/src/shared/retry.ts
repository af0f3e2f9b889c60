import { AdaptiveRetryStrategy, StandardRetryStrategy } from '@smithy/util-retry';

// Derived from the strategy class so this package needs no direct @smithy/types dependency.
type RetryToken = Awaited<ReturnType<StandardRetryStrategy['acquireInitialRetryToken']>>;
type RetryErrorInfo = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[1];
export interface RetryStrategyV2 {
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}

export type RetryMode = 'standard' | 'adaptive';

export const DEFAULT_MAX_ATTEMPTS = 6;
/**
 * Deadline of one cloud API call (connect, answer and body). A call that gets no answer (a hung endpoint) would
 * otherwise hold its task, and the scan, for ever; past the deadline it fails like a network error and is retried.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/** The error a call past its deadline fails with: retried by every cloud's retry strategy as a network error. */
export function callTimeoutError(ms: number, what: string): Error {
  return Object.assign(new Error(`no answer within ${ms} ms: ${what}`), {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
  });
}

export function checkCallTimeout(ms: number): number {
  if (!Number.isInteger(ms) || ms < 1) throw new Error(`callTimeoutMs must be a positive integer, got ${ms}`);
  return ms;
}

/**
 * The SDK's own retry strategy (exponential backoff with full jitter, retry quota, and for `adaptive` a
 * client-side rate limiter), wrapped so every throttled attempt the SDK decides to retry is reported.
 * Counting happens after the inner strategy accepts the retry, so a throttle that ends the call (attempts or
 * quota exhausted) surfaces as the error instead of as a retried throttle.
 */
export function countingRetryStrategy(options: {
  maxAttempts?: number;
  mode?: RetryMode;
  onThrottle: () => void;
}): RetryStrategyV2 {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new Error(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  // Both strategies implement the same V2 interface; the cast only unifies their token types.
  const inner = (
    options.mode === 'adaptive'
      ? new AdaptiveRetryStrategy(maxAttempts)
      : new StandardRetryStrategy(maxAttempts)
  ) as StandardRetryStrategy;
  return {
    acquireInitialRetryToken: (scope: string) => inner.acquireInitialRetryToken(scope),
    async refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
      // The SDK treats an unparseable or cut-off 2xx body as a client error; it is a transport fault: retry it.
      const info: RetryErrorInfo =
        errorInfo.errorType === 'CLIENT_ERROR' && isBrokenResponse(errorInfo.error)
          ? { ...errorInfo, errorType: 'TRANSIENT' }
          : errorInfo;
      const next = await inner.refreshRetryTokenForRetry(token, info);
      if (errorInfo.errorType === 'THROTTLING') options.onThrottle();
      return next;
    },
    recordSuccess: (token: RetryToken) => inner.recordSuccess(token),
  };
}

/** A response the SDK could not read: malformed JSON/XML, or a body shorter than its Content-Length. */
export function isBrokenResponse(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as {
    name?: string;
    message?: string;
    code?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status < 200 || status >= 300)) return false;
  if (
    e.name === 'SyntaxError' ||
    /Deserialization error|Unexpected end of|is not valid JSON|premature close|aborted/i.test(e.message ?? '')
  )
    return true;
  return e.code === 'ERR_STREAM_PREMATURE_CLOSE' || e.code === 'ECONNRESET';
}

const PERMANENT_ERROR_NAMES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnknownOperationException',
  'InvalidAction',
  'NotImplemented',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'AuthorizationError',
  'ValidationException',
  'ValidationError',
  'InvalidParameterValue',
  'InvalidParameterException',
  'AWSOrganizationsNotInUseException',
  'SubscriptionRequiredException',
  'OptInRequired',
]);

/** Errors that another attempt cannot fix (permissions, validation, service not enabled). */
export function isPermanentAwsError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name && PERMANENT_ERROR_NAMES.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status === 401 || status === 403;
}

/** "Not found" answers for optional sub-resources (no bucket policy, no lifecycle config, …). */
export function isNotFoundError(error: unknown, ...names: string[]): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name && names.includes(e.name)) return true;
  if (e.Code && names.includes(e.Code)) return true;
  return names.length === 0 && e.$metadata?.httpStatusCode === 404;
}
