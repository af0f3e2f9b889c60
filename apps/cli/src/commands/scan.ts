import type { AispmConfig, Provider } from '@aispm/core';
import type { Command } from 'commander';
import { parseOption } from '../options.ts';

interface ScanFlags {
  provider?: string;
  account?: string[];
  follow?: boolean;
  json?: boolean;
  embedded?: boolean;
  remote?: boolean;
  timeout: string;
  evaluate: boolean;
}

/** `aispm scan`'s exit status: scripts and CI can tell a partial or cancelled scan from a clean one. */
export const SCAN_EXIT_CODES = { succeeded: 0, failed: 1, partial: 2, cancelled: 3 } as const;

export function scanExitCode(status: string): number {
  return SCAN_EXIT_CODES[status as keyof typeof SCAN_EXIT_CODES] ?? 1;
}

export function registerScan(program: Command, config: AispmConfig): void {
  const scan = program
    .command('scan')
    .description(
      'scan cloud accounts into the asset graph (org-wide unless --account is given), then evaluate',
    )
    .option('--provider <provider>', 'aws | azure | gcp (default: every configured connector)')
    .option('--account <id...>', 'only these account ids')
    .option('--follow', 'show a live progress bar')
    .option('--json', 'print {scanId, status, assets, edges, tasks, gaps, durationMs} as JSON')
    .option('--embedded', 'run the scan in this process without Redis')
    .option('--remote', 'only enqueue and wait: leave the work to running `aispm worker`s')
    .option('--no-evaluate', 'skip the policy evaluation after the scan')
    .option('--timeout <minutes>', 'give up waiting after this long', '60')
    .action(async (flags: ScanFlags) => {
      const { ProviderSchema } = await import('@aispm/core');
      const { scanProgressBar } = await import('../progress.ts');
      const { openStack } = await import('../stack.ts');
      const provider: Provider | undefined = flags.provider
        ? parseOption(ProviderSchema, flags.provider, '--provider')
        : undefined;
      const stack = await openStack({
        config,
        embedded: flags.embedded,
        evaluateAfterScan: flags.evaluate,
        ...(provider ? { clouds: provider } : {}),
      });
      try {
        if (!flags.remote) await stack.scans.startWorkers();
        const { scanId, deduplicated } = await stack.scans.startScan({
          trigger: 'manual',
          ...(provider ? { provider } : {}),
          ...(flags.account?.length ? { accounts: flags.account } : {}),
        });
        if (!flags.json)
          process.stderr.write(`${deduplicated ? 'joined running' : 'started'} scan ${scanId}\n`);
        const bar = flags.follow ? scanProgressBar() : undefined;
        const summary = await stack.scans.waitForScan(scanId, {
          timeoutMs: Number(flags.timeout) * 60_000,
          ...(bar ? { onProgress: (p) => bar.update(p) } : {}),
        });
        bar?.stop();
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(summary)}\n`);
        } else {
          process.stdout.write(
            `scan ${summary.scanId} ${summary.status} in ${(summary.durationMs / 1000).toFixed(1)}s: ` +
              `${Object.values(summary.assets).reduce((a, b) => a + b, 0)} assets, ` +
              `${Object.values(summary.edges).reduce((a, b) => a + b, 0)} edges, ` +
              `${summary.tasks.total} tasks (${summary.tasks.failed} failed)\n`,
          );
          // What was not covered, and what to grant so the next scan covers it.
          for (const g of summary.gaps) {
            process.stdout.write(
              `  not covered: ${g.provider} ${g.accountId}/${g.region} ${g.service} ${g.operation} ` +
                `(${g.errorCode}, ${g.count} call${g.count === 1 ? '' : 's'}): grant ${g.permission}\n`,
            );
          }
        }
        process.exitCode = scanExitCode(summary.status);
      } finally {
        await stack.close();
      }
    });

  scan
    .command('cancel <scanId>')
    .description('cancel a queued or running scan (its queued work is dropped)')
    .action(async (scanId: string) => {
      const { openStack } = await import('../stack.ts');
      const stack = await openStack({ config, evaluateAfterScan: false });
      try {
        const cancelled = await stack.scans.cancelScan(scanId);
        process.stdout.write(
          `scan ${scanId} ${cancelled ? 'cancelled' : 'was not active (nothing to cancel)'}\n`,
        );
        if (!cancelled) process.exitCode = 1;
      } finally {
        await stack.close();
      }
    });
}
