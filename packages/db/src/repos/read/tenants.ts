import type { Sql } from '../../client.ts';

export async function tenantById(
  sql: Sql,
  tenantId: string,
): Promise<{ id: string; slug: string; name: string } | null> {
  const [row] = await sql.query<{ id: string; slug: string; name: string }>(
    'SELECT id, slug, name FROM tenants WHERE id = $1',
    [tenantId],
  );
  return row ?? null;
}
