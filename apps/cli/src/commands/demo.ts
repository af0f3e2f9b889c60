import type { AispmConfig } from '@aispm/core';
import type { Command } from 'commander';
import { parseOption } from '../options.ts';

export function registerDemo(program: Command, config: AispmConfig): void {
  program
    .command('demo')
    .description(
      'simulated estate → embedded scan and evaluation → API + dashboard (no Postgres/Redis/cloud needed)',
    )
    .option('--port <port>', 'port to serve on', String(config.PORT))
    .option('--seed <n>', 'estate seed', '42')
    .option('--scale <scale>', 'small | medium | large | a number of AI assets', 'small')
    .option('--data-dir <dir>', 'keep the embedded database in this folder')
    .action(async (flags: { port: string; seed: string; scale: string; dataDir?: string }) => {
      const { ScaleSchema } = await import('@aispm/cloud-sim');
      const { runDemo } = await import('../demo.ts');
      const demo = await runDemo({
        port: Number(flags.port),
        seed: Number(flags.seed),
        scale: parseOption(ScaleSchema, flags.scale, '--scale', 'small, medium, large or a number of assets'),
        ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
        ...(config.AISPM_ADMIN_TOKEN ? { adminToken: config.AISPM_ADMIN_TOKEN } : {}),
      });
      const stop = async () => {
        await demo.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
