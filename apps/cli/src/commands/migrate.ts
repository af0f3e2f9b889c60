import type { AispmConfig } from '@aispm/core';
import type { Command } from 'commander';

export function registerMigrate(program: Command, config: AispmConfig): void {
  program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL, or AISPM_DB=pglite:<dir> for embedded)')
    .option('--dir <path>', 'migrations folder (default prisma/migrations)', config.AISPM_MIGRATIONS_DIR)
    .action(async (opts: { dir?: string }) => {
      const { dbOptionsFromConfig, ensureDatabase, MIGRATIONS_DIR, migrate, openDb } = await import(
        '@aispm/db'
      );
      const options = dbOptionsFromConfig(config);
      if (options.backend !== 'pglite' && options.url && (await ensureDatabase(options.url))) {
        process.stdout.write(`created database ${new URL(options.url).pathname.slice(1)}\n`);
      }
      const db = await openDb(options);
      try {
        const result = await migrate(db, opts.dir ?? MIGRATIONS_DIR);
        for (const name of result.applied) process.stdout.write(`applied ${name}\n`);
        process.stdout.write(
          result.applied.length === 0
            ? `database is up to date (${result.alreadyApplied.length} migrations applied)\n`
            : `${result.applied.length} migration(s) applied\n`,
        );
      } finally {
        await db.close();
      }
    });
}
