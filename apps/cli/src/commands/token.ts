import type { AispmConfig } from '@aispm/core';
import type { Db } from '@aispm/db';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOption } from '../options.ts';

const ROLES = ['admin', 'analyst', 'auditor', 'scanner'] as const;

export async function withTenantDb<T>(
  config: AispmConfig,
  fn: (db: Db, tenantId: string) => Promise<T>,
): Promise<T> {
  const { dbOptionsFromConfig, ensureTenant, migrate, openDb } = await import('@aispm/db');
  const db = await openDb(dbOptionsFromConfig(config));
  try {
    await migrate(db);
    const tenant = await ensureTenant(db, config.AISPM_TENANT);
    return await fn(db, tenant.id);
  } finally {
    await db.close();
  }
}

export function registerToken(program: Command, config: AispmConfig): void {
  const token = program
    .command('token')
    .description('manage API tokens (stored hashed; the clear value is shown once)');
  token
    .command('create')
    .description('create a token and print it once')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--role <role>', ROLES.join(' | '), 'analyst')
    .option('--expires-days <n>', 'expire after this many days')
    .action(async (flags: { name: string; role: string; expiresDays?: string }) => {
      const role = parseOption(z.enum(ROLES), flags.role, '--role');
      const days = flags.expiresDays
        ? parseOption(
            z.coerce.number().int().positive(),
            flags.expiresDays,
            '--expires-days',
            'a positive number of days',
          )
        : undefined;
      const { createToken } = await import('@aispm/db');
      await withTenantDb(config, async (db, tenantId) => {
        const created = await createToken(db, {
          tenantId,
          name: flags.name,
          role,
          createdBy: 'cli',
          ...(days ? { expiresAt: new Date(Date.now() + days * 86_400_000) } : {}),
        });
        process.stderr.write(
          `created ${role} token ${created.info.id} (store it now; it is not shown again):\n`,
        );
        process.stdout.write(`${created.token}\n`);
      });
    });
  token
    .command('list')
    .description('list tokens (never their values)')
    .option('--all', 'include revoked tokens')
    .action(async (flags: { all?: boolean }) => {
      const { listTokens } = await import('@aispm/db');
      await withTenantDb(config, async (db, tenantId) => {
        for (const t of await listTokens(db, tenantId, { includeRevoked: flags.all ?? false })) {
          process.stdout.write(`${JSON.stringify(t)}\n`);
        }
      });
    });
  token
    .command('revoke <id>')
    .description('revoke a token by id')
    .action(async (id: string) => {
      const { revokeToken } = await import('@aispm/db');
      await withTenantDb(config, async (db, tenantId) => {
        if (!(await revokeToken(db, tenantId, id))) throw new Error(`no active token ${id}`);
        process.stdout.write(`revoked ${id}\n`);
      });
    });
}
