import type { Sql } from '../../client.ts';
import { selectScans } from '../scan-counters.ts';
import {
  getTenantScanRow,
  type ScanRow,
  type ScanTaskRow,
  TASK_COLUMNS,
  toScanRow,
  toTaskRow,
} from '../scans.ts';
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

/** The API's view of a scan: the stored row with ISO timestamps, without its tenant. */
function toScan(row: ScanRow): ScanDto {
  const { tenantId: _tenant, createdAt, startedAt, finishedAt, ...rest } = row;
  return {
    ...rest,
    createdAt: isoRequired(createdAt),
    startedAt: iso(startedAt),
    finishedAt: iso(finishedAt),
  };
}

/** The API's view of a task: the stored row with ISO timestamps, without its scan id. */
function toTask(row: ScanTaskRow): ScanTaskDto {
  const { scanId: _scan, startedAt, finishedAt, ...rest } = row;
  return { ...rest, startedAt: iso(startedAt), finishedAt: iso(finishedAt) };
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
  const rows = await selectScans(sql.kysely)
    .where('scans.tenant_id', '=', tenantId)
    .$if(options.status !== undefined, (q) => q.where('scans.status', '=', options.status as string))
    .$if(after !== undefined, (q) =>
      q.where((eb) => {
        const at = new Date((after as ScanKey).createdAt);
        return eb.or([
          eb('scans.created_at', '<', at),
          eb.and([eb('scans.created_at', '=', at), eb('scans.id', '>', (after as ScanKey).id)]),
        ]);
      }),
    )
    .orderBy('scans.created_at', 'desc')
    .orderBy('scans.id')
    .limit(options.limit + 1)
    .execute();
  return pageOf(
    rows.map((r) => toScan(toScanRow(r))),
    options.limit,
    (s) => ({ createdAt: s.createdAt, id: s.id }),
  );
}

export async function getScanWithTasks(
  sql: Sql,
  tenantId: string,
  id: string,
): Promise<(ScanDto & { tasks: ScanTaskDto[] }) | null> {
  const scan = await getTenantScanRow(sql, tenantId, id);
  if (!scan) return null;
  const tasks = await sql.kysely
    .selectFrom('scan_tasks')
    .select(TASK_COLUMNS)
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
    ...toScan(scan),
    tasks: tasks.map((t) => toTask(toTaskRow(t))),
  };
}
