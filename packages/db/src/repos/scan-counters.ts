import { sql as fragment, type Kysely, type RawBuilder } from 'kysely';
import type { Sql } from '../client.ts';
import type { DB } from '../kysely.ts';

/**
 * A scan's counters (tasks, assets and edges seen, graph rows written) live on its tasks while it runs: a task that
 * completes writes only its own row, so the workers of a 1,000-account scan do not queue on the one scan row.
 * Reads sum them from `scan_tasks` while the scan is active; when it ends, `rollUpScanCounters` stores the sums on
 * the scan row, so a finished scan is read without touching its (tens of thousands of) tasks.
 */
const ACTIVE = fragment`scans.status IN ('queued', 'running')`;

/** The counter columns of `scans` that are sums of `scan_tasks` (in the order of the table's columns). */
export const SCAN_COUNTERS = [
  'tasks_total',
  'tasks_done',
  'tasks_failed',
  'assets_seen',
  'edges_seen',
  'assets_written',
] as const;
type Counter = (typeof SCAN_COUNTERS)[number];

/**
 * Each counter as an aggregate over a scan's tasks (`scan_tasks AS t`): the one definition the live read and the
 * roll-up both use, so what a running scan shows is what its row stores when it ends. Zero for a scan with no tasks.
 */
const TASK_SUMS: Record<Counter, RawBuilder<number>> = {
  tasks_total: fragment`count(*)::int`,
  tasks_done: fragment`(count(*) FILTER (WHERE t.status IN ('succeeded', 'failed')))::int`,
  tasks_failed: fragment`(count(*) FILTER (WHERE t.status = 'failed'))::int`,
  assets_seen: fragment`coalesce(sum(t.assets_seen), 0)::int`,
  edges_seen: fragment`coalesce(sum(t.edges_seen), 0)::int`,
  assets_written: fragment`coalesce(sum(t.assets_written), 0)::int`,
};

/** Every scan column, the counters of an active scan summed from its tasks (one lateral aggregate per active scan). */
export function selectScans(db: Kysely<DB>) {
  return db
    .selectFrom('scans')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('scan_tasks as t')
          .select(SCAN_COUNTERS.map((c) => TASK_SUMS[c].as(c)))
          .where(fragment<boolean>`t.scan_id = scans.id AND ${ACTIVE}`)
          .as('live'),
      (join) => join.onTrue(),
    )
    .select([
      'scans.id',
      'scans.tenant_id',
      'scans.trigger',
      'scans.status',
      'scans.scope',
      ...SCAN_COUNTERS.map((c) =>
        fragment<number>`CASE WHEN ${ACTIVE} THEN ${fragment.ref(`live.${c}`)} ELSE ${fragment.ref(`scans.${c}`)} END`.as(
          c,
        ),
      ),
      'scans.assets_removed',
      'scans.error',
      'scans.created_at',
      'scans.started_at',
      'scans.finished_at',
    ]);
}

/**
 * Stores the task sums on the scan rows. Run in the transaction that ended the scans, after the statement that did:
 * that statement waited for every task transaction holding the scan row (`lockScanForTask`) and a task starting now
 * waits for this commit and then finds the scan ended, so the sums are final. Read committed gives this statement a
 * snapshot taken after the wait.
 */
export async function rollUpScanCounters(tx: Sql, scanIds: readonly string[]): Promise<void> {
  if (scanIds.length === 0) return;
  // An aggregate without GROUP BY gives one row even for a scan with no tasks: every ended scan is set.
  await fragment`
    UPDATE scans SET ${fragment.join(SCAN_COUNTERS.map((c) => fragment`${fragment.id(c)} = ${fragment.ref(`live.${c}`)}`))}
    FROM unnest(${[...scanIds]}::uuid[]) AS ended(id)
    CROSS JOIN LATERAL (
      SELECT ${fragment.join(SCAN_COUNTERS.map((c) => fragment`${TASK_SUMS[c]} AS ${fragment.id(c)}`))}
      FROM scan_tasks t WHERE t.scan_id = ended.id
    ) live
    WHERE scans.id = ended.id`.execute(tx.kysely);
}

/**
 * Holds the scan row for a task's write transaction and tells whether the scan is still active. A share lock: tasks
 * do not wait for each other, while a cancel (or the end of the scan) waits for the write to commit, and a cancel that
 * committed first is seen here. Taken first in the transaction, as cancel takes the scan row before the task rows,
 * so the two cannot deadlock.
 */
export async function lockScanForTask(tx: Sql, scanId: string): Promise<boolean> {
  const live = await tx.kysely
    .selectFrom('scans')
    .select('status')
    .where('id', '=', scanId)
    .forShare()
    .executeTakeFirst();
  return live !== undefined && (live.status === 'queued' || live.status === 'running');
}
