import type { AispmConfig } from '@aispm/core';
import type { Command } from 'commander';

export function registerWorker(program: Command, config: AispmConfig): void {
  program
    .command('worker')
    .description('run scan workers on Redis (REDIS_URL) until stopped; run more of them to scale out')
    .option('--no-default-schedule', 'do not install the default daily org-wide scan')
    .action(async (flags: { defaultSchedule: boolean }) => {
      const { evaluate } = await import('../stack.ts');
      const { runWorker } = await import('@aispm/scan');
      const { openDb, dbOptionsFromConfig, ensureTenant } = await import('@aispm/db');
      const db = await openDb(dbOptionsFromConfig(config));
      const tenant = await ensureTenant(db, config.AISPM_TENANT);
      const worker = await runWorker({
        config,
        db,
        installDefaultSchedule: flags.defaultSchedule,
        onScanFinished: async (scanId: string) => {
          await evaluate(db, tenant.id, scanId, config);
        },
      });
      process.stderr.write('aispm worker running (Ctrl-C to stop)\n');
      await worker.stopped;
      await db.close();
    });
}
