import type { Sql } from '../../client.ts';

export async function tenantById(
  sql: Sql,
  tenantId: string,
): Promise<{ id: string; slug: string; name: string } | null> {
  const row = await sql.kysely
    .selectFrom('tenants')
    .select(['id', 'slug', 'name'])
    .where('id', '=', tenantId)
    .executeTakeFirst();
  return row ?? null;
}
