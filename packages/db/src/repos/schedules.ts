import type { ScanScope } from '@aispm/core';
import { sql as fragment, type Selectable } from 'kysely';
import type { Sql } from '../client.ts';
import type { Schedule as ScheduleTable } from '../schema/generated/tables.ts';

/** A schedule as the scheduler uses it (camelCase, Dates). */
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

const SCHEDULE_COLUMNS = [
  'id',
  'tenant_id',
  'name',
  'cron',
  'timezone',
  'scope',
  'enabled',
  'last_run_at',
  'created_at',
  'updated_at',
] as const;

function toSchedule(r: Pick<Selectable<ScheduleTable>, (typeof SCHEDULE_COLUMNS)[number]>): ScheduleRow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    cron: r.cron,
    timezone: r.timezone,
    scope: (r.scope as ScanScope | null) ?? {},
    enabled: r.enabled,
    lastRunAt: r.last_run_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function upsertSchedule(
  sql: Sql,
  tenantId: string,
  input: { name: string; cron: string; timezone?: string; scope?: ScanScope; enabled?: boolean },
): Promise<ScheduleRow> {
  const row = await sql.kysely
    .insertInto('schedules')
    .values({
      tenant_id: tenantId,
      name: input.name,
      cron: input.cron,
      timezone: input.timezone ?? 'UTC',
      scope: JSON.stringify(input.scope ?? {}),
      enabled: input.enabled ?? true,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'name']).doUpdateSet((eb) => ({
        cron: eb.ref('excluded.cron'),
        timezone: eb.ref('excluded.timezone'),
        scope: eb.ref('excluded.scope'),
        enabled: eb.ref('excluded.enabled'),
        updated_at: fragment`now()`,
      })),
    )
    .returning(SCHEDULE_COLUMNS)
    .executeTakeFirst();
  if (!row) throw new Error(`schedule upsert returned no row: ${input.name}`);
  return toSchedule(row);
}

export async function getSchedule(sql: Sql, tenantId: string, name: string): Promise<ScheduleRow | null> {
  const row = await sql.kysely
    .selectFrom('schedules')
    .select(SCHEDULE_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toSchedule(row) : null;
}

export async function listSchedules(sql: Sql, tenantId: string): Promise<ScheduleRow[]> {
  const rows = await sql.kysely
    .selectFrom('schedules')
    .select(SCHEDULE_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('name')
    .execute();
  return rows.map(toSchedule);
}

export async function removeSchedule(sql: Sql, tenantId: string, name: string): Promise<boolean> {
  const result = await sql.kysely
    .deleteFrom('schedules')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function touchScheduleRun(sql: Sql, tenantId: string, name: string): Promise<void> {
  await sql.kysely
    .updateTable('schedules')
    .set({ last_run_at: fragment`now()` })
    .where('tenant_id', '=', tenantId)
    .where('name', '=', name)
    .execute();
}
