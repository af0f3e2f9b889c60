import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SCHEMA_FILE = resolve(here, '../../../prisma/schema.prisma');
/** The committed Kysely table types, written by `pnpm --filter @aispm/db generate` (prisma-kysely). */
export const GENERATED_TABLES = resolve(here, '../src/schema/generated/tables.ts');

/**
 * What prisma-kysely generates from schema.prisma right now, produced in a scratch folder (only the kysely
 * generator runs, so the committed file is left alone).
 */
export function generatedTablesSource(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aispm-kysely-'));
  try {
    const schema = readFileSync(SCHEMA_FILE, 'utf8').replace(
      /(generator kysely \{[^}]*output\s*=\s*)"[^"]*"/,
      `$1${JSON.stringify(join(dir, 'out'))}`,
    );
    writeFileSync(join(dir, 'schema.prisma'), schema);
    const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
    execFileSync(
      process.execPath,
      [prismaCli, 'generate', '--schema', join(dir, 'schema.prisma'), '--generator', 'kysely'],
      {
        cwd: resolve(here, '..'),
        stdio: 'pipe',
        // Generating needs no engine; pointing Prisma at any binary stops it trying to download one.
        env: {
          ...process.env,
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
          PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
        },
      },
    );
    return readFileSync(join(dir, 'out', 'tables.ts'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
