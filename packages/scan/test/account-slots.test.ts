import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountSlots } from '../src/runners/account-slots.ts';
import { REDIS_URL, uniquePrefix } from './helpers.ts';

const redis = new Redis(REDIS_URL);
afterAll(async () => {
  await redis.quit();
});

describe('account slots', () => {
  it('keep an account to its limit while the holder renews, however long past the slot set’s expiry', async () => {
    const prefix = uniquePrefix('slots');
    // The set expires four leases (1.2 s) after it was last touched: the holder renews for 1.6 s.
    const slots = new AccountSlots(redis, prefix, { leaseMs: 300, perAccount: 1 });
    expect(await slots.acquire('acct', 'a')).toBe(true);
    const started = Date.now();
    let othersGot = 0;
    let renewalsLost = 0;
    const renewing = (async () => {
      while (Date.now() - started < 1_600) {
        await sleep(100);
        if (!(await slots.acquire('acct', 'a'))) renewalsLost++;
      }
    })();
    // A waiting job asks every 10 ms, as the runner's delayed jobs do.
    while (Date.now() - started < 1_600) {
      if (await slots.acquire('acct', 'b')) othersGot++;
      await sleep(10);
    }
    await renewing;
    expect(othersGot).toBe(0);
    expect(renewalsLost).toBe(0);
    await slots.release('acct', 'a');
    expect(await slots.acquire('acct', 'b')).toBe(true);
    await redis.del(`${prefix}:account-slots:acct`);
  });

  it('free a slot whose holder stopped renewing (a crashed worker) once its lease ends', async () => {
    const prefix = uniquePrefix('slots-crash');
    const slots = new AccountSlots(redis, prefix, { leaseMs: 200, perAccount: 2 });
    expect(await slots.acquire('acct', 'a')).toBe(true);
    expect(await slots.acquire('acct', 'b')).toBe(true);
    expect(await slots.acquire('acct', 'c')).toBe(false);
    // The same job again (a stalled job recovered elsewhere) keeps its slot rather than taking another.
    expect(await slots.acquire('acct', 'a')).toBe(true);
    await sleep(250);
    expect(await slots.acquire('acct', 'c')).toBe(true);
    await redis.del(`${prefix}:account-slots:acct`);
  });
});
