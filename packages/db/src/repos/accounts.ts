import type { Db, Sql } from '../client.ts';

export interface CloudAccountInput {
  provider: string;
  externalId: string;
  name: string;
  parentExternalId?: string | null;
  orgPath?: string[];
  connection?: Record<string, unknown>;
  enabled?: boolean;
}

/** Records discovered or connected accounts; connection settings must never hold secrets. */
export async function upsertAccounts(db: Db, tenantId: string, accounts: CloudAccountInput[]): Promise<void> {
  for (const a of accounts) {
    // Only the fields given are changed: a rename must not wipe the org placement or settings.
    const data = {
      name: a.name,
      ...(a.parentExternalId !== undefined ? { parentExternalId: a.parentExternalId } : {}),
      ...(a.orgPath ? { orgPath: a.orgPath } : {}),
      ...(a.connection ? { connection: a.connection as object } : {}),
      ...(a.enabled !== undefined ? { enabled: a.enabled } : {}),
    };
    await db.prisma.cloudAccount.upsert({
      where: {
        tenantId_provider_externalId: {
          tenantId,
          provider: a.provider,
          externalId: a.externalId,
        },
      },
      update: data,
      create: {
        tenantId,
        provider: a.provider,
        externalId: a.externalId,
        ...data,
      },
    });
  }
}

export async function listAccounts(db: Db, tenantId: string, filter: { provider?: string } = {}) {
  return db.prisma.cloudAccount.findMany({
    where: {
      tenantId,
      ...(filter.provider ? { provider: filter.provider } : {}),
    },
    orderBy: [{ provider: 'asc' }, { externalId: 'asc' }],
    omit: { credentialsCiphertext: true },
  });
}

/** Accounts that hold assets written by one source (a discovery task) for a provider: every account it ever recorded. */
export async function accountsWithAssetsFrom(
  sql: Sql,
  tenantId: string,
  provider: string,
  source: string,
): Promise<string[]> {
  const rows = await sql.kysely
    .selectFrom('assets')
    .select('account_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('provider', '=', provider)
    .where('source', '=', source)
    .execute();
  return rows.map((r) => r.account_id);
}
