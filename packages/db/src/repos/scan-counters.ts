import { sql as fragment, type Kysely } from 'kysely';
import type { Sql } from '../client.ts';
import type { DB } from '../kysely.ts';

/**
 * A scan's counters (tasks, assets and edges seen, graph rows written) live on its tasks while it runs: a task that
 * completes writes only its own row, so the workers of a 1,000-account scan do not queue on the one scan row.
 * Reads sum them from `scan_tasks` while the scan is active; when it ends, `rollUpScanCounters` stores the sums on
 * the scan row, so a finished scan is read without touching its (tens of thousands of) tasks.
 */
const ACTIVE = fragment`scans.status IN ('queued', 'running')`;

/** Every scan column, the counters of an active scan summed from its tasks (one lateral aggregate per active scan). */
export function selectScans(db: Kysely<DB>) {
  return db
    .selectFrom('scans')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('scan_tasks as t')
          .select([
            fragment<number>`count(*)::int`.as('total'),
            fragment<number>`(count(*) FILTER (WHERE t.status IN ('succeeded', 'failed')))::int`.as('done'),
            fragment<number>`(count(*) FILTER (WHERE t.status = 'failed'))::int`.as('failed'),
            fragment<number>`coalesce(sum(t.assets_seen), 0)::int`.as('assets_seen'),
            fragment<number>`coalesce(sum(t.edges_seen), 0)::int`.as('edges_seen'),
            fragment<number>`coalesce(sum(t.assets_written), 0)::int`.as('assets_written'),
          ])
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
      fragment<number>`CASE WHEN ${ACTIVE} THEN live.total ELSE scans.tasks_total END`.as('tasks_total'),
      fragment<number>`CASE WHEN ${ACTIVE} THEN live.done ELSE scans.tasks_done END`.as('tasks_done'),
      fragment<number>`CASE WHEN ${ACTIVE} THEN live.failed ELSE scans.tasks_failed END`.as('tasks_failed'),
      fragment<number>`CASE WHEN ${ACTIVE} THEN live.assets_seen ELSE scans.assets_seen END`.as(
        'assets_seen',
      ),
      fragment<number>`CASE WHEN ${ACTIVE} THEN live.edges_seen ELSE scans.edges_seen END`.as('edges_seen'),
      fragment<number>`CASE WHEN ${ACTIVE} THEN live.assets_written ELSE scans.assets_written END`.as(
        'assets_written',
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
  await fragment`
    UPDATE scans SET
      tasks_total = coalesce(live.total, 0),
      tasks_done = coalesce(live.done, 0),
      tasks_failed = coalesce(live.failed, 0),
      assets_seen = coalesce(live.assets_seen, 0),
      edges_seen = coalesce(live.edges_seen, 0),
      assets_written = coalesce(live.assets_written, 0)
    FROM unnest(${[...scanIds]}::uuid[]) AS ended(id)
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS total,
        (count(*) FILTER (WHERE t.status IN ('succeeded', 'failed')))::int AS done,
        (count(*) FILTER (WHERE t.status = 'failed'))::int AS failed,
        sum(t.assets_seen)::int AS assets_seen,
        sum(t.edges_seen)::int AS edges_seen,
        sum(t.assets_written)::int AS assets_written
      FROM scan_tasks t WHERE t.scan_id = ended.id
    ) live ON true
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
