import { describe, expect, it } from 'vitest';
import {
  BURST_HEADROOM,
  DOCUMENTED_LIMITS,
  LimitTable,
  MemoryPacer,
  MIN_RATE_FACTOR,
  PACING_HEADROOM,
  pacingDelay,
  THROTTLE_SLOWDOWN,
  waitForSlot,
} from '../src/shared/pacing.ts';

/** A pacer on a clock the test moves by hand. */
function pacerAt(rules = DOCUMENTED_LIMITS, scale = 1) {
  const clock = { now: 0 };
  return { clock, pacer: new MemoryPacer(new LimitTable(rules, scale), () => clock.now) };
}

describe('the documented limits', () => {
  it('resolve operations to buckets: per operation on AWS, per subscription or project budget on Azure and GCP', () => {
    const table = new LimitTable();
    const list = table.bucketFor('aws', '111122223333', 'sagemaker:ListEndpoints');
    expect(list).toEqual({
      key: 'aws|111122223333|aws:sagemaker:ListEndpoints',
      ratePerSec: 4 * PACING_HEADROOM,
      burst: Math.floor(8 * BURST_HEADROOM),
      // The 2 calls of the burst left unplanned last 526 ms at 3.8 a second; half of that.
      lateToleranceMs: expect.closeTo(263.16, 1),
    });
    expect(table.bucketFor('aws', '111122223333', 'sagemaker:DescribeEndpoint')?.ratePerSec).toBe(
      10 * PACING_HEADROOM,
    );
    expect(table.bucketFor('aws', '111122223333', 'iam:GetAccountAuthorizationDetails')?.ratePerSec).toBe(
      2 * PACING_HEADROOM,
    );
    // Every ARM read of a subscription shares one bucket; other subscriptions have their own.
    expect(table.bucketFor('azure', 'sub-a', 'read')?.key).toBe('azure|sub-a|azure:arm-read');
    // The Foundry Agent Service data plane spends a budget of its own, not Resource Manager's.
    expect(table.bucketFor('azure', 'sub-a', 'agents:read')?.key).toBe('azure|sub-a|azure:agents-read');
    expect(table.bucketFor('gcp', 'p1', 'vertex-ai')?.key).toBe('gcp|p1|gcp:vertex-read');
    expect(table.bucketFor('gcp', 'p1', 'storage')?.key).toBe('gcp|p1|gcp:read');
    // Without a matching rule an operation is not paced.
    expect(
      new LimitTable([['aws:s3:*', { ratePerSec: 1, burst: 1 }]]).bucketFor('aws', 'x', 'kms:ListKeys'),
    ).toBe(undefined);
  });

  it('refuses a rule that could never let a call through', () => {
    expect(() => new LimitTable([['aws:*', { ratePerSec: 0, burst: 1 }]])).toThrow(/ratePerSec/);
    expect(() => new LimitTable(DOCUMENTED_LIMITS, 0)).toThrow(/scale/);
  });
});

describe('MemoryPacer', () => {
  const rules = [['aws:test:*', { ratePerSec: 10 / PACING_HEADROOM, burst: 5 / BURST_HEADROOM }]] as const;

  it('lets a burst through at once, then spaces calls at the rate, in the order they were made', () => {
    const { pacer } = pacerAt(rules);
    const waits = Array.from({ length: 8 }, () => pacer.reserve('aws', 'a', 'test:Op'));
    // Burst 5 → five calls now; then one every 100 ms (10/s), queued behind each other.
    expect(waits).toEqual([0, 0, 0, 0, 0, 100, 200, 300]);
  });

  it('refills with time, never above the burst', () => {
    const { clock, pacer } = pacerAt(rules);
    for (let i = 0; i < 5; i++) pacer.reserve('aws', 'a', 'test:Op');
    clock.now = 250; // 2.5 tokens back
    expect([pacer.reserve('aws', 'a', 'test:Op'), pacer.reserve('aws', 'a', 'test:Op')]).toEqual([0, 0]);
    expect(pacer.reserve('aws', 'a', 'test:Op')).toBe(50);
    clock.now = 60_000; // a long quiet spell refills to the burst only
    const after = Array.from({ length: 6 }, () => pacer.reserve('aws', 'a', 'test:Op'));
    expect(after.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(after[5]).toBeGreaterThan(0);
  });

  it('keeps accounts and operations apart', () => {
    const { pacer } = pacerAt(rules);
    for (let i = 0; i < 5; i++) pacer.reserve('aws', 'a', 'test:Op');
    expect(pacer.reserve('aws', 'b', 'test:Op')).toBe(0);
    expect(pacer.reserve('aws', 'a', 'test:Other')).toBe(0);
    expect(pacer.reserve('aws', 'a', 'test:Op')).toBeGreaterThan(0);
  });

  it('slows a throttled bucket down and speeds it back up as calls go through', () => {
    const { pacer } = pacerAt(rules);
    pacer.throttled('aws', 'a', 'test:Op');
    expect(pacer.factorOf('aws', 'a', 'test:Op')).toBeCloseTo(THROTTLE_SLOWDOWN);
    for (let i = 0; i < 20; i++) pacer.throttled('aws', 'a', 'test:Op');
    expect(pacer.factorOf('aws', 'a', 'test:Op')).toBe(MIN_RATE_FACTOR);
    // At a tenth of the rate a token takes 1 s instead of 100 ms.
    expect(pacer.reserve('aws', 'a', 'test:Op')).toBe(1000);
    for (let i = 0; i < 200; i++) pacer.reserve('aws', 'a', 'test:Op');
    expect(pacer.factorOf('aws', 'a', 'test:Op')).toBe(1);
    expect(pacer.factorOf('aws', 'b', 'test:Op')).toBe(1);
  });

  it('scales the documented rates (raised quotas, a sped-up simulator)', () => {
    const { pacer } = pacerAt(rules, 4);
    for (let i = 0; i < 5; i++) pacer.reserve('aws', 'a', 'test:Op');
    expect(pacer.reserve('aws', 'a', 'test:Op')).toBe(25);
  });

  it('a call its process woke too late for takes another slot, so held-up calls do not go out bunched', async () => {
    const { clock, pacer } = pacerAt(rules);
    for (let i = 0; i < 5; i++) pacer.reserve('aws', 'a', 'test:Op');
    const waiting = pacer.acquire('aws', 'a', 'test:Op'); // granted 100 ms from now
    clock.now = 5_000; // the process stalls for 5 s while the call waits
    await waiting;
    // The late call reserved again at 5 s: of the refilled burst of 5, it spent one.
    const after = Array.from({ length: 5 }, () => pacer.reserve('aws', 'a', 'test:Op'));
    expect(after).toEqual([0, 0, 0, 0, 100]);
  });

  it('a call woken on time reserves once, and one woken late twice goes anyway', async () => {
    const bucket = new LimitTable(rules).bucketFor('aws', 'a', 'test:Op')!;
    // Half of what the unused 1.25 calls of the burst last at 10 calls/s.
    expect(bucket.lateToleranceMs).toBeCloseTo(62.5);
    const reservations = async (now: () => number) => {
      let made = 0;
      await waitForSlot(
        bucket,
        () => {
          made++;
          return 0;
        },
        now,
      );
      return made;
    };
    expect(await reservations(() => 0)).toBe(1);
    let t = 0;
    expect(await reservations(() => (t += 10_000))).toBe(2);
  });

  it('a wait ends early, with the reason, when the task is aborted', async () => {
    const controller = new AbortController();
    const waiting = pacingDelay(60_000, controller.signal);
    controller.abort(new Error('task cancelled'));
    await expect(waiting).rejects.toThrow('task cancelled');
    await expect(pacingDelay(0, controller.signal)).resolves.toBeUndefined();
  });
});
