import type { Sql } from '../../client.ts';
import { Conditions, iso, isoRequired, type KeysetPage, pageOf } from './shared.ts';

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

interface ScanRow {
  id: string;
  trigger: string;
  status: string;
  scope: Record<string, unknown>;
  tasks_total: number;
  tasks_done: number;
  tasks_failed: number;
  assets_seen: number;
  edges_seen: number;
  assets_written: number;
  assets_removed: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const SCAN_COLUMNS = `id, trigger, status, scope, tasks_total, tasks_done, tasks_failed, assets_seen, edges_seen,
  assets_written, assets_removed, error, created_at, started_at, finished_at`;

function toScan(r: ScanRow): ScanDto {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    scope: r.scope ?? {},
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
  const c = new Conditions();
  c.add(`tenant_id = ${c.p(tenantId)}`);
  if (options.status) c.add(`status = ${c.p(options.status)}`);
  if (options.after) {
    const t = c.p(options.after.createdAt);
    c.add(
      `(created_at < ${t}::timestamptz OR (created_at = ${t}::timestamptz AND id > ${c.p(options.after.id)}))`,
    );
  }
  const rows = await sql.query<ScanRow>(
    `SELECT ${SCAN_COLUMNS} FROM scans ${c.where()} ORDER BY created_at DESC, id LIMIT ${c.p(options.limit + 1)}`,
    c.params,
  );
  return pageOf(rows.map(toScan), options.limit, (s) => ({ createdAt: s.createdAt, id: s.id }));
}

export async function getScanWithTasks(
  sql: Sql,
  tenantId: string,
  id: string,
): Promise<(ScanDto & { tasks: ScanTaskDto[] }) | null> {
  const [row] = await sql.query<ScanRow>(
    `SELECT ${SCAN_COLUMNS} FROM scans WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  if (!row) return null;
  const tasks = await sql.query<{
    id: string;
    provider: string;
    account_id: string;
    region: string;
    service: string;
    status: string;
    attempts: number;
    error: string | null;
    throttled: number;
    assets_seen: number;
    edges_seen: number;
    started_at: Date | null;
    finished_at: Date | null;
  }>(
    `SELECT id, provider, account_id, region, service, status, attempts, error, throttled, assets_seen, edges_seen,
            started_at, finished_at
       FROM scan_tasks WHERE tenant_id = $1 AND scan_id = $2
      ORDER BY (error IS NULL), provider, account_id, region, service`,
    [tenantId, id],
  );
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
