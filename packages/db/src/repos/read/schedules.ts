import type { Sql } from '../../client.ts';
import { iso, isoRequired } from './shared.ts';

export interface ScheduleDto {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  scope: Record<string, unknown>;
  enabled: boolean;
  lastRunAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function querySchedules(sql: Sql, tenantId: string, name?: string): Promise<ScheduleDto[]> {
  const rows = await sql.kysely
    .selectFrom('schedules')
    .select(['id', 'name', 'cron', 'timezone', 'scope', 'enabled', 'last_run_at', 'created_at', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .$if(name !== undefined, (q) => q.where('name', '=', name as string))
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    cron: r.cron,
    timezone: r.timezone,
    scope: (r.scope as Record<string, unknown> | null) ?? {},
    enabled: r.enabled,
    lastRunAt: iso(r.last_run_at),
    createdAt: isoRequired(r.created_at),
    updatedAt: isoRequired(r.updated_at),
  }));
}
