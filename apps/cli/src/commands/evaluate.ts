import type { AispmConfig } from '@aispm/core';
import type { Command } from 'commander';

export function registerEvaluate(program: Command, config: AispmConfig): void {
  program
    .command('evaluate')
    .description('re-evaluate rules, compliance and attack paths over the current asset graph')
    .option('--json', 'print {findings: {bySeverity, byStatus}, rules, attackPaths, frameworks} as JSON')
    .action(async (flags: { json?: boolean }) => {
      const { dbOptionsFromConfig, ensureTenant, migrate, openDb } = await import('@aispm/db');
      const { evaluate } = await import('../stack.ts');
      const db = await openDb(dbOptionsFromConfig(config));
      try {
        await migrate(db);
        const tenant = await ensureTenant(db, config.AISPM_TENANT);
        const summary = await evaluate(db, tenant.id);
        const out = {
          findings: summary.findings,
          rules: summary.rules,
          attackPaths: summary.attackPaths,
          frameworks: summary.frameworks,
        };
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(out)}\n`);
          return;
        }
        const sev = Object.entries(out.findings.bySeverity)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
        process.stdout.write(`${out.rules} rules evaluated; open findings by severity: ${sev || 'none'}\n`);
        process.stdout.write(`${out.attackPaths} attack paths\n`);
        for (const [id, f] of Object.entries(out.frameworks)) {
          process.stdout.write(
            `  ${id}: ${f.evidenced}/${f.controls} controls evidenced, ${f.failing} failing\n`,
          );
        }
      } finally {
        await db.close();
      }
    });
}
