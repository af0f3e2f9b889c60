import type { Selectable } from 'kysely';
import type { Sql } from '../../client.ts';
import type { Scan } from '../../schema/generated/tables.ts';
import { iso, isoRequired, type KeysetPage, pageOf } from './shared.ts';

export interface ScanDto {
  id: string;
  trigger: string;
  status: string;
  scope: Record<string, unknown>;
  tasksTotal: number;
  tasksDone: number;
  tasksFailed: number;
  assetsSeen: number;
  edgesSeen: number;
  assetsWritten: number;
  assetsRemoved: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ScanTaskDto {
  id: string;
  provider: string;
  accountId: string;
  region: string;
  service: string;
  status: string;
  attempts: number;
  error: string | null;
  throttled: number;
  assetsSeen: number;
  edgesSeen: number;
  startedAt: string | null;
  finishedAt: string | null;
}

const SCAN_COLUMNS = [
  'id',
  'trigger',
  'status',
  'scope',
  'tasks_total',
  'tasks_done',
  'tasks_failed',
  'assets_seen',
  'edges_seen',
  'assets_written',
  'assets_removed',
  'error',
  'created_at',
  'started_at',
  'finished_at',
] as const;

function toScan(r: Pick<Selectable<Scan>, (typeof SCAN_COLUMNS)[number]>): ScanDto {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    scope: (r.scope as Record<string, unknown> | null) ?? {},
    tasksTotal: r.tasks_total,
    tasksDone: r.tasks_done,
    tasksFailed: r.tasks_failed,
    assetsSeen: r.assets_seen,
    edgesSeen: r.edges_seen,
    assetsWritten: r.assets_written,
    assetsRemoved: r.assets_removed,
    error: r.error,
    createdAt: isoRequired(r.created_at),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

export interface ScanKey {
  createdAt: string;
  id: string;
}

export async function queryScans(
  sql: Sql,
  tenantId: string,
  options: { limit: number; status?: string; after?: ScanKey },
): Promise<KeysetPage<ScanDto>> {
  const after = options.after;
  const rows = await sql.kysely
    .selectFrom('scans')
    .select(SCAN_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .$if(options.status !== undefined, (q) => q.where('status', '=', options.status as string))
    .$if(after !== undefined, (q) =>
      q.where((eb) => {
        const at = new Date((after as ScanKey).createdAt);
        return eb.or([
          eb('created_at', '<', at),
          eb.and([eb('created_at', '=', at), eb('id', '>', (after as ScanKey).id)]),
        ]);
      }),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(options.limit + 1)
    .execute();
  return pageOf(rows.map(toScan), options.limit, (s) => ({ createdAt: s.createdAt, id: s.id }));
}

export async function getScanWithTasks(
  sql: Sql,
  tenantId: string,
  id: string,
): Promise<(ScanDto & { tasks: ScanTaskDto[] }) | null> {
  const row = await sql.kysely
    .selectFrom('scans')
    .select(SCAN_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const tasks = await sql.kysely
    .selectFrom('scan_tasks')
    .select([
      'id',
      'provider',
      'account_id',
      'region',
      'service',
      'status',
      'attempts',
      'error',
      'throttled',
      'assets_seen',
      'edges_seen',
      'started_at',
      'finished_at',
    ])
    .where('tenant_id', '=', tenantId)
    .where('scan_id', '=', id)
    // Failed tasks first.
    .orderBy((eb) => eb('error', 'is', null))
    .orderBy('provider')
    .orderBy('account_id')
    .orderBy('region')
    .orderBy('service')
    .execute();
  return {
    ...toScan(row),
    tasks: tasks.map((t) => ({
      id: t.id,
      provider: t.provider,
      accountId: t.account_id,
      region: t.region,
      service: t.service,
      status: t.status,
      attempts: t.attempts,
      error: t.error,
      throttled: t.throttled,
      assetsSeen: t.assets_seen,
      edgesSeen: t.edges_seen,
      startedAt: iso(t.started_at),
      finishedAt: iso(t.finished_at),
    })),
  };
}
