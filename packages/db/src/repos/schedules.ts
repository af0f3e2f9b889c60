import type { ScanScope } from '@aispm/core';
import type { Sql } from '../client.ts';

export interface ScheduleRow {
  id: string;
  tenantId: string;
  name: string;
  cron: string;
  timezone: string;
  scope: ScanScope;
  enabled: boolean;
  lastRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, tenant_id AS "tenantId", name, cron, timezone, scope, enabled, last_run_at AS "lastRunAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function upsertSchedule(
  sql: Sql,
  tenantId: string,
  input: { name: string; cron: string; timezone?: string; scope?: ScanScope; enabled?: boolean },
): Promise<ScheduleRow> {
  const [row] = await sql.query<ScheduleRow>(
    `INSERT INTO schedules (tenant_id, name, cron, timezone, scope, enabled)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6)
     ON CONFLICT (tenant_id, name) DO UPDATE SET cron = EXCLUDED.cron, timezone = EXCLUDED.timezone,
       scope = EXCLUDED.scope, enabled = EXCLUDED.enabled, updated_at = now()
     RETURNING ${COLUMNS}`,
    [
      tenantId,
      input.name,
      input.cron,
      input.timezone ?? 'UTC',
      JSON.stringify(input.scope ?? {}),
      input.enabled ?? true,
    ],
  );
  if (!row) throw new Error(`schedule upsert returned no row: ${input.name}`);
  return row;
}

export async function getSchedule(sql: Sql, tenantId: string, name: string): Promise<ScheduleRow | null> {
  const [row] = await sql.query<ScheduleRow>(
    `SELECT ${COLUMNS} FROM schedules WHERE tenant_id = $1 AND name = $2`,
    [tenantId, name],
  );
  return row ?? null;
}

export async function listSchedules(sql: Sql, tenantId: string): Promise<ScheduleRow[]> {
  return sql.query<ScheduleRow>(`SELECT ${COLUMNS} FROM schedules WHERE tenant_id = $1 ORDER BY name`, [
    tenantId,
  ]);
}

export async function removeSchedule(sql: Sql, tenantId: string, name: string): Promise<boolean> {
  return (
    (await sql.execute(`DELETE FROM schedules WHERE tenant_id = $1 AND name = $2`, [tenantId, name])) > 0
  );
}

export async function touchScheduleRun(sql: Sql, tenantId: string, name: string): Promise<void> {
  await sql.execute(`UPDATE schedules SET last_run_at = now() WHERE tenant_id = $1 AND name = $2`, [
    tenantId,
    name,
  ]);
}
