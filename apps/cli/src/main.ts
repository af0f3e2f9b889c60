#!/usr/bin/env node
import { type AispmConfig, loadConfig } from '@aispm/core';
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { VERSION } from './version.ts';

// The AWS SDK warns that its releases after January 2027 need Node 22; aispm supports Node 20.19+ today, so the
// warning is noise for operators. This is the SDK's own switch; other process warnings are still printed.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** `pnpm aispm <command>`: the one entry point for operators, CI and the demo. */
export function buildProgram(config: AispmConfig): Command {
  const program = new Command()
    .name('aispm')
    .description('aispm — AI security posture management for AWS, Azure and GCP')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run `pnpm aispm --help` for usage)')
    .exitOverride();
  registerCommands(program, config);
  return program;
}

async function main(argv: string[]): Promise<number> {
  let config: AispmConfig | undefined;
  try {
    // The one read of aispm's environment variables; commands get the parsed configuration.
    config = loadConfig(process.env);
    await buildProgram(config).parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`aispm: ${message}\n`);
    if (config?.AISPM_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

// `pnpm` passes a literal `--` through when users write `pnpm aispm -- scan`; drop it.
const args = process.argv.filter((a, i) => !(i === 2 && a === '--'));
main(args).then((code) => {
  process.exitCode = code;
});
