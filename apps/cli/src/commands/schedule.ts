import type { AispmConfig } from '@aispm/core';
import type { Command } from 'commander';

export function registerSchedule(program: Command, config: AispmConfig): void {
  const schedule = program
    .command('schedule')
    .description('manage scheduled scans (BullMQ job schedulers on REDIS_URL)');
  schedule
    .command('set <name> <cron>')
    .description('create or change a schedule, e.g. `aispm schedule set nightly "0 2 * * *"`')
    .option('--timezone <tz>', 'IANA time zone', 'UTC')
    .option('--provider <provider>', 'only this provider')
    .action(
      async (name: string, cron: string, flags: { timezone: string; provider?: 'aws' | 'azure' | 'gcp' }) => {
        const { openStack } = await import('../stack.ts');
        const stack = await openStack({ config, evaluateAfterScan: false });
        try {
          const row = await stack.scans.schedules.upsert({
            name,
            cron,
            timezone: flags.timezone,
            scope: flags.provider ? { provider: flags.provider } : {},
          });
          process.stdout.write(`${JSON.stringify(row)}\n`);
        } finally {
          await stack.close();
        }
      },
    );
  schedule
    .command('list')
    .description('list schedules with their next run')
    .action(async () => {
      const { openStack } = await import('../stack.ts');
      const stack = await openStack({ config, evaluateAfterScan: false });
      try {
        for (const s of await stack.scans.schedules.list()) process.stdout.write(`${JSON.stringify(s)}\n`);
      } finally {
        await stack.close();
      }
    });
  schedule
    .command('remove <name>')
    .description('delete a schedule')
    .action(async (name: string) => {
      const { openStack } = await import('../stack.ts');
      const stack = await openStack({ config, evaluateAfterScan: false });
      try {
        if (!(await stack.scans.schedules.remove(name))) throw new Error(`no schedule named ${name}`);
        process.stdout.write(`removed ${name}\n`);
      } finally {
        await stack.close();
      }
    });
}
