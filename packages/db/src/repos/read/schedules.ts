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
  const rows = await sql.query<{
    id: string;
    name: string;
    cron: string;
    timezone: string;
    scope: Record<string, unknown>;
    enabled: boolean;
    last_run_at: Date | null;
    created_at: Date;
    updated_at: Date;
  }>(
    `SELECT id, name, cron, timezone, scope, enabled, last_run_at, created_at, updated_at FROM schedules
      WHERE tenant_id = $1 AND ($2::text IS NULL OR name = $2) ORDER BY name`,
    [tenantId, name ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    cron: r.cron,
    timezone: r.timezone,
    scope: r.scope ?? {},
    enabled: r.enabled,
    lastRunAt: iso(r.last_run_at),
    createdAt: isoRequired(r.created_at),
    updatedAt: isoRequired(r.updated_at),
  }));
}
