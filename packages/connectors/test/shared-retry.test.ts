import { describe, expect, it } from 'vitest';
import { collectPages, collectTokenPages, mapLimit, PaginationError } from '../src/shared/paging.ts';
import { countingRetryStrategy, isNotFoundError, isPermanentAwsError } from '../src/shared/retry.ts';

const throttling = { errorType: 'THROTTLING' as const };
const clientError = { errorType: 'CLIENT_ERROR' as const };

describe('countingRetryStrategy (SDK standard retry strategy, wrapped)', () => {
  it('counts a throttled attempt the SDK retries, and not the one that exhausts maxAttempts', async () => {
    let throttles = 0;
    const s = countingRetryStrategy({ maxAttempts: 2, onThrottle: () => throttles++ });
    const first = await s.acquireInitialRetryToken('bedrock');
    // The SDK strategy waits out its jittered backoff inside refresh, then hands back the next attempt's token.
    const second = await s.refreshRetryTokenForRetry(first, throttling);
    expect(throttles).toBe(1);
    expect(second.getRetryCount()).toBe(1);
    // maxAttempts reached: the SDK gives up and the throttle surfaces as the call's error, uncounted.
    await expect(s.refreshRetryTokenForRetry(second, throttling)).rejects.toThrow();
    expect(throttles).toBe(1);
  });

  it('does not retry or count client errors', async () => {
    let throttles = 0;
    const s = countingRetryStrategy({ maxAttempts: 6, mode: 'adaptive', onThrottle: () => throttles++ });
    const token = await s.acquireInitialRetryToken('iam');
    await expect(s.refreshRetryTokenForRetry(token, clientError)).rejects.toThrow();
    expect(throttles).toBe(0);
  });

  it('rejects a nonsensical attempt count', () => {
    expect(() => countingRetryStrategy({ maxAttempts: 0, onThrottle: () => {} })).toThrow(/maxAttempts/);
  });
});

describe('error classification', () => {
  it('treats access denied and validation errors as permanent, throttling as not', () => {
    expect(isPermanentAwsError({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } })).toBe(
      true,
    );
    expect(isPermanentAwsError({ name: 'Foo', $metadata: { httpStatusCode: 403 } })).toBe(true);
    expect(isPermanentAwsError({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } })).toBe(
      false,
    );
    expect(isPermanentAwsError('boom')).toBe(false);
  });

  it('recognises named "not found" answers', () => {
    expect(isNotFoundError({ name: 'NoSuchBucketPolicy' }, 'NoSuchBucketPolicy')).toBe(true);
    expect(isNotFoundError({ name: 'AccessDenied' }, 'NoSuchBucketPolicy')).toBe(false);
  });
});

describe('paging helpers', () => {
  it('follows tokens to the end and refuses a repeated token', async () => {
    const pages: Record<string, { items: number[]; next?: string }> = {
      start: { items: [1, 2], next: 'a' },
      a: { items: [3], next: 'b' },
      b: { items: [4] },
    };
    expect(
      await collectTokenPages(async (t) => ({
        items: pages[t ?? 'start']?.items,
        next: pages[t ?? 'start']?.next,
      })),
    ).toEqual([1, 2, 3, 4]);
    await expect(collectTokenPages(async () => ({ items: [1], next: 'same' }))).rejects.toThrow(/repeated/);
  });

  it('mapLimit keeps order and never exceeds its concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 4, 3, 2, 1], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 40, 30, 20, 10]);
    expect(peak).toBe(2);
  });
});

describe('collectPages over an SDK paginator', () => {
  async function* pages<P>(list: P[]) {
    for (const p of list) yield p;
  }

  it('collects items across pages', async () => {
    expect(
      await collectPages(pages([{ Items: [1], NextToken: 'a' }, { Items: [2, 3] }]), (p) => p.Items),
    ).toEqual([1, 2, 3]);
  });

  it('fails a listing whose token repeats instead of truncating it silently', async () => {
    const endless = pages([
      { items: [1], nextToken: 'p:1' },
      { items: [1], nextToken: 'p:1' },
      { items: [1], nextToken: 'p:1' },
    ]);
    await expect(collectPages(endless, (p) => p.items)).rejects.toThrow(PaginationError);
  });
});
