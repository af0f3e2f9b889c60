import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addScanTasks,
  cancelScanRow,
  completeScanTask,
  createScanDeduplicated,
  ensureTenant,
  failScanTask,
  finishScan,
  getScanRow,
  listScans,
  lockScanForTask,
  markScanRunning,
  type ScanTaskKey,
} from '../src/index.ts';
import { createTestDatabase, type TestBackend, type TestDatabase } from '../src/testing/index.ts';

// A scan's counters are the sums of its tasks: completing a task writes only the task's row. Before, each task's
// commit added to the scan row and so locked it, and on org-1000 the workers queued on that one row.
const key = (service: string, accountId = '111122223333'): ScanTaskKey => ({
  provider: 'aws',
  accountId,
  region: 'us-east-1',
  service,
});
const outcome = (n: number) => ({ assetsSeen: n, edgesSeen: 2 * n, assetsWritten: n - 1, throttled: 0 });

async function runningScan(db: TestDatabase['db'], slug: string, services: string[]) {
  const tenantId = (await ensureTenant(db, slug)).id;
  const { scanId } = await createScanDeduplicated(db, { tenantId, trigger: 'manual', scope: {} });
  await markScanRunning(db, scanId);
  await addScanTasks(
    db,
    tenantId,
    scanId,
    services.map((s) => key(s)),
  );
  return { tenantId, scanId };
}

describe.each<TestBackend>(['postgres', 'pglite'])('scan counters on %s', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('sums a running scan from its tasks and stores the same sums when it ends', async () => {
    const { tenantId, scanId } = await runningScan(t.db, `sums-${backend}`, ['s3', 'kms', 'iam', 'lambda']);
    await completeScanTask(t.db, scanId, key('s3'), outcome(5));
    await completeScanTask(t.db, scanId, key('kms'), outcome(7));
    // Replayed completion: counted once.
    expect(await completeScanTask(t.db, scanId, key('kms'), outcome(7))).toBe(false);
    await failScanTask(t.db, scanId, key('iam'), { error: 'AccessDenied', throttled: 0 });
    const running = await getScanRow(t.db, scanId);
    expect(running).toMatchObject({
      status: 'running',
      tasksTotal: 4,
      tasksDone: 3,
      tasksFailed: 1,
      assetsSeen: 12,
      edgesSeen: 24,
      assetsWritten: 10,
    });
    await completeScanTask(t.db, scanId, key('lambda'), outcome(1));
    expect(await finishScan(t.db, scanId, { status: 'partial', assetsRemoved: 3 })).toBe(true);
    const ended = await getScanRow(t.db, scanId);
    expect(ended).toMatchObject({
      status: 'partial',
      tasksTotal: 4,
      tasksDone: 4,
      tasksFailed: 1,
      assetsSeen: 13,
      edgesSeen: 26,
      assetsWritten: 10,
      assetsRemoved: 3,
    });
    // The ended scan is read from its own row: the stored columns hold the sums.
    const stored = await t.db.kysely
      .selectFrom('scans')
      .select(['tasks_total', 'tasks_done', 'tasks_failed', 'assets_seen', 'edges_seen', 'assets_written'])
      .where('id', '=', scanId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      tasks_total: 4,
      tasks_done: 4,
      tasks_failed: 1,
      assets_seen: 13,
      edges_seen: 26,
      assets_written: 10,
    });
    const [listed] = await listScans(t.db, tenantId);
    expect(listed).toEqual(ended);
  });

  it('stores the sums of a cancelled scan (cancelled tasks are not done)', async () => {
    const { scanId } = await runningScan(t.db, `cancel-${backend}`, ['s3', 'kms', 'iam']);
    await completeScanTask(t.db, scanId, key('s3'), outcome(4));
    expect(await cancelScanRow(t.db, scanId)).toBe(true);
    expect(await getScanRow(t.db, scanId)).toMatchObject({
      status: 'cancelled',
      tasksTotal: 3,
      tasksDone: 1,
      tasksFailed: 0,
      assetsSeen: 4,
    });
    await t.db.transaction(async (tx) => {
      expect(await lockScanForTask(tx, scanId)).toBe(false);
    });
  });
});

describe('scan row locks on postgres', () => {
  let t: TestDatabase;
  let other: pg.Client;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    other = new pg.Client({ connectionString: t.url });
    await other.connect();
    await other.query(`SET lock_timeout = '2s'`);
  });
  afterAll(async () => {
    await other?.end();
    await t?.drop();
  });

  /** How many statements starting with `prefix` wait on a lock (polled up to a second for one to arrive). */
  async function waitersOn(prefix: string): Promise<number> {
    let n = 0;
    for (let i = 0; i < 50 && n === 0; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 20));
      const r = await other.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND starts_with(query, $1)`,
        [prefix],
      );
      n = r.rows[0].n;
    }
    return n;
  }

  /** Holds a task's write transaction open (scan row shared, task settled, not committed) while `during` runs. */
  async function whileTaskWrites(scanId: string, service: string, during: () => Promise<void>) {
    await t.db.transaction(async (tx) => {
      expect(await lockScanForTask(tx, scanId)).toBe(true);
      await completeScanTask(tx, scanId, key(service), outcome(3));
      await during();
    });
  }

  it('lets two tasks of a scan commit side by side', async () => {
    const { scanId } = await runningScan(t.db, 'side-by-side', ['s3', 'kms']);
    await whileTaskWrites(scanId, 's3', async () => {
      // The second task's whole write path on another connection: it would wait (and time out) if the first held
      // the scan row exclusively, as the counter update did.
      await other.query('BEGIN');
      await other.query(`SELECT status FROM scans WHERE id = $1 FOR SHARE`, [scanId]);
      const settled = await other.query(
        `UPDATE scan_tasks SET status = 'succeeded', assets_seen = 2 WHERE scan_id = $1 AND service = 'kms'`,
        [scanId],
      );
      await other.query('COMMIT');
      expect(settled.rowCount).toBe(1);
    });
    expect(await getScanRow(t.db, scanId)).toMatchObject({ tasksDone: 2, assetsSeen: 5 });
  });

  it('makes a cancel wait for a task write in flight, which then counts', async () => {
    const { scanId } = await runningScan(t.db, 'cancel-waits', ['s3', 'kms']);
    let cancel: Promise<boolean> | undefined;
    await whileTaskWrites(scanId, 's3', async () => {
      const cancelling = new pg.Client({ connectionString: t.url });
      await cancelling.connect();
      cancel = (async () => {
        try {
          await cancelling.query('BEGIN');
          const r = await cancelling.query(
            `UPDATE scans SET status = 'cancelled' WHERE id = $1 AND status = 'running'`,
            [scanId],
          );
          await cancelling.query('ROLLBACK');
          return r.rowCount === 1;
        } finally {
          await cancelling.end();
        }
      })();
      // The cancel is blocked on the task's share lock until the task commits.
      expect(await waitersOn('UPDATE scans SET status')).toBe(1);
    });
    expect(await cancel).toBe(true);
    // The real cancel, after the task committed: the stored sums include the task.
    expect(await cancelScanRow(t.db, scanId)).toBe(true);
    expect(await getScanRow(t.db, scanId)).toMatchObject({
      status: 'cancelled',
      tasksDone: 1,
      assetsSeen: 3,
    });
  });
});
