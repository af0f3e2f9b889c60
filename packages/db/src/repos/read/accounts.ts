import { sql as fragment, type Selectable } from 'kysely';
import type { Sql } from '../../client.ts';
import type { CloudAccount } from '../../schema/generated/tables.ts';
import { isoRequired } from './shared.ts';

export interface AccountDto {
  id: string;
  provider: string;
  externalId: string;
  name: string;
  parentExternalId: string | null;
  orgPath: string[];
  connection: Record<string, unknown>;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Every column but the credentials ciphertext, which never leaves the database through the API. */
const ACCOUNT_COLUMNS = [
  'id',
  'provider',
  'external_id',
  'name',
  'parent_external_id',
  'org_path',
  'connection',
  'enabled',
  'created_at',
  'updated_at',
] as const;

function toAccount(r: Pick<Selectable<CloudAccount>, (typeof ACCOUNT_COLUMNS)[number]>): AccountDto {
  return {
    id: r.id,
    provider: r.provider,
    externalId: r.external_id,
    name: r.name,
    parentExternalId: r.parent_external_id,
    orgPath: r.org_path ?? [],
    connection: (r.connection as Record<string, unknown> | null) ?? {},
    enabled: r.enabled,
    createdAt: isoRequired(r.created_at),
    updatedAt: isoRequired(r.updated_at),
  };
}

export async function queryAccounts(
  sql: Sql,
  tenantId: string,
  filter: { provider?: string } = {},
): Promise<AccountDto[]> {
  const rows = await sql.kysely
    .selectFrom('cloud_accounts')
    .select(ACCOUNT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .$if(filter.provider !== undefined, (q) => q.where('provider', '=', filter.provider as string))
    .orderBy('provider')
    .orderBy('external_id')
    .execute();
  return rows.map(toAccount);
}

export async function getAccount(sql: Sql, tenantId: string, id: string): Promise<AccountDto | null> {
  const row = await sql.kysely
    .selectFrom('cloud_accounts')
    .select(ACCOUNT_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** Connects an account; null when the tenant already has this provider/externalId. */
export async function insertAccount(
  sql: Sql,
  tenantId: string,
  input: {
    provider: string;
    externalId: string;
    name: string;
    parentExternalId?: string | null;
    connection: Record<string, unknown>;
    enabled?: boolean;
  },
): Promise<AccountDto | null> {
  const row = await sql.kysely
    .insertInto('cloud_accounts')
    .values({
      tenant_id: tenantId,
      provider: input.provider,
      external_id: input.externalId,
      name: input.name,
      parent_external_id: input.parentExternalId ?? null,
      connection: JSON.stringify(input.connection),
      enabled: input.enabled ?? true,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'provider', 'external_id']).doNothing())
    .returning(ACCOUNT_COLUMNS)
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function updateAccount(
  sql: Sql,
  tenantId: string,
  id: string,
  patch: { name?: string; enabled?: boolean; connection?: Record<string, unknown> },
): Promise<AccountDto | null> {
  const row = await sql.kysely
    .updateTable('cloud_accounts')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.connection ? { connection: JSON.stringify(patch.connection) } : {}),
      updated_at: fragment`now()`,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returning(ACCOUNT_COLUMNS)
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}
