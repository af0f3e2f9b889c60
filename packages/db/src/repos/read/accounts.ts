import type { Sql } from '../../client.ts';
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

interface AccountRow {
  id: string;
  provider: string;
  external_id: string;
  name: string;
  parent_external_id: string | null;
  org_path: string[] | null;
  connection: Record<string, unknown>;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const ACCOUNT_COLUMNS =
  'id, provider, external_id, name, parent_external_id, org_path, connection, enabled, created_at, updated_at';

function toAccount(r: AccountRow): AccountDto {
  return {
    id: r.id,
    provider: r.provider,
    externalId: r.external_id,
    name: r.name,
    parentExternalId: r.parent_external_id,
    orgPath: r.org_path ?? [],
    connection: r.connection ?? {},
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
  const rows = await sql.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM cloud_accounts
      WHERE tenant_id = $1 AND ($2::text IS NULL OR provider = $2)
      ORDER BY provider, external_id`,
    [tenantId, filter.provider ?? null],
  );
  return rows.map(toAccount);
}

export async function getAccount(sql: Sql, tenantId: string, id: string): Promise<AccountDto | null> {
  const [row] = await sql.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM cloud_accounts WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
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
  const [row] = await sql.query<AccountRow>(
    `INSERT INTO cloud_accounts (tenant_id, provider, external_id, name, parent_external_id, connection, enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, provider, external_id) DO NOTHING
     RETURNING ${ACCOUNT_COLUMNS}`,
    [
      tenantId,
      input.provider,
      input.externalId,
      input.name,
      input.parentExternalId ?? null,
      JSON.stringify(input.connection),
      input.enabled ?? true,
    ],
  );
  return row ? toAccount(row) : null;
}

export async function updateAccount(
  sql: Sql,
  tenantId: string,
  id: string,
  patch: { name?: string; enabled?: boolean; connection?: Record<string, unknown> },
): Promise<AccountDto | null> {
  const [row] = await sql.query<AccountRow>(
    `UPDATE cloud_accounts SET
        name = COALESCE($3, name),
        enabled = COALESCE($4, enabled),
        connection = COALESCE($5::jsonb, connection),
        updated_at = now()
      WHERE tenant_id = $1 AND id = $2
      RETURNING ${ACCOUNT_COLUMNS}`,
    [
      tenantId,
      id,
      patch.name ?? null,
      patch.enabled ?? null,
      patch.connection ? JSON.stringify(patch.connection) : null,
    ],
  );
  return row ? toAccount(row) : null;
}
