import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseOption } from '../options.ts';

interface SimFlags {
  port: string;
  seed: string;
  scale: string;
  manifest?: string;
  rateLimits: string;
  faults?: string;
  awsScenario?: string;
}

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('run the simulated AWS/Azure/GCP estate on 127.0.0.1 in the foreground')
    .option('--port <port>', 'AWS port (Azure HTTPS = port+1, GCP = port+2)', '4566')
    .option('--seed <n>', 'estate seed (same seed → same estate)', '42')
    .option('--scale <scale>', 'small | medium | large | a number of AI assets', 'small')
    .option('--manifest <file>', 'write the ground-truth manifest (JSON) to this file')
    .option('--rate-limits <on|off>', 'per-operation token buckets modelled on the real services', 'on')
    .option(
      '--faults <spec>',
      'fault injection, e.g. errorRate=0.05,throttleRate=0.1,latencyMs=20,denied=bedrock:ListGuardrails',
    )
    .option(
      '--aws-scenario <spec>',
      'AWS organisation scenarios, e.g. caller=delegated-admin,missingScannerRole,aiDenyScp',
    )
    .action(async (flags: SimFlags) => {
      const { parseAwsScenario, parseFaults, ScaleSchema, startCloudSim } = await import('@aispm/cloud-sim');
      const { canonicalJson } = await import('@aispm/core');
      const port = Number(flags.port);
      const seed = Number(flags.seed);
      if (!Number.isInteger(port) || port < 0 || port > 65533)
        throw new Error(`--port must be 0-65533, got ${flags.port}`);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${flags.seed}`);
      if (flags.rateLimits !== 'on' && flags.rateLimits !== 'off')
        throw new Error('--rate-limits must be on or off');
      const scale = parseOption(
        ScaleSchema,
        flags.scale,
        '--scale',
        'small, medium, large or a number of assets',
      );
      const sim = await startCloudSim({
        port,
        seed,
        scale,
        rateLimits: flags.rateLimits === 'on',
        faults: parseFaults(flags.faults),
        aws: parseAwsScenario(flags.awsScenario),
      });
      if (flags.manifest) {
        writeFileSync(flags.manifest, `${canonicalJson(sim.manifest)}\n`);
        process.stderr.write(`manifest written to ${flags.manifest}\n`);
      }
      const perProvider = new Map<string, number>();
      for (const a of sim.manifest.assets)
        perProvider.set(a.provider, (perProvider.get(a.provider) ?? 0) + 1);
      const counts = [...perProvider].map(([provider, n]) => `${provider}: ${n} assets`).join(', ');
      process.stderr.write(
        `cloud-sim seed=${seed} scale=${flags.scale} (${counts}); export these to point aispm at it:\n`,
      );
      for (const [key, value] of Object.entries(sim.env))
        process.stdout.write(`export ${key}=${shellQuote(value)}\n`);
      // On exit, report what was called and the API floor: the least time those calls need under the limits,
      // so a scan's wall time can be compared with it.
      const stop = async () => {
        const stats = sim.stats();
        const calls = stats.operations.reduce((n, op) => n + op.calls, 0);
        const throttled = stats.operations.reduce((n, op) => n + op.throttled, 0);
        const floor = sim.apiFloor();
        process.stderr.write(
          `\n${calls} API calls (${throttled} throttled); API floor ${(floor.floorMs / 1000).toFixed(1)}s` +
            `${floor.bottleneck ? ` (bottleneck ${floor.bottleneck})` : ''}\n`,
        );
        await sim.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {}); // runs until interrupted
    });
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
