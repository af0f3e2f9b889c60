import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AispmConfig, DEFAULT_DATABASE_URL } from '@aispm/core';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.ts';
import { kyselyOn, type Query } from './kysely.ts';
import { timestamptzParser } from './timestamptz.ts';

export { DEFAULT_DATABASE_URL };

/** Something raw SQL can run on: the database itself or one of its transactions. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it touched. */
  execute(text: string, params?: unknown[]): Promise<number>;
  /** Typed queries over the schema.prisma tables, run on this same connection (and transaction). */
  readonly kysely: Query;
  /**
   * Runs a hot read as a named prepared statement: parsed once per connection, and once Postgres has seen that a
   * generic plan costs no more than the custom ones (its default `plan_cache_mode`), planned once too. Only for
   * statements whose parameters cannot change the best plan (the tenant, a keyset cursor) and whose text comes from
   * a small fixed set: every distinct text stays prepared on each pooled connection for the connection's life.
   * Behind PgBouncer in transaction mode this needs `max_prepared_statements` (PgBouncer 1.21+).
   */
  prepared<T>(query: { readonly sql: string; readonly parameters: readonly unknown[] }): Promise<T[]>;
  /**
   * Runs fn with all its statements on one connection: this transaction's or session's own, or one checked out of
   * the pool for the call. What needs a connection of its own (a temporary table filled by COPY, then read) runs
   * here.
   */
  pinned<T>(fn: (s: Sql) => Promise<T>): Promise<T>;
  /**
   * Streams rows into a `COPY … FROM STDIN` statement (text format: one line per row, each ending in a newline)
   * and returns the number of rows copied. On the pool it uses a connection of its own: copy into a temporary
   * table only inside `pinned`.
   */
  copyFrom(statement: string, lines: Iterable<string>): Promise<number>;
}

export interface TransactionOptions {
  /** Server settings for the transaction's statements, e.g. `{ statement_timeout: '2000' }`. */
  settings?: Readonly<Record<string, string>>;
}

/**
 * Settings for a bulk statement that joins a list sent with it (a JSON parameter of keys) to rows a scan has just
 * written. The planner's statistics predate those rows (a tenant's first scan, a table autovacuum has not analysed
 * since), so it expects one row and picks a nested loop, which reads the list again for every row: at 250 accounts
 * the scan's removal sweeps took 2–19 s a statement that way, each at a phase barrier with the scan waiting. Hash
 * and merge joins read each side once, whatever the estimates.
 */
export const BULK_JOIN_SETTINGS: Readonly<Record<string, string>> = { enable_nestloop: 'off' };

/**
 * The settings as SET LOCAL statements. They are sent as text with BEGIN (a simple query, which takes no
 * parameters), so names and values are held to plain words and numbers: callers pass constants, never a request's
 * text.
 */
function setLocal(settings: Readonly<Record<string, string>>): string[] {
  return Object.entries(settings).map(([name, value]) => {
    if (!/^[a-z_]+$/.test(name)) throw new Error(`not a setting name: ${JSON.stringify(name)}`);
    if (!/^[A-Za-z0-9_.-]+$/.test(value))
      throw new Error(`setting ${name} must be a plain word or number, got ${JSON.stringify(value)}`);
    return `SET LOCAL ${name} = '${value}'`;
  });
}

/** COPY data goes to the server in pieces of about this many characters, not one write per row. */
const COPY_CHUNK_CHARS = 1 << 16;

function* copyChunks(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= COPY_CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** `COPY … FROM STDIN` on a pg client, fed from the lines. */
async function copyOnClient(
  client: pg.PoolClient,
  statement: string,
  lines: Iterable<string>,
): Promise<number> {
  const sink = client.query(copyFromStdin(statement));
  await pipeline(Readable.from(copyChunks(lines)), sink);
  return sink.rowCount;
}

/**
 * One database, two backends: a Postgres server (through a pg pool) or embedded PGlite. Prisma runs on the
 * same connection(s) through its driver adapters; raw SQL (bulk graph writes, reports) goes to the driver.
 */
export interface Db extends Sql {
  readonly backend: 'postgres' | 'pglite';
  readonly prisma: PrismaClient;
  /** Runs a multi-statement SQL script (migrations). */
  script(text: string): Promise<void>;
  /**
   * Runs fn in a transaction. `settings` hold for its statements only (SET LOCAL) and go to the server with its
   * BEGIN, in one round trip.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs fn on one dedicated connection (session-level locks, SET, multi-step scripts). */
  session<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface Session extends Sql {
  script(text: string): Promise<void>;
}

export type DbOptions =
  | { backend?: 'postgres'; url?: string; poolSize?: number }
  | { backend: 'pglite'; dataDir?: string; pglite?: PGlite };

// Postgres returns int8/numeric as strings by default; aispm's counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// timestamptz (oid 1184): its usual text read by position, anything unusual by pg's own parser (timestamptz.ts).
pg.types.setTypeParser(1184, timestamptzParser(pg.types.getTypeParser(1184)));

export async function openDb(options: DbOptions = {}): Promise<Db> {
  if (options.backend === 'pglite') return openPglite(options);
  return openPostgres(options);
}

/** The backend the configuration names: `AISPM_DB=pglite[:dir]` or a Postgres `DATABASE_URL`. */
export function dbOptionsFromConfig(config: Pick<AispmConfig, 'AISPM_DB' | 'DATABASE_URL'>): DbOptions {
  const embedded = config.AISPM_DB;
  if (embedded?.startsWith('pglite')) {
    const dir = embedded.slice('pglite'.length).replace(/^:/, '');
    return { backend: 'pglite', ...(dir ? { dataDir: dir } : {}) };
  }
  return { backend: 'postgres', url: config.DATABASE_URL };
}

function openPostgres(options: { url?: string; poolSize?: number }): Db {
  const pool = new pg.Pool({
    connectionString: options.url ?? DEFAULT_DATABASE_URL,
    max: options.poolSize ?? 10,
  });
  // An idle client that loses its server must not crash the process; the next query reports the error.
  pool.on('error', () => {});
  // Every client keeps an 'error' listener for its whole life. Clients are also held outside checkedOut() — by
  // Prisma's driver adapter for its transactions, and briefly by pg-pool itself between a query and the release —
  // and a server that goes away (restart, 57P01) while such a client is between statements emits 'error' on it;
  // with no listener Node turns that into an uncaught exception that kills the worker. The failing statement still
  // rejects on its own, and a client that lost its connection is not queryable, so the pool discards it.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const on = (client: pg.Pool | pg.PoolClient): Sql => {
    const sql: Sql = {
      async query<T>(text: string, params?: unknown[]) {
        return (await client.query(text, params as unknown[])).rows as T[];
      },
      async execute(text: string, params?: unknown[]) {
        return (await client.query(text, params as unknown[])).rowCount ?? 0;
      },
      kysely: kyselyOn(async (text, params) => {
        const result = await client.query(text, params as unknown[]);
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      }),
      async prepared<T>(query: { readonly sql: string; readonly parameters: readonly unknown[] }) {
        const name = preparedName(query.sql);
        return (await client.query({ name, text: query.sql, values: [...query.parameters] })).rows as T[];
      },
      pinned: (fn) => (client instanceof pg.Pool ? checkedOut(pool, (c) => fn(on(c))) : fn(sql)),
      copyFrom: (statement, lines) =>
        client instanceof pg.Pool
          ? checkedOut(pool, (c) => copyOnClient(c, statement, lines))
          : copyOnClient(client, statement, lines),
    };
    return sql;
  };
  return {
    backend: 'postgres',
    prisma,
    ...on(pool),
    async script(text) {
      await pool.query(text);
    },
    async transaction(fn, options) {
      const begin = options?.settings ? ['BEGIN', ...setLocal(options.settings)].join('; ') : 'BEGIN';
      return checkedOut(pool, async (client) => {
        await client.query(begin);
        try {
          const result = await fn(on(client));
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
      });
    },
    async session(fn) {
      return checkedOut(pool, (client) =>
        fn({
          ...on(client),
          async script(text) {
            await client.query(text);
          },
        }),
      );
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Names of the texts seen: prepared texts come from a small fixed set, so each is hashed once per process. */
const preparedNames = new Map<string, string>();

/** A prepared statement's name: its text's digest, so one name never stands for two texts on a connection. */
function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (!name) {
    name = `aispm_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    // The set is fixed by contract (Sql.prepared); the bound only keeps a misuse from growing the map without end.
    if (preparedNames.size >= 1_000) preparedNames.clear();
    preparedNames.set(text, name);
  }
  return name;
}

/**
 * Runs fn on a client checked out of the pool. A checked-out client emits 'error' when its server goes away
 * (restart, 57P01, network loss); without a listener Node turns that into an uncaught exception that kills the
 * process. The listener keeps the process alive, the failing statement rejects on its own, and the broken client
 * is destroyed instead of going back to the pool.
 */
async function checkedOut<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost = err;
  };
  client.on('error', onError);
  try {
    return await fn(client);
  } finally {
    client.removeListener('error', onError);
    client.release(lost ?? false);
  }
}

async function openPglite(options: { dataDir?: string; pglite?: PGlite }): Promise<Db> {
  // pg_trgm serves text search (its indexes are in the migrations), as on a Postgres server.
  const lite = options.pglite ?? (await PGlite.create(options.dataDir, { extensions: { pg_trgm } }));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  type Runner = Pick<PGlite, 'query'>;
  const on = (client: Runner): Sql => {
    const sql: Sql = {
      async query<T>(text: string, params?: unknown[]) {
        return (await client.query<T>(text, params)).rows;
      },
      async execute(text: string, params?: unknown[]) {
        return (await client.query(text, params)).affectedRows ?? 0;
      },
      kysely: kyselyOn(async (text, params) => {
        const result = await client.query(text, params as unknown[]);
        return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
      }),
      // One embedded connection with no statement cache to name into: a plain query.
      async prepared<T>(query: { readonly sql: string; readonly parameters: readonly unknown[] }) {
        return (await client.query<T>(query.sql, [...query.parameters])).rows;
      },
      // PGlite is one connection: every call is pinned already.
      pinned: (fn) => fn(sql),
      // PGlite has no wire protocol to stream on; it reads COPY data from a blob it names /dev/blob.
      async copyFrom(statement, lines) {
        if (!/\bFROM\s+STDIN\b/i.test(statement)) throw new Error(`not a COPY … FROM STDIN: ${statement}`);
        const blob = new Blob([...copyChunks(lines)]);
        const result = await client.query(statement.replace(/\bSTDIN\b/i, "'/dev/blob'"), [], { blob });
        return result.affectedRows ?? 0;
      },
    };
    return sql;
  };
  return {
    backend: 'pglite',
    prisma,
    ...on(lite),
    async script(text) {
      await lite.exec(text);
    },
    transaction(fn, options) {
      const settings = setLocal(options?.settings ?? {});
      return lite.transaction(async (tx) => {
        for (const statement of settings) await tx.query(statement);
        return fn(on(tx));
      });
    },
    session(fn) {
      return fn({
        ...on(lite),
        async script(text) {
          await lite.exec(text);
        },
      });
    },
    async close() {
      await prisma.$disconnect();
      if (!options.pglite) await lite.close();
    },
  };
}

/** Postgres's code for a statement cancelled by `statement_timeout`. */
export const STATEMENT_TIMEOUT_CODE = '57014';

/**
 * Runs fn in a transaction whose statements are cancelled after `ms` (SET LOCAL, so the pooled connection keeps its
 * default afterwards). For queries a caller shapes (text search): one request cannot hold a connection and a core
 * for minutes; the cancelled statement rejects with code 57014.
 *
 * The same statements plan without parallel workers. A search's candidate sets come from subqueries the planner
 * cannot see into, so it guesses a tenth of the table and plans a parallel scan, whose workers took ~50 ms to start
 * for a bitmap scan of well under a millisecond (1M findings: a search that matched nothing took 67 ms a query with
 * them, 5.5 ms without).
 */
export async function withStatementTimeout<T>(db: Db, ms: number, fn: (sql: Sql) => Promise<T>): Promise<T> {
  if (!Number.isInteger(ms) || ms <= 0)
    throw new Error(`statement timeout must be a positive integer, got ${ms}`);
  // The settings go with BEGIN: a search pays for each round trip (four now: BEGIN, candidates, page, COMMIT).
  return db.transaction(fn, {
    settings: { statement_timeout: String(ms), max_parallel_workers_per_gather: '0' },
  });
}

/** Creates the database named in a Postgres URL when it does not exist yet (like `prisma migrate deploy`). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`no database name in ${target.origin}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}
