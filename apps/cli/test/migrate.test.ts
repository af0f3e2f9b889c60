import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from '@aispm/db';
import { createEmptyDatabase } from '@aispm/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

/** The project's migrations, oldest first: every one is applied once, with one step. */
const MIGRATIONS = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('pnpm aispm migrate', () => {
  let database: { url: string; drop(): Promise<void> };
  let dir: string;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    dir = mkdtempSync(join(tmpdir(), 'aispm-migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function tables(): Promise<string[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      return rows.rows.map((r) => r.table_name);
    } finally {
      await client.end();
    }
  }

  it('creates the schema on an empty database', async () => {
    expect(await tables()).toEqual([]);
    const run = await runCli(['migrate', '--dir', dir], { DATABASE_URL: database.url });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('applied 20261123000000_init');
    expect(await tables()).toEqual(
      expect.arrayContaining(['_prisma_migrations', 'assets', 'edges', 'findings', 'scans', 'tenants']),
    );
  });

  it('does nothing the second time', async () => {
    const run = await runCli(['migrate', '--dir', dir], { DATABASE_URL: database.url });
    expect(run.code).toBe(0);
    expect(MIGRATIONS[0]).toBe('20261123000000_init');
    expect(run.stdout).toContain(`database is up to date (${MIGRATIONS.length} migrations applied)`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const rows = await client.query(
      'SELECT migration_name, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    await client.end();
    expect(rows.rows).toEqual(MIGRATIONS.map((name) => ({ migration_name: name, applied_steps_count: 1 })));
  });

  it('refuses a migration file changed after it was applied, with a clear error', async () => {
    const file = join(dir, '20261123000000_init', 'migration.sql');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- an edit after the fact\n`);
    const run = await runCli(['migrate', '--dir', dir], { DATABASE_URL: database.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/migration 20261123000000_init was modified after it was applied/);
  });

  it('applies a new migration added later', async () => {
    cpSync(MIGRATIONS_DIR, dir, { recursive: true }); // restore the original file
    const next = join(dir, '20261124000000_add_note');
    cpSync(join(dir, '20261123000000_init'), next, { recursive: true });
    writeFileSync(join(next, 'migration.sql'), 'ALTER TABLE "tenants" ADD COLUMN "note" TEXT;\n');
    const run = await runCli(['migrate', '--dir', dir], { DATABASE_URL: database.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('applied 20261124000000_add_note');
  });
});

describe('pnpm aispm --help / --version', () => {
  it('prints usage and the version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: aispm');
    expect(help.stdout).toContain('migrate');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('fails clearly on an unknown command', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });
});
