import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATEMENT_TIMEOUT_CODE, withStatementTimeout } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('postgres');
});
afterAll(async () => {
  await t?.drop();
});

describe('withStatementTimeout', () => {
  it('cancels a statement that runs past the limit with 57014, and leaves the pool without the limit', async () => {
    const slow = withStatementTimeout(t.db, 50, (tx) => tx.query('SELECT pg_sleep(2)'));
    await expect(slow).rejects.toMatchObject({ code: STATEMENT_TIMEOUT_CODE });
    const fast = await withStatementTimeout(t.db, 5_000, (tx) =>
      tx.query<{ one: number }>('SELECT 1 AS one'),
    );
    expect(fast[0]?.one).toBe(1);
    // Its statements plan without parallel workers.
    const inside = await withStatementTimeout(t.db, 5_000, (tx) =>
      tx.query<{ max_parallel_workers_per_gather: string }>('SHOW max_parallel_workers_per_gather'),
    );
    expect(inside[0]?.max_parallel_workers_per_gather).toBe('0');
    // SET LOCAL ended with its transaction: every pooled connection is back on the server defaults (no timeout, and
    // parallel workers allowed).
    for (let i = 0; i < 12; i++) {
      const [row] = await t.db.session((s) =>
        s.query<{ statement_timeout: string; parallel: string }>(
          `SELECT current_setting('statement_timeout') AS statement_timeout,
                  current_setting('max_parallel_workers_per_gather') AS parallel`,
        ),
      );
      expect(row?.statement_timeout).toBe('0');
      expect(row?.parallel).not.toBe('0');
    }
  });

  it('refuses a limit that is not a positive whole number of milliseconds', async () => {
    await expect(withStatementTimeout(t.db, 0, (tx) => tx.query('SELECT 1'))).rejects.toThrow(
      /positive integer/,
    );
    await expect(withStatementTimeout(t.db, 1.5, (tx) => tx.query('SELECT 1'))).rejects.toThrow(
      /positive integer/,
    );
  });
});

describe('transaction settings', () => {
  it('hold for the transaction only, and refuse names and values that are not plain words or numbers', async () => {
    const inside = await t.db.transaction(
      (tx) => tx.query<{ work_mem: string }>(`SELECT current_setting('work_mem') AS work_mem`),
      { settings: { work_mem: '7MB' } },
    );
    expect(inside[0]?.work_mem).toBe('7MB');
    const after = await t.db.query<{ work_mem: string }>(`SELECT current_setting('work_mem') AS work_mem`);
    expect(after[0]?.work_mem).not.toBe('7MB');
    let ran = false;
    const run = () => {
      ran = true;
      return Promise.resolve();
    };
    await expect(
      t.db.transaction(run, { settings: { statement_timeout: "1'; DROP TABLE findings; --" } }),
    ).rejects.toThrow(/plain word or number/);
    await expect(t.db.transaction(run, { settings: { 'work_mem = 1; DROP': '1' } })).rejects.toThrow(
      /not a setting name/,
    );
    expect(ran).toBe(false);
  });
});
