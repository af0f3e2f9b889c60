import type { ScanScope } from '@aispm/core';
import type { Db, Sql } from '../client.ts';

export type ScanStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled';
export const ACTIVE_SCAN_STATUSES: readonly ScanStatus[] = ['queued', 'running'];
export const TERMINAL_SCAN_STATUSES: readonly ScanStatus[] = ['succeeded', 'partial', 'failed', 'cancelled'];

/** pending: planned, its phase has not started; retrying: an attempt failed and another is scheduled. */
export type ScanTaskStatus =
  | 'pending'
  | 'queued'
  | 'running'
  | 'retrying'
  | 'succeeded'
  | 'failed'
  | 'cancelled';
export const SETTLED_TASK_STATUSES: readonly ScanTaskStatus[] = ['succeeded', 'failed', 'cancelled'];

export interface ScanRow {
  id: string;
  tenantId: string;
  trigger: string;
  status: ScanStatus;
  scope: ScanScope;
  tasksTotal: number;
  /** Settled tasks: succeeded or failed. */
  tasksDone: number;
  tasksFailed: number;
  assetsSeen: number;
  edgesSeen: number;
  assetsWritten: number;
  assetsRemoved: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ScanTaskKey {
  provider: string;
  accountId: string;
  region: string;
  service: string;
}

export interface ScanTaskRow extends ScanTaskKey {
  id: string;
  scanId: string;
  status: ScanTaskStatus;
  attempts: number;
  error: string | null;
  throttled: number;
  assetsSeen: number;
  edgesSeen: number;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const SCAN_COLUMNS = `id, tenant_id AS "tenantId", trigger, status, scope, tasks_total AS "tasksTotal",
  tasks_done AS "tasksDone", tasks_failed AS "tasksFailed", assets_seen AS "assetsSeen", edges_seen AS "edgesSeen",
  assets_written AS "assetsWritten", assets_removed AS "assetsRemoved", error, created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt"`;

const TASK_COLUMNS = `id, scan_id AS "scanId", provider, account_id AS "accountId", region, service, status, attempts,
  error, throttled, assets_seen AS "assetsSeen", edges_seen AS "edgesSeen", started_at AS "startedAt",
  finished_at AS "finishedAt"`;

/** Two scopes overlap when some account could be scanned by both. */
export function scopesOverlap(a: ScanScope, b: ScanScope): boolean {
  if (a.provider && b.provider && a.provider !== b.provider) return false;
  if (!a.accounts || !b.accounts) return true;
  const other = new Set(b.accounts);
  return a.accounts.some((id) => other.has(id));
}

/**
 * Creates a scan unless an active scan of the tenant overlaps the scope, in which case that scan's id is
 * returned: one active scan per account. A per-tenant advisory lock makes check-and-insert atomic.
 */
export const DEFAULT_STALE_SCAN_MS = 30 * 60_000;

export async function createScanDeduplicated(
  db: Db,
  input: {
    tenantId: string;
    trigger: string;
    scope: ScanScope;
    /** An active scan with no task activity for this long is abandoned (its queue was lost) and fails. */
    staleAfterMs?: number;
  },
): Promise<{ scanId: string; deduplicated: boolean }> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('aispm-scan:' || $1))`, [input.tenantId]);
    await tx.execute(
      `UPDATE scans s SET status = 'failed', finished_at = now(),
              error = 'abandoned: no task activity for ' || ($3::bigint / 1000) || ' s (queue lost?)'
        WHERE s.tenant_id = $1 AND s.status = ANY($2)
          AND greatest(s.created_at, s.started_at,
                (SELECT max(greatest(t.started_at, t.finished_at)) FROM scan_tasks t WHERE t.scan_id = s.id))
              < now() - ($3::bigint * interval '1 millisecond')`,
      [input.tenantId, ACTIVE_SCAN_STATUSES, input.staleAfterMs ?? DEFAULT_STALE_SCAN_MS],
    );
    const active = await tx.query<{ id: string; scope: ScanScope }>(
      `SELECT id, scope FROM scans WHERE tenant_id = $1 AND status = ANY($2) ORDER BY created_at`,
      [input.tenantId, ACTIVE_SCAN_STATUSES],
    );
    const existing = active.find((s) => scopesOverlap(s.scope, input.scope));
    if (existing) return { scanId: existing.id, deduplicated: true };
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO scans (tenant_id, trigger, status, scope) VALUES ($1, $2, 'queued', $3::jsonb) RETURNING id`,
      [input.tenantId, input.trigger, JSON.stringify(input.scope)],
    );
    if (!row) throw new Error('scan insert returned no row');
    return { scanId: row.id, deduplicated: false };
  });
}

export async function getScanRow(sql: Sql, scanId: string): Promise<ScanRow | null> {
  const [row] = await sql.query<ScanRow>(`SELECT ${SCAN_COLUMNS} FROM scans WHERE id = $1`, [scanId]);
  return row ?? null;
}

export async function listScans(
  sql: Sql,
  tenantId: string,
  filter: { trigger?: string; limit?: number } = {},
): Promise<ScanRow[]> {
  return sql.query<ScanRow>(
    `SELECT ${SCAN_COLUMNS} FROM scans WHERE tenant_id = $1 AND ($2::text IS NULL OR trigger = $2)
      ORDER BY created_at DESC, id LIMIT $3`,
    [tenantId, filter.trigger ?? null, filter.limit ?? 100],
  );
}

export async function markScanRunning(sql: Sql, scanId: string): Promise<void> {
  await sql.execute(
    `UPDATE scans SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = $1 AND status = 'queued'`,
    [scanId],
  );
}

/**
 * Plans tasks; a task already planned (a retried fan-out) is left alone and not counted twice, so
 * `tasks_total` stays exact whatever is replayed. Returns how many were new.
 */
export async function addScanTasks(
  sql: Sql,
  tenantId: string,
  scanId: string,
  tasks: (ScanTaskKey & { status?: 'pending' | 'queued' })[],
): Promise<number> {
  if (tasks.length === 0) return 0;
  const rows = tasks.map((t) => ({
    provider: t.provider,
    account_id: t.accountId,
    region: t.region,
    service: t.service,
    status: t.status ?? 'queued',
  }));
  const [result] = await sql.query<{ added: number }>(
    `WITH added AS (
       INSERT INTO scan_tasks (tenant_id, scan_id, provider, account_id, region, service, status)
       SELECT $1::uuid, $2::uuid, provider, account_id, region, service, status
         FROM jsonb_to_recordset($3::jsonb) AS x(provider text, account_id text, region text, service text, status text)
       ON CONFLICT (scan_id, account_id, region, service) DO NOTHING
       RETURNING 1
     ), counted AS (
       UPDATE scans SET tasks_total = tasks_total + (SELECT count(*) FROM added) WHERE id = $2
     )
     SELECT count(*)::int AS added FROM added`,
    [tenantId, scanId, JSON.stringify(rows)],
  );
  return result?.added ?? 0;
}

export async function getScanTask(sql: Sql, scanId: string, key: ScanTaskKey): Promise<ScanTaskRow | null> {
  const [row] = await sql.query<ScanTaskRow>(
    `SELECT ${TASK_COLUMNS} FROM scan_tasks
      WHERE scan_id = $1 AND account_id = $2 AND region = $3 AND service = $4 AND provider = $5`,
    [scanId, key.accountId, key.region, key.service, key.provider],
  );
  return row ?? null;
}

export async function listScanTasks(
  sql: Sql,
  scanId: string,
  filter: { accountId?: string; provider?: string } = {},
): Promise<ScanTaskRow[]> {
  return sql.query<ScanTaskRow>(
    `SELECT ${TASK_COLUMNS} FROM scan_tasks
      WHERE scan_id = $1 AND ($2::text IS NULL OR account_id = $2) AND ($3::text IS NULL OR provider = $3)
      ORDER BY provider, account_id, service, region`,
    [scanId, filter.accountId ?? null, filter.provider ?? null],
  );
}

export async function setScanTasksQueued(sql: Sql, scanId: string, keys: ScanTaskKey[]): Promise<void> {
  if (keys.length === 0) return;
  await sql.execute(
    `UPDATE scan_tasks t SET status = 'queued'
       FROM jsonb_to_recordset($2::jsonb) AS k(provider text, account_id text, region text, service text)
      WHERE t.scan_id = $1 AND t.status = 'pending' AND t.provider = k.provider AND t.account_id = k.account_id
        AND t.region = k.region AND t.service = k.service`,
    [scanId, JSON.stringify(keys.map(keyRow))],
  );
}

function keyRow(k: ScanTaskKey) {
  return { provider: k.provider, account_id: k.accountId, region: k.region, service: k.service };
}

/** Starts an attempt of an unsettled task; null when the task is settled (a replayed job has nothing to do). */
export async function startScanTaskAttempt(
  sql: Sql,
  scanId: string,
  key: ScanTaskKey,
): Promise<ScanTaskRow | null> {
  const [row] = await sql.query<ScanTaskRow>(
    `UPDATE scan_tasks SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now())
      WHERE scan_id = $1 AND account_id = $2 AND region = $3 AND service = $4 AND provider = $5
        AND status <> ALL($6)
      RETURNING ${TASK_COLUMNS}`,
    [scanId, key.accountId, key.region, key.service, key.provider, SETTLED_TASK_STATUSES],
  );
  return row ?? null;
}

export interface TaskOutcome {
  assetsSeen: number;
  edgesSeen: number;
  assetsWritten: number;
  throttled: number;
}

/**
 * Settles a task as succeeded and adds its numbers to the scan's counters in one statement; a task that is
 * already settled is not counted again (returns false).
 */
export async function completeScanTask(
  sql: Sql,
  scanId: string,
  key: ScanTaskKey,
  outcome: TaskOutcome,
): Promise<boolean> {
  const [row] = await sql.query<{ settled: number }>(
    `WITH settled AS (
       UPDATE scan_tasks SET status = 'succeeded', error = NULL, finished_at = now(),
              assets_seen = $6, edges_seen = $7, throttled = throttled + $8
        WHERE scan_id = $1 AND account_id = $2 AND region = $3 AND service = $4 AND provider = $5
          AND status <> ALL($10)
        RETURNING 1
     ), counted AS (
       UPDATE scans SET tasks_done = tasks_done + 1, assets_seen = assets_seen + $6, edges_seen = edges_seen + $7,
              assets_written = assets_written + $9
        WHERE id = $1 AND EXISTS (SELECT 1 FROM settled)
     )
     SELECT count(*)::int AS settled FROM settled`,
    [
      scanId,
      key.accountId,
      key.region,
      key.service,
      key.provider,
      outcome.assetsSeen,
      outcome.edgesSeen,
      outcome.throttled,
      outcome.assetsWritten,
      SETTLED_TASK_STATUSES,
    ],
  );
  return (row?.settled ?? 0) > 0;
}

/** Records a failed attempt that will be retried. */
export async function recordScanTaskRetry(
  sql: Sql,
  scanId: string,
  key: ScanTaskKey,
  failure: { error: string; throttled: number },
): Promise<void> {
  await sql.execute(
    `UPDATE scan_tasks SET status = 'retrying', error = $6, throttled = throttled + $7
      WHERE scan_id = $1 AND account_id = $2 AND region = $3 AND service = $4 AND provider = $5
        AND status <> ALL($8)`,
    [
      scanId,
      key.accountId,
      key.region,
      key.service,
      key.provider,
      failure.error,
      failure.throttled,
      SETTLED_TASK_STATUSES,
    ],
  );
}

/** Settles a task as failed (no more attempts); counted once like completion. */
export async function failScanTask(
  sql: Sql,
  scanId: string,
  key: ScanTaskKey,
  failure: { error: string; throttled: number },
): Promise<boolean> {
  const [row] = await sql.query<{ settled: number }>(
    `WITH settled AS (
       UPDATE scan_tasks SET status = 'failed', error = $6, throttled = throttled + $7, finished_at = now()
        WHERE scan_id = $1 AND account_id = $2 AND region = $3 AND service = $4 AND provider = $5
          AND status <> ALL($8)
        RETURNING 1
     ), counted AS (
       UPDATE scans SET tasks_done = tasks_done + 1, tasks_failed = tasks_failed + 1
        WHERE id = $1 AND EXISTS (SELECT 1 FROM settled)
     )
     SELECT count(*)::int AS settled FROM settled`,
    [
      scanId,
      key.accountId,
      key.region,
      key.service,
      key.provider,
      failure.error,
      failure.throttled,
      SETTLED_TASK_STATUSES,
    ],
  );
  return (row?.settled ?? 0) > 0;
}

/** True when no task of the scan is left to run. */
export async function allScanTasksSettled(sql: Sql, scanId: string): Promise<boolean> {
  const [row] = await sql.query<{ open: number }>(
    `SELECT count(*)::int AS open FROM scan_tasks WHERE scan_id = $1 AND status <> ALL($2)`,
    [scanId, SETTLED_TASK_STATUSES],
  );
  return (row?.open ?? 0) === 0;
}

/**
 * Moves a scan to a terminal status exactly once: only the caller that gets `true` back runs what follows
 * (evaluation), however many finalize attempts race.
 */
export async function finishScan(
  sql: Sql,
  scanId: string,
  /** `assetsRemoved` is added to what earlier reconcile passes of the scan counted. */
  result: {
    status: Exclude<ScanStatus, 'queued' | 'running'>;
    assetsRemoved?: number;
    error?: string | null;
  },
): Promise<boolean> {
  const n = await sql.execute(
    `UPDATE scans SET status = $2, assets_removed = assets_removed + $3, error = $4, finished_at = now(),
            started_at = coalesce(started_at, now())
      WHERE id = $1 AND status = ANY($5)`,
    [scanId, result.status, result.assetsRemoved ?? 0, result.error ?? null, ACTIVE_SCAN_STATUSES],
  );
  return n > 0;
}

export async function addScanRemoved(sql: Sql, scanId: string, assetsRemoved: number): Promise<void> {
  if (assetsRemoved > 0) {
    await sql.execute(`UPDATE scans SET assets_removed = assets_removed + $2 WHERE id = $1`, [
      scanId,
      assetsRemoved,
    ]);
  }
}

/** Cancels an active scan and every task that has not settled; false when the scan was not active. */
export async function cancelScanRow(db: Db, scanId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const n = await tx.execute(
      `UPDATE scans SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status = ANY($2)`,
      [scanId, ACTIVE_SCAN_STATUSES],
    );
    if (n === 0) return false;
    await tx.execute(
      `UPDATE scan_tasks SET status = 'cancelled', finished_at = now() WHERE scan_id = $1 AND status <> ALL($2)`,
      [scanId, SETTLED_TASK_STATUSES],
    );
    return true;
  });
}
