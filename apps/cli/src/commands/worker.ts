import type { Command } from 'commander';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run scan workers on Redis (REDIS_URL) until stopped; run more of them to scale out')
    .option('--no-default-schedule', 'do not install the default daily org-wide scan')
    .action(async (flags: { defaultSchedule: boolean }) => {
      const { evaluate } = await import('../stack.ts');
      const { runWorker } = await import('@aispm/scan');
      const { openDb, dbOptionsFromEnv, ensureTenant } = await import('@aispm/db');
      const db = await openDb(dbOptionsFromEnv());
      const tenant = await ensureTenant(db, process.env.AISPM_TENANT ?? undefined);
      const worker = await runWorker({
        db,
        installDefaultSchedule: flags.defaultSchedule,
        onScanFinished: async (scanId: string) => {
          await evaluate(db, tenant.id, scanId);
        },
      });
      process.stderr.write('aispm worker running (Ctrl-C to stop)\n');
      await worker.stopped;
      await db.close();
    });
}
