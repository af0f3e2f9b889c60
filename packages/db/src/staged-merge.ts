import type { Sql } from './client.ts';

export interface StagedMerge<T, M> {
  /** The items, in the order their rows must be locked (one order for every writer). */
  items: readonly T[];
  /** Items per COPY and merge. */
  chunkRows: number;
  /** A temporary table of the connection that the merge reads. */
  stage: string;
  /** `COPY <stage> (…) FROM STDIN`. */
  copy: string;
  /** One item as a COPY text line (see copy-text.ts). */
  encode: (item: T) => string;
  /** Merges what is staged into the tables; its result is collected per chunk. */
  merge: (sql: Sql) => Promise<M>;
}

/**
 * Stages items chunk by chunk with COPY into a temporary table and merges each chunk with one statement. While
 * the server merges one chunk, this process encodes the next (sanitising, hashing, serialising): the two sides
 * work at once. The stage is emptied before each chunk and after the last, so a failed earlier write on the same
 * connection leaves nothing behind; TRUNCATE, not DELETE, because nothing vacuums a temporary table. Run it on one
 * connection (a transaction, or `pinned`).
 */
export async function stagedMerge<T, M>(sql: Sql, job: StagedMerge<T, M>): Promise<M[]> {
  const { items, chunkRows, stage } = job;
  // Nothing to write: no round trips (a stage left by an earlier failed write is emptied by the next one with rows).
  if (items.length === 0) return [];
  const encode = (from: number): string[] => items.slice(from, from + chunkRows).map(job.encode);
  const results: M[] = [];
  let lines = encode(0);
  // A merge's estimated cost passes jit_above_cost, and compiling it took 25-30 ms of each 10k-row chunk's ~600 ms
  // for nothing (its work is index lookups and writes, not expressions). Off for this connection while it merges:
  // inside a transaction a failure rolls the SET back with everything else, outside one RESET restores the default.
  await sql.execute('SET jit = off');
  try {
    for (let from = 0; from < items.length; from += chunkRows) {
      await sql.execute(`TRUNCATE ${stage}`);
      await sql.copyFrom(job.copy, lines);
      const merging = job.merge(sql);
      // Awaited below; the handler only keeps a failure from counting as unhandled while the next chunk encodes.
      merging.catch(() => {});
      lines = encode(from + chunkRows);
      results.push(await merging);
    }
    await sql.execute(`TRUNCATE ${stage}`);
  } finally {
    // In a transaction that failed this fails too (and the rollback undoes the SET).
    await sql.execute('RESET jit').catch(() => {});
  }
  return results;
}
