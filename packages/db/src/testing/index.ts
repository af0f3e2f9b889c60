import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Db, openDb } from '../client.ts';
import { migrate, readMigrations } from '../migrate.ts';

/** The Postgres server tests create their databases on (trust auth on loopback). */
export const TEST_SERVER_URL =
  process.env.AISPM_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export type TestBackend = 'postgres' | 'pglite';

export interface TestDatabase {
  db: Db;
  backend: TestBackend;
  /** Connection string for other processes (postgres backend only). */
  url: string | undefined;
  name: string | undefined;
  drop(): Promise<void>;
}

export function testBackend(): TestBackend {
  return process.env.AISPM_TEST_DB_BACKEND === 'pglite' ? 'pglite' : 'postgres';
}

function urlFor(database: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The template's name changes whenever a migration does, so a stale template is never cloned. */
function templateName(): string {
  const digest = createHash('sha256');
  for (const m of readMigrations()) digest.update(`${m.name}:${m.checksum};`);
  return `aispm_tpl_${digest.digest('hex').slice(0, 16)}`;
}

const TEMPLATE_LOCK = 4_242_001;

async function ensureTemplate(admin: pg.Client): Promise<string> {
  const name = templateName();
  await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_build_${randomBytes(3).toString('hex')}`;
      await admin.query(`CREATE DATABASE "${building}"`);
      const db = await openDb({ url: urlFor(building), poolSize: 1 });
      try {
        await migrate(db);
      } finally {
        await db.close();
      }
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    }
    return name;
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
}

/**
 * A fresh, migrated database for one test file. On Postgres it is cloned from a migrated template (tens of
 * milliseconds); on PGlite it is a new in-memory instance, migrated.
 */
export async function createTestDatabase(backend: TestBackend = testBackend()): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const db = await openDb({ backend: 'pglite' });
    await migrate(db);
    return {
      db,
      backend,
      url: undefined,
      name: undefined,
      drop: () => db.close(),
    };
  }
  const name = `aispm_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (admin) => {
    const template = await ensureTemplate(admin);
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  const url = urlFor(name);
  const db = await openDb({ url });
  return {
    db,
    backend,
    url,
    name,
    async drop() {
      await db.close();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** An empty database (no migrations) on the test server, for migration-runner tests. */
export async function createEmptyDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const name = `aispm_empty_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  return {
    url: urlFor(name),
    drop: () =>
      withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
