import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addScanRemoved,
  addScanTasks,
  allScanTasksSettled,
  cancelScanRow,
  completeScanTask,
  createScanDeduplicated,
  ensureTenant,
  failScanTask,
  finishScan,
  getScanRow,
  getScanState,
  getScanTask,
  getSchedule,
  listScans,
  listScanTasks,
  listSchedules,
  markScanRunning,
  phaseTasksSettled,
  recordScanTaskRetry,
  removeSchedule,
  type ScanTaskKey,
  scopesOverlap,
  setScanTasksQueued,
  startScanTaskAttempt,
  touchScheduleRun,
  upsertSchedule,
} from '../src/index.ts';
import { createTestDatabase, type TestBackend, type TestDatabase } from '../src/testing/index.ts';

const key = (service: string, region = 'us-east-1', accountId = '111122223333'): ScanTaskKey => ({
  provider: 'aws',
  accountId,
  region,
  service,
});

describe('scopesOverlap', () => {
  it('treats a missing account list as every account and different providers as disjoint', () => {
    expect(scopesOverlap({}, { accounts: ['1'] })).toBe(true);
    expect(scopesOverlap({ provider: 'aws' }, { provider: 'azure' })).toBe(false);
    expect(scopesOverlap({ accounts: ['1', '2'] }, { accounts: ['2'] })).toBe(true);
    expect(scopesOverlap({ accounts: ['1'] }, { accounts: ['2'] })).toBe(false);
    expect(scopesOverlap({ provider: 'aws', accounts: ['1'] }, { accounts: ['1'] })).toBe(true);
  });
});

describe.each<TestBackend>(['postgres', 'pglite'])('scan repositories on %s', (backend) => {
  let t: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestDatabase(backend);
    tenantId = (await ensureTenant(t.db, 'scans')).id;
  });

  afterAll(async () => {
    await t?.drop();
  });

  it('deduplicates overlapping active scans, atomically under concurrent requests', async () => {
    const requests = await Promise.all(
      Array.from({ length: 6 }, () =>
        createScanDeduplicated(t.db, { tenantId, trigger: 'api', scope: { provider: 'aws' } }),
      ),
    );
    const ids = new Set(requests.map((r) => r.scanId));
    expect(ids.size).toBe(1);
    expect(requests.filter((r) => !r.deduplicated)).toHaveLength(1);
    const scanId = requests[0]?.scanId as string;
    const azure = await createScanDeduplicated(t.db, {
      tenantId,
      trigger: 'api',
      scope: { provider: 'azure' },
    });
    expect(azure.deduplicated).toBe(false);
    expect(await finishScan(t.db, azure.scanId, { status: 'succeeded' })).toBe(true);
    expect(await finishScan(t.db, scanId, { status: 'failed', error: 'boom' })).toBe(true);
    expect(await finishScan(t.db, scanId, { status: 'succeeded' })).toBe(false);
    expect((await getScanRow(t.db, scanId))?.status).toBe('failed');
    const next = await createScanDeduplicated(t.db, { tenantId, trigger: 'manual', scope: {} });
    expect(next.deduplicated).toBe(false);
    await cancelScanRow(t.db, next.scanId);
  });

  it('fails an active scan that shows no activity for too long instead of deduplicating into it forever', async () => {
    const lonely = await ensureTenant(t.db, 'stale');
    const stuck = await createScanDeduplicated(t.db, { tenantId: lonely.id, trigger: 'api', scope: {} });
    await t.db.execute(`UPDATE scans SET created_at = now() - interval '2 hours' WHERE id = $1`, [
      stuck.scanId,
    ]);
    const fresh = await createScanDeduplicated(t.db, {
      tenantId: lonely.id,
      trigger: 'api',
      scope: {},
      staleAfterMs: 3_600_000,
    });
    expect(fresh.deduplicated).toBe(false);
    expect(await getScanRow(t.db, stuck.scanId)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('abandoned'),
    });
    const again = await createScanDeduplicated(t.db, {
      tenantId: lonely.id,
      trigger: 'api',
      scope: {},
      staleAfterMs: 3_600_000,
    });
    expect(again).toEqual({ scanId: fresh.scanId, deduplicated: true });
  });

  it("plans an organisation's tens of thousands of tasks (more rows than one statement's parameters allow)", async () => {
    const org = (await ensureTenant(t.db, 'org-of-1000-accounts')).id;
    const { scanId } = await createScanDeduplicated(t.db, { tenantId: org, trigger: 'manual', scope: {} });
    // 1,000 accounts × 12 services: 84,000 parameters as one INSERT, beyond Postgres's 65,535.
    const tasks = Array.from({ length: 12_000 }, (_, i) => ({
      provider: 'aws' as const,
      accountId: String(100_000_000_000 + Math.floor(i / 12)),
      region: 'us-east-1',
      service: `service-${i % 12}`,
    }));
    expect(await addScanTasks(t.db, org, scanId, tasks)).toBe(12_000);
    // Replayed (a retried discover), nothing is added or counted twice.
    expect(await addScanTasks(t.db, org, scanId, tasks)).toBe(0);
    expect(await getScanRow(t.db, scanId)).toMatchObject({ tasksTotal: 12_000 });
  });

  it('counts each task once, whatever is replayed', async () => {
    const { scanId } = await createScanDeduplicated(t.db, { tenantId, trigger: 'manual', scope: {} });
    expect(await addScanTasks(t.db, tenantId, scanId, [key('iam', 'global'), key('bedrock')])).toBe(2);
    expect(
      await addScanTasks(t.db, tenantId, scanId, [
        key('iam', 'global'),
        key('bedrock'),
        { ...key('s3', 'global'), status: 'pending' },
      ]),
    ).toBe(1);
    await markScanRunning(t.db, scanId);
    let scan = await getScanRow(t.db, scanId);
    expect(scan).toMatchObject({ status: 'running', tasksTotal: 3, tasksDone: 0 });
    expect(scan?.startedAt).toBeInstanceOf(Date);

    expect((await startScanTaskAttempt(t.db, scanId, key('iam', 'global')))?.attempts).toBe(1);
    await recordScanTaskRetry(t.db, scanId, key('iam', 'global'), {
      error: 'ThrottlingException: slow down',
      throttled: 2,
    });
    expect(await getScanTask(t.db, scanId, key('iam', 'global'))).toMatchObject({
      status: 'retrying',
      throttled: 2,
    });
    expect((await startScanTaskAttempt(t.db, scanId, key('iam', 'global')))?.attempts).toBe(2);
    const outcome = { assetsSeen: 10, edgesSeen: 4, assetsWritten: 7, throttled: 1 };
    expect(await completeScanTask(t.db, scanId, key('iam', 'global'), outcome)).toBe(true);
    expect(await completeScanTask(t.db, scanId, key('iam', 'global'), outcome)).toBe(false);
    expect(await startScanTaskAttempt(t.db, scanId, key('iam', 'global'))).toBeNull();
    expect(await getScanTask(t.db, scanId, key('iam', 'global'))).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      throttled: 3,
      error: null,
      assetsSeen: 10,
    });

    await startScanTaskAttempt(t.db, scanId, key('bedrock'));
    expect(await failScanTask(t.db, scanId, key('bedrock'), { error: 'AccessDenied', throttled: 0 })).toBe(
      true,
    );
    expect(await failScanTask(t.db, scanId, key('bedrock'), { error: 'AccessDenied', throttled: 0 })).toBe(
      false,
    );
    expect(await allScanTasksSettled(t.db, scanId)).toBe(false);
    await setScanTasksQueued(t.db, scanId, [key('s3', 'global')]);
    expect((await getScanTask(t.db, scanId, key('s3', 'global')))?.status).toBe('queued');
    await startScanTaskAttempt(t.db, scanId, key('s3', 'global'));
    await completeScanTask(t.db, scanId, key('s3', 'global'), {
      assetsSeen: 1,
      edgesSeen: 0,
      assetsWritten: 0,
      throttled: 0,
    });
    expect(await allScanTasksSettled(t.db, scanId)).toBe(true);
    await addScanRemoved(t.db, scanId, 2);
    expect(await finishScan(t.db, scanId, { status: 'partial', assetsRemoved: 1 })).toBe(true);
    scan = await getScanRow(t.db, scanId);
    expect(scan).toMatchObject({
      status: 'partial',
      tasksTotal: 3,
      tasksDone: 3,
      tasksFailed: 1,
      assetsSeen: 11,
      edgesSeen: 4,
      assetsWritten: 7,
      assetsRemoved: 3,
    });
    const tasks = await listScanTasks(t.db, scanId);
    expect(tasks.map((x) => [x.service, x.status, x.error])).toEqual([
      ['bedrock', 'failed', 'AccessDenied'],
      ['iam', 'succeeded', null],
      ['s3', 'succeeded', null],
    ]);
    expect((await listScans(t.db, tenantId, { trigger: 'manual' })).map((s) => s.id)).toContain(scanId);
  });

  it("tells when a provider's phase has settled: any open status counts, other providers and services do not", async () => {
    const { scanId } = await createScanDeduplicated(t.db, { tenantId, trigger: 'manual', scope: {} });
    const azure = { ...key('openai'), provider: 'azure' };
    await addScanTasks(t.db, tenantId, scanId, [
      { ...key('bedrock', 'us-east-1', '1'), status: 'pending' },
      { ...key('bedrock', 'us-east-1', '2'), status: 'pending' },
      { ...key('sagemaker'), status: 'pending' },
      azure,
    ]);
    const settled = (services: string[], provider = 'aws') =>
      phaseTasksSettled(t.db, tenantId, scanId, provider, services);
    const bedrock = ['bedrock'];
    // pending, then queued, running and retrying: each is open.
    expect(await settled(bedrock)).toBe(false);
    await setScanTasksQueued(t.db, scanId, [
      key('bedrock', 'us-east-1', '1'),
      key('bedrock', 'us-east-1', '2'),
    ]);
    expect(await settled(bedrock)).toBe(false);
    await startScanTaskAttempt(t.db, scanId, key('bedrock', 'us-east-1', '1'));
    await failScanTask(t.db, scanId, key('bedrock', 'us-east-1', '1'), {
      error: 'AccessDenied',
      throttled: 0,
    });
    await startScanTaskAttempt(t.db, scanId, key('bedrock', 'us-east-1', '2'));
    expect(await settled(bedrock)).toBe(false);
    await recordScanTaskRetry(t.db, scanId, key('bedrock', 'us-east-1', '2'), {
      error: 'Throttled',
      throttled: 1,
    });
    expect(await settled(bedrock)).toBe(false);
    await startScanTaskAttempt(t.db, scanId, key('bedrock', 'us-east-1', '2'));
    await completeScanTask(t.db, scanId, key('bedrock', 'us-east-1', '2'), {
      assetsSeen: 0,
      edgesSeen: 0,
      assetsWritten: 0,
      throttled: 0,
    });
    // Failed and succeeded both settle; the open sagemaker task and the open Azure task are other phases.
    expect(await settled(bedrock)).toBe(true);
    expect(await settled(['bedrock', 'sagemaker'])).toBe(false);
    expect(await settled(['openai'])).toBe(true);
    expect(await settled(['openai'], 'azure')).toBe(false);
    expect(await settled([])).toBe(true);
    // Another tenant's view of the scan finds nothing open.
    const other = (await ensureTenant(t.db, 'scans-other')).id;
    expect(await phaseTasksSettled(t.db, other, scanId, 'aws', ['sagemaker'])).toBe(true);
    expect(await getScanState(t.db, scanId)).toEqual({ tenantId, status: 'queued', scope: {} });
    expect(await getScanState(t.db, '00000000-0000-4000-8000-0000000000ff')).toBeNull();
    // Ended, so the next test's scan is not deduplicated into this one.
    expect(await cancelScanRow(t.db, scanId)).toBe(true);
    expect((await getScanState(t.db, scanId))?.status).toBe('cancelled');
  });

  it('cancels an active scan and its open tasks only', async () => {
    const { scanId } = await createScanDeduplicated(t.db, { tenantId, trigger: 'manual', scope: {} });
    await addScanTasks(t.db, tenantId, scanId, [key('iam', 'global'), key('bedrock')]);
    await startScanTaskAttempt(t.db, scanId, key('iam', 'global'));
    await completeScanTask(t.db, scanId, key('iam', 'global'), {
      assetsSeen: 0,
      edgesSeen: 0,
      assetsWritten: 0,
      throttled: 0,
    });
    expect(await cancelScanRow(t.db, scanId)).toBe(true);
    expect(await cancelScanRow(t.db, scanId)).toBe(false);
    expect((await listScanTasks(t.db, scanId)).map((x) => x.status)).toEqual(['cancelled', 'succeeded']);
    expect(await finishScan(t.db, scanId, { status: 'succeeded' })).toBe(false);
  });

  it('stores schedules by name', async () => {
    const a = await upsertSchedule(t.db, tenantId, { name: 'nightly', cron: '0 3 * * *' });
    expect(a).toMatchObject({
      name: 'nightly',
      cron: '0 3 * * *',
      timezone: 'UTC',
      scope: {},
      enabled: true,
      lastRunAt: null,
    });
    const b = await upsertSchedule(t.db, tenantId, {
      name: 'nightly',
      cron: '30 2 * * *',
      timezone: 'Europe/Berlin',
      scope: { provider: 'aws' },
    });
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({ cron: '30 2 * * *', timezone: 'Europe/Berlin', scope: { provider: 'aws' } });
    await touchScheduleRun(t.db, tenantId, 'nightly');
    expect((await getSchedule(t.db, tenantId, 'nightly'))?.lastRunAt).toBeInstanceOf(Date);
    expect((await listSchedules(t.db, tenantId)).map((s) => s.name)).toEqual(['nightly']);
    expect(await removeSchedule(t.db, tenantId, 'nightly')).toBe(true);
    expect(await removeSchedule(t.db, tenantId, 'nightly')).toBe(false);
    expect(await getSchedule(t.db, tenantId, 'nightly')).toBeNull();
  });
});
