import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../src/client.ts';
import { stagedMerge } from '../src/staged-merge.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const job = (seen: string[], fail = false) => ({
  items: [1, 2, 3],
  chunkRows: 2,
  stage: 'merge_probe',
  copy: 'COPY merge_probe (n) FROM STDIN',
  encode: (n: number) => `${n}\n`,
  merge: async (on: Sql) => {
    const [row] = await on.query<{ jit: string }>('SHOW jit');
    seen.push(row?.jit ?? '?');
    if (fail) throw new Error('merge failed');
    return 0;
  },
});

describe('stagedMerge', () => {
  it('merges with JIT off and leaves the connection as it found it, on success and on failure', async () => {
    const [before] = await t.db.query<{ jit: string }>('SHOW jit');
    await t.db.session(async (s) => {
      await s.execute('CREATE TEMPORARY TABLE merge_probe (n int)');
      const seen: string[] = [];
      await stagedMerge(s, job(seen));
      expect(seen).toEqual(['off', 'off']);
      expect((await s.query<{ jit: string }>('SHOW jit'))[0]?.jit).toBe(before?.jit);
      await expect(stagedMerge(s, job([], true))).rejects.toThrow('merge failed');
      expect((await s.query<{ jit: string }>('SHOW jit'))[0]?.jit).toBe(before?.jit);
    });
    // In a transaction that fails, the rollback takes the SET with it: no pooled connection is left with JIT off.
    const seen: string[] = [];
    await expect(
      t.db.transaction(async (tx) => {
        await tx.execute('CREATE TEMPORARY TABLE IF NOT EXISTS merge_probe (n int)');
        await stagedMerge(tx, job(seen, true));
      }),
    ).rejects.toThrow('merge failed');
    expect(seen).toEqual(['off']);
    const jits = await Promise.all(
      Array.from({ length: 12 }, () => t.db.query<{ jit: string }>('SHOW jit').then((r) => r[0]?.jit)),
    );
    expect(new Set(jits)).toEqual(new Set([before?.jit]));
  });
});
