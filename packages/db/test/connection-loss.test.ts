import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

// A checked-out client whose server connection dies (Postgres restart, 57P01) emits 'error'; before the fix that
// was an unhandled 'error' event that killed the worker and the API. Here the backend is terminated from another
// connection while the client is checked out: the statement fails, the process lives, and the pool recovers.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('postgres');
});
afterAll(async () => {
  await t?.drop();
});

async function terminate(pid: number): Promise<void> {
  await t.db.query('SELECT pg_terminate_backend($1)', [pid]);
}

describe('connection loss on a checked-out client', () => {
  it('a transaction whose connection is terminated rejects, and the next one works', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const failed = t.db.transaction(async (tx) => {
        const [row] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await terminate(row?.pid ?? -1);
        // The server has closed this connection; the error event fires while the client is still checked out.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await tx.query('SELECT 1');
      });
      await expect(failed).rejects.toThrow();
      const [again] = await t.db.transaction((tx) => tx.query<{ one: number }>('SELECT 1 AS one'));
      expect(again?.one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });

  it('a session whose connection is terminated rejects, and the pool hands out a live connection next', async () => {
    const failed = t.db.session(async (s) => {
      const [row] = await s.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await terminate(row?.pid ?? -1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await s.query('SELECT 1');
    });
    await expect(failed).rejects.toThrow();
    for (let i = 0; i < 12; i++) {
      const [row] = await t.db.session((s) => s.query<{ one: number }>('SELECT 1 AS one'));
      expect(row?.one).toBe(1);
    }
  });
});

describe('connection loss on a client held by Prisma', () => {
  it('an interactive Prisma transaction whose connection is terminated rejects, and the process lives', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const failed = t.db.prisma.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        await terminate(row?.pid ?? -1);
        // Prisma holds this client between statements; the error event fires while it does.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await tx.$queryRaw`SELECT 1`;
      });
      await expect(failed).rejects.toThrow();
      const again = await t.db.prisma.$queryRaw<{ one: number }[]>`SELECT 1 AS one`;
      expect(again[0]?.one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});
