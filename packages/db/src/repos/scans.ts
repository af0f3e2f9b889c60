import type { ScanScope } from '@aispm/core';
import { type ExpressionBuilder, sql as fragment, type Selectable, type WhereInterface } from 'kysely';
import { BULK_JOIN_SETTINGS, type Db, type Sql } from '../client.ts';
import type { DB } from '../kysely.ts';
import type { Scan, ScanTask } from '../schema/generated/tables.ts';
import { rollUpScanCounters, SCAN_COUNTERS, selectScans } from './scan-counters.ts';

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
/** Whether a task in each status has settled (a status added to ScanTaskStatus must be placed here). */
const TASK_SETTLED: Readonly<Record<ScanTaskStatus, boolean>> = {
  pending: false,
  queued: false,
  running: false,
  retrying: false,
  succeeded: true,
  failed: true,
  cancelled: true,
};
const TASK_STATUSES = Object.keys(TASK_SETTLED) as ScanTaskStatus[];
export const SETTLED_TASK_STATUSES: readonly ScanTaskStatus[] = TASK_STATUSES.filter((s) => TASK_SETTLED[s]);
export const OPEN_TASK_STATUSES: readonly ScanTaskStatus[] = TASK_STATUSES.filter((s) => !TASK_SETTLED[s]);

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

export const SCAN_COLUMNS = [
  'id',
  'tenant_id',
  'trigger',
  'status',
  'scope',
  ...SCAN_COUNTERS,
  'assets_removed',
  'error',
  'created_at',
  'started_at',
  'finished_at',
] as const;

export function toScanRow(r: Pick<Selectable<Scan>, (typeof SCAN_COLUMNS)[number]>): ScanRow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    trigger: r.trigger,
    status: r.status as ScanStatus,
    scope: (r.scope as ScanScope | null) ?? {},
    tasksTotal: r.tasks_total,
    tasksDone: r.tasks_done,
    tasksFailed: r.tasks_failed,
    assetsSeen: r.assets_seen,
    edgesSeen: r.edges_seen,
    assetsWritten: r.assets_written,
    assetsRemoved: r.assets_removed,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export const TASK_COLUMNS = [
  'id',
  'scan_id',
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
] as const;

export function toTaskRow(r: Pick<Selectable<ScanTask>, (typeof TASK_COLUMNS)[number]>): ScanTaskRow {
  return {
    id: r.id,
    scanId: r.scan_id,
    provider: r.provider,
    accountId: r.account_id,
    region: r.region,
    service: r.service,
    status: r.status as ScanTaskStatus,
    attempts: r.attempts,
    error: r.error,
    throttled: r.throttled,
    assetsSeen: r.assets_seen,
    edgesSeen: r.edges_seen,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** The task with this key in this scan. */
function taskOf<O>(q: WhereInterface<DB, 'scan_tasks'> & O, scanId: string, key: ScanTaskKey): O {
  return q
    .where('scan_id', '=', scanId)
    .where('account_id', '=', key.accountId)
    .where('region', '=', key.region)
    .where('service', '=', key.service)
    .where('provider', '=', key.provider) as unknown as O;
}

const unsettled = (eb: ExpressionBuilder<DB, 'scan_tasks'>) =>
  eb('status', 'not in', SETTLED_TASK_STATUSES as ScanTaskStatus[]);

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
    const staleMs = input.staleAfterMs ?? DEFAULT_STALE_SCAN_MS;
    const abandoned = await tx.kysely
      .updateTable('scans as s')
      .set({
        status: 'failed',
        finished_at: fragment<Date>`now()`,
        error: `abandoned: no task activity for ${Math.trunc(staleMs / 1000)} s (queue lost?)`,
      })
      .where('s.tenant_id', '=', input.tenantId)
      .where('s.status', 'in', ACTIVE_SCAN_STATUSES as ScanStatus[])
      .where((eb) => {
        const lastTaskActivity = eb
          .selectFrom('scan_tasks as t')
          .select((t) => t.fn.max(t.fn<Date | null>('greatest', ['t.started_at', 't.finished_at'])).as('at'))
          .whereRef('t.scan_id', '=', 's.id');
        const lastActivity = eb.fn<Date>('greatest', ['s.created_at', 's.started_at', lastTaskActivity]);
        return eb(lastActivity, '<', fragment<Date>`now() - (${staleMs}::bigint * interval '1 millisecond')`);
      })
      .returning('s.id')
      .execute();
    await rollUpScanCounters(
      tx,
      abandoned.map((s) => s.id),
    );
    const active = await tx.kysely
      .selectFrom('scans')
      .select(['id', 'scope'])
      .where('tenant_id', '=', input.tenantId)
      .where('status', 'in', ACTIVE_SCAN_STATUSES as ScanStatus[])
      .orderBy('created_at')
      .execute();
    const existing = active.find((s) => scopesOverlap(s.scope as ScanScope, input.scope));
    if (existing) return { scanId: existing.id, deduplicated: true };
    const row = await tx.kysely
      .insertInto('scans')
      .values({
        tenant_id: input.tenantId,
        trigger: input.trigger,
        status: 'queued',
        scope: JSON.stringify(input.scope),
      })
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new Error('scan insert returned no row');
    return { scanId: row.id, deduplicated: false };
  });
}

export async function getScanRow(sql: Sql, scanId: string): Promise<ScanRow | null> {
  const row = await selectScans(sql.kysely).where('scans.id', '=', scanId).executeTakeFirst();
  return row ? toScanRow(row) : null;
}

/**
 * What a task needs of its scan, its status and scope, without the progress sums `getScanRow` adds up over the
 * scan's tasks (every task reads this when it starts, and again each second while it runs).
 */
export async function getScanState(
  sql: Sql,
  scanId: string,
): Promise<{ tenantId: string; status: ScanStatus; scope: ScanScope } | null> {
  const row = await sql.kysely
    .selectFrom('scans')
    .select(['tenant_id', 'status', 'scope'])
    .where('id', '=', scanId)
    .executeTakeFirst();
  return row
    ? {
        tenantId: row.tenant_id,
        status: row.status as ScanStatus,
        scope: (row.scope as ScanScope | null) ?? {},
      }
    : null;
}

/** One tenant's scan by id (null when the scan is another tenant's or does not exist). */
export async function getTenantScanRow(sql: Sql, tenantId: string, scanId: string): Promise<ScanRow | null> {
  const row = await selectScans(sql.kysely)
    .where('scans.tenant_id', '=', tenantId)
    .where('scans.id', '=', scanId)
    .executeTakeFirst();
  return row ? toScanRow(row) : null;
}

export async function listScans(
  sql: Sql,
  tenantId: string,
  filter: { trigger?: string; limit?: number } = {},
): Promise<ScanRow[]> {
  const { trigger } = filter;
  const rows = await selectScans(sql.kysely)
    .where('scans.tenant_id', '=', tenantId)
    .$if(trigger !== undefined, (q) => q.where('scans.trigger', '=', trigger as string))
    .orderBy('scans.created_at', 'desc')
    .orderBy('scans.id')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toScanRow);
}

export async function markScanRunning(sql: Sql, scanId: string): Promise<void> {
  await sql.kysely
    .updateTable('scans')
    .set((eb) => ({ status: 'running', started_at: eb.fn.coalesce('started_at', fragment<Date>`now()`) }))
    .where('id', '=', scanId)
    .where('status', '=', 'queued')
    .execute();
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
  // Seven parameters a row, and Postgres takes at most 65,535 per statement: a 1,000-account organisation plans
  // tens of thousands of tasks, added chunk by chunk (each chunk counts what it added, so replays stay exact).
  let added = 0;
  for (let i = 0; i < tasks.length; i += TASK_ROWS_PER_STATEMENT) {
    added += await addScanTaskChunk(sql, tenantId, scanId, tasks.slice(i, i + TASK_ROWS_PER_STATEMENT));
  }
  return added;
}

const TASK_ROWS_PER_STATEMENT = 5_000;

async function addScanTaskChunk(
  sql: Sql,
  tenantId: string,
  scanId: string,
  tasks: (ScanTaskKey & { status?: 'pending' | 'queued' })[],
): Promise<number> {
  const result = await sql.kysely
    .insertInto('scan_tasks')
    .values(
      tasks.map((t) => ({
        tenant_id: tenantId,
        scan_id: scanId,
        provider: t.provider,
        account_id: t.accountId,
        region: t.region,
        service: t.service,
        status: t.status ?? 'queued',
      })),
    )
    .onConflict((oc) => oc.columns(['scan_id', 'account_id', 'region', 'service']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

export async function getScanTask(sql: Sql, scanId: string, key: ScanTaskKey): Promise<ScanTaskRow | null> {
  const row = await taskOf(
    sql.kysely.selectFrom('scan_tasks').select(TASK_COLUMNS),
    scanId,
    key,
  ).executeTakeFirst();
  return row ? toTaskRow(row) : null;
}

export async function listScanTasks(
  sql: Sql,
  scanId: string,
  filter: { accountId?: string; provider?: string } = {},
): Promise<ScanTaskRow[]> {
  const { accountId, provider } = filter;
  const rows = await sql.kysely
    .selectFrom('scan_tasks')
    .select(TASK_COLUMNS)
    .where('scan_id', '=', scanId)
    .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId as string))
    .$if(provider !== undefined, (q) => q.where('provider', '=', provider as string))
    .orderBy('provider')
    .orderBy('account_id')
    .orderBy('service')
    .orderBy('region')
    .execute();
  return rows.map(toTaskRow);
}

export async function setScanTasksQueued(db: Db, scanId: string, keys: ScanTaskKey[]): Promise<void> {
  if (keys.length === 0) return;
  const wanted = fragment<[string, string, string, string]>`(SELECT provider, account_id, region, service
    FROM jsonb_to_recordset(${JSON.stringify(keys.map(keyRow))}::jsonb)
      AS k(provider text, account_id text, region text, service text))`;
  await db.transaction(
    (tx) =>
      tx.kysely
        .updateTable('scan_tasks')
        .set({ status: 'queued' })
        .where('scan_id', '=', scanId)
        .where('status', '=', 'pending')
        .where((eb) => eb(eb.refTuple('provider', 'account_id', 'region', 'service'), 'in', wanted))
        .execute(),
    // The scan's tasks were planned moments ago: see BULK_JOIN_SETTINGS.
    { settings: BULK_JOIN_SETTINGS },
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
  const row = await taskOf(
    sql.kysely.updateTable('scan_tasks').set((eb) => ({
      status: 'running',
      attempts: eb('attempts', '+', 1),
      started_at: eb.fn.coalesce('started_at', fragment<Date>`now()`),
    })),
    scanId,
    key,
  )
    .where(unsettled)
    .returning(TASK_COLUMNS)
    .executeTakeFirst();
  return row ? toTaskRow(row) : null;
}

export interface TaskOutcome {
  assetsSeen: number;
  edgesSeen: number;
  assetsWritten: number;
  throttled: number;
}

/**
 * Settles a task as succeeded with its numbers (the scan's counters are their sums: see scan-counters.ts); a task
 * that is already settled is not counted again (returns false).
 */
export async function completeScanTask(
  sql: Sql,
  scanId: string,
  key: ScanTaskKey,
  outcome: TaskOutcome,
): Promise<boolean> {
  const settled = await taskOf(
    sql.kysely.updateTable('scan_tasks').set((eb) => ({
      status: 'succeeded',
      error: null,
      finished_at: fragment<Date>`now()`,
      assets_seen: outcome.assetsSeen,
      edges_seen: outcome.edgesSeen,
      assets_written: outcome.assetsWritten,
      throttled: eb('throttled', '+', outcome.throttled),
    })),
    scanId,
    key,
  )
    .where(unsettled)
    .executeTakeFirst();
  return settled.numUpdatedRows > 0n;
}

/** Records a failed attempt that will be retried. */
export async function recordScanTaskRetry(
  sql: Sql,
  scanId: string,
  key: ScanTaskKey,
  failure: { error: string; throttled: number },
): Promise<void> {
  await taskOf(
    sql.kysely.updateTable('scan_tasks').set((eb) => ({
      status: 'retrying',
      error: failure.error,
      throttled: eb('throttled', '+', failure.throttled),
    })),
    scanId,
    key,
  )
    .where(unsettled)
    .execute();
}

/** Settles a task as failed (no more attempts); counted once like completion. */
export async function failScanTask(
  sql: Sql,
  scanId: string,
  key: ScanTaskKey,
  failure: { error: string; throttled: number },
): Promise<boolean> {
  const settled = await taskOf(
    sql.kysely.updateTable('scan_tasks').set((eb) => ({
      status: 'failed',
      error: failure.error,
      throttled: eb('throttled', '+', failure.throttled),
      finished_at: fragment<Date>`now()`,
    })),
    scanId,
    key,
  )
    .where(unsettled)
    .executeTakeFirst();
  return settled.numUpdatedRows > 0n;
}

/**
 * Moves a scan to a terminal status exactly once: only the caller that gets `true` back runs what follows
 * (evaluation), however many finalize attempts race.
 */
export async function finishScan(
  db: Db,
  scanId: string,
  /** `assetsRemoved` is added to what earlier reconcile passes of the scan counted. */
  result: {
    status: Exclude<ScanStatus, 'queued' | 'running'>;
    assetsRemoved?: number;
    error?: string | null;
  },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx.kysely
      .updateTable('scans')
      .set((eb) => ({
        status: result.status,
        assets_removed: eb('assets_removed', '+', result.assetsRemoved ?? 0),
        error: result.error ?? null,
        finished_at: fragment<Date>`now()`,
        started_at: eb.fn.coalesce('started_at', fragment<Date>`now()`),
      }))
      .where('id', '=', scanId)
      .where('status', 'in', ACTIVE_SCAN_STATUSES as ScanStatus[])
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await rollUpScanCounters(tx, [scanId]);
    return true;
  });
}

export async function addScanRemoved(sql: Sql, scanId: string, assetsRemoved: number): Promise<void> {
  if (assetsRemoved > 0) {
    await sql.kysely
      .updateTable('scans')
      .set((eb) => ({ assets_removed: eb('assets_removed', '+', assetsRemoved) }))
      .where('id', '=', scanId)
      .execute();
  }
}

/** Cancels an active scan and every task that has not settled; false when the scan was not active. */
export async function cancelScanRow(db: Db, scanId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const cancelled = await tx.kysely
      .updateTable('scans')
      .set({ status: 'cancelled', finished_at: fragment<Date>`now()` })
      .where('id', '=', scanId)
      .where('status', 'in', ACTIVE_SCAN_STATUSES as ScanStatus[])
      .executeTakeFirst();
    if (cancelled.numUpdatedRows === 0n) return false;
    await tx.kysely
      .updateTable('scan_tasks')
      .set({ status: 'cancelled', finished_at: fragment<Date>`now()` })
      .where('scan_id', '=', scanId)
      .where(unsettled)
      .execute();
    await rollUpScanCounters(tx, [scanId]);
    return true;
  });
}

/**
 * Scans still queued or running (any tenant) in which nothing happened for `quietForMs`: no task started or ended.
 * The scan watchdog asks whether their jobs still exist; `quietMs` is how long nothing has happened.
 */
export async function listQuietScans(
  sql: Sql,
  quietForMs: number,
): Promise<{ id: string; tenantId: string; quietMs: number }[]> {
  const rows = await sql.kysely
    .selectFrom('scans as s')
    .leftJoin('scan_tasks as t', 't.scan_id', 's.id')
    .select([
      's.id',
      's.tenant_id',
      fragment<number>`(extract(epoch from now() - greatest(max(s.created_at), max(s.started_at), max(t.started_at), max(t.finished_at))) * 1000)::float8`.as(
        'quiet_ms',
      ),
    ])
    .where('s.status', 'in', ['queued', 'running'])
    .groupBy(['s.id', 's.tenant_id'])
    .having(
      fragment<boolean>`greatest(max(s.created_at), max(s.started_at), max(t.started_at), max(t.finished_at)) < now() - make_interval(secs => ${quietForMs / 1000})`,
    )
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, quietMs: r.quiet_ms }));
}
