import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { AispmConfig } from '@aispm/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOption } from '../options.ts';
import { withTenantDb } from './token.ts';

const FORMATS = ['sarif', 'ocsf', 'cyclonedx', 'oscal', 'csv', 'json'] as const;

interface ExportFlags {
  format: string;
  framework?: string;
  severity?: string;
  status?: string;
  provider?: string;
  account?: string;
  rule?: string;
  control?: string;
  text?: string;
  sort?: string;
  output?: string;
}

/** Writes chunks to stdout, waiting for it to drain (a pipe to `head` or a slow disk keeps memory flat). */
async function toStdout(body: AsyncIterable<string>): Promise<void> {
  for await (const chunk of body) if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

/** Writes to `<file>.partial`, renamed once complete: a failed export never leaves a truncated file behind. */
async function toFile(body: AsyncIterable<string>, file: string): Promise<void> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  try {
    for await (const chunk of body) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await finished(out);
    await rename(partial, file);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

export function registerExport(program: Command, config: AispmConfig): void {
  program
    .command('export')
    .description('export findings / the AI-BOM / OSCAL results in a standard format (streamed)')
    .requiredOption('--format <format>', FORMATS.join(' | '))
    .option(
      '--framework <id>',
      'only findings of this framework; the framework of OSCAL (default owasp-llm-2025)',
    )
    .option('--severity <list>', 'critical,high,medium,low,info')
    .option('--status <list>', 'open,reopened,suppressed,resolved')
    .option('--provider <provider>', 'aws | azure | gcp')
    .option('--account <id>', 'cloud account / subscription / project id')
    .option('--rule <list>', 'rule id(s)')
    .option('--control <id>', 'a framework control, e.g. LLM03:2025')
    .option('--text <q>', 'text search in title, rule id, asset id and name')
    .option('--sort <sort>', 'risk (default) | severity | lastSeen')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (flags: ExportFlags) => {
      const format = parseOption(z.enum(FORMATS), flags.format, '--format');
      const { exportStream, FindingFilterQuery, findingFilter, policyRuleCatalog } = await import(
        '@aispm/api'
      );
      const query = FindingFilterQuery.safeParse({
        ...(flags.framework ? { framework: flags.framework } : {}),
        ...(flags.severity ? { severity: flags.severity } : {}),
        ...(flags.status ? { status: flags.status } : {}),
        ...(flags.provider ? { provider: flags.provider } : {}),
        ...(flags.account ? { account: flags.account } : {}),
        ...(flags.rule ? { rule: flags.rule } : {}),
        ...(flags.control ? { control: flags.control } : {}),
        ...(flags.text ? { q: flags.text } : {}),
        ...(flags.sort ? { sort: flags.sort } : {}),
      });
      if (!query.success) {
        const issue = query.error.issues[0];
        const flag = issue?.path[0] === 'q' ? 'text' : String(issue?.path[0] ?? 'filter');
        throw new Error(`--${flag}: ${issue?.message ?? 'invalid value'}`);
      }
      const rules = policyRuleCatalog();
      await withTenantDb(config, async (db, tenantId) => {
        const out = exportStream(db, tenantId, rules, {
          format,
          ...(query.data.framework ? { framework: query.data.framework } : {}),
          filter: findingFilter(query.data, rules),
        });
        if (flags.output) {
          await toFile(out.body, flags.output);
          process.stderr.write(`wrote ${format} export to ${flags.output}\n`);
        } else await toStdout(out.body);
      });
    });
}
