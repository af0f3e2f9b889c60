import { readFile } from 'node:fs/promises';
import type { AispmConfig } from '@aispm/core';
import type { Command } from 'commander';
import { withTenantDb } from './token.ts';

const EXAMPLE =
  '{"approvedModels":["anthropic.claude-3-5-sonnet*","gpt-4o*"],"approvedRegions":["eu-*"],"aiAccounts":["111111111111"],"requiredOwnerTags":["owner"]}';

/** Reads a policy file (`-`: standard input) into a validated policy, or fails with one line naming the field. */
async function readPolicy(path: string) {
  const { AiUsagePolicySchema } = await import('@aispm/core');
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not JSON; a policy looks like ${EXAMPLE}`);
  }
  const parsed = AiUsagePolicySchema.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(policy)'}: ${i.message}`).join('; ');
    throw new Error(`${path}: ${why}`);
  }
  return parsed.data;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerPolicy(program: Command, config: AispmConfig): void {
  const policy = program
    .command('policy')
    .description(
      'the AI usage policy shadow AI is judged against (approved models and regions, AI accounts, owner tags)',
    );
  policy
    .command('show')
    .description('print the policy in force and its version')
    .option('--json', 'as JSON')
    .action(async (flags: { json?: boolean }) => {
      const { getUsagePolicy, usagePolicyConfigured } = await import('@aispm/db');
      await withTenantDb(config, async (db, tenantId) => {
        const stored = await getUsagePolicy(db, tenantId);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(stored)}\n`);
          return;
        }
        if (!stored || !usagePolicyConfigured(stored.policy)) {
          process.stdout.write(
            `no AI usage policy is configured, so no shadow-AI check runs; set one with: pnpm aispm policy set <file.json>  (e.g. ${EXAMPLE})\n`,
          );
          return;
        }
        process.stdout.write(
          `AI usage policy v${stored.version} (set by ${stored.createdBy} at ${stored.createdAt}):\n${JSON.stringify(stored.policy, null, 2)}\n`,
        );
      });
    });
  policy
    .command('set <file>')
    .description('put a new version in force from a JSON file (- for standard input); {} rules nothing out')
    .action(async (file: string) => {
      const value = await readPolicy(file);
      const { recordAudit, setUsagePolicy } = await import('@aispm/db');
      await withTenantDb(config, async (db, tenantId) => {
        const stored = await setUsagePolicy(db, tenantId, value, 'cli');
        await recordAudit(db, {
          tenantId,
          actor: 'cli',
          action: 'usage-policy.set',
          target: null,
          details: { version: stored.version, body: value },
        });
        process.stdout.write(
          `AI usage policy v${stored.version} in force; the next evaluation judges shadow AI against it\n`,
        );
      });
    });
}
