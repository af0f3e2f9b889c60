import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Session } from './client.ts';

/** prisma/migrations at the repository root. */
export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../prisma/migrations');

export interface Migration {
  name: string;
  sql: string;
  /** Prisma's checksum: hex SHA-256 of the migration.sql bytes. */
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

// Prisma Migrate's own advisory lock id, so our runner and `prisma migrate deploy` never run at once.
const PRISMA_ADVISORY_LOCK = 72707369;

// The DDL Prisma Migrate uses for its bookkeeping table.
const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) throw new MigrationError(`migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return {
        name,
        sql: bytes.toString('utf8'),
        checksum: createHash('sha256').update(bytes).digest('hex'),
      };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations in name order, recording them in `_prisma_migrations` exactly as Prisma does.
 * Refuses to run when an applied migration's file has changed or a previous migration failed half-way.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  const migrations = readMigrations(dir);
  const lock = db.backend === 'postgres';
  return db.session(async (s) => {
    if (lock) await s.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    try {
      return await applyPending(s, migrations);
    } finally {
      if (lock) await s.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
    }
  });
}

async function applyPending(db: Session, migrations: Migration[]): Promise<MigrateResult> {
  await db.script(MIGRATIONS_TABLE);
  const rows = await db.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  const applied = new Map(rows.filter((r) => r.rolled_back_at === null).map((r) => [r.migration_name, r]));
  for (const row of applied.values()) {
    if (row.finished_at === null) {
      throw new MigrationError(
        `migration ${row.migration_name} started but did not finish; fix the database by hand, then mark it rolled back`,
      );
    }
  }
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  for (const m of migrations) {
    const row = applied.get(m.name);
    if (row) {
      if (row.checksum !== m.checksum) {
        throw new MigrationError(
          `migration ${m.name} was modified after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ${m.checksum.slice(0, 12)}… on disk); never edit an applied migration: add a new one`,
        );
      }
      result.alreadyApplied.push(m.name);
      continue;
    }
    const id = randomUUID();
    await db.execute(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, m.checksum, m.name],
    );
    try {
      await db.script(`BEGIN;\n${m.sql}\nCOMMIT;`);
    } catch (err) {
      await db.script('ROLLBACK').catch(() => {});
      const message = err instanceof Error ? err.message : String(err);
      await db.execute('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, message]);
      throw new MigrationError(`migration ${m.name} failed: ${message}`);
    }
    await db.execute(
      'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    result.applied.push(m.name);
  }
  return result;
}
