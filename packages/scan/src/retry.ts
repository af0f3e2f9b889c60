import { replaceControlCharacters } from '@aispm/core';
/** Retry policy for whole tasks (the SDK already retried the individual calls inside them). */
export interface RetryPolicy {
  /** Attempts per task, the first included. */
  attempts: number;
  /** Base delay of the exponential backoff. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A throttled task waits this many times longer: the API asked us to slow down. */
  throttleMultiplier: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 120_000,
  throttleMultiplier: 4,
};

/** Throttling as AWS, Azure and GCP clients report it (one definition, shared with the connectors' pacing). */
export { isThrottlingError } from '@aispm/core';

/**
 * `PermanentTaskError` from @aispm/connectors, recognised by name so a connector loaded through another copy of
 * the module (a worker's lazily imported connector) is still recognised.
 */
export function isPermanentError(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { name?: string }).name === 'PermanentTaskError';
}

/**
 * Exponential backoff with full jitter ("AWS architecture blog" style): a random delay in
 * [base·2^(n-1)/2, base·2^(n-1)], capped; throttling multiplies the window so a rate-limited API gets room.
 * `failedAttempts` counts attempts made so far (1 after the first failure).
 */
export function backoffDelay(
  failedAttempts: number,
  throttled: boolean,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const window = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** exponent * (throttled ? policy.throttleMultiplier : 1),
  );
  return Math.round(window / 2 + random() * (window / 2));
}

export function errorText(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    text = `${name}${error.message}`;
  } else {
    text = String(error);
  }
  // A cloud's error text is untrusted: NUL would make Postgres refuse the row (losing the real error), and other
  // control characters garble logs and terminals.
  return replaceControlCharacters(text).slice(0, 2_000);
}
