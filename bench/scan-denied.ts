/**
 * One denied operation against a whole scan: a full BullMQ scan of the cloud-sim `small` AWS estate (its two regions),
 * first with no fault, then with each given operation denied (AccessDenied in the protocol's own form) or
 * answered as not enabled. Prints per run: status, failed tasks, task attempts that were retries, requests the
 * simulator answered, assets kept, coverage gaps and the wall time.
 *
 *   pnpm bench scan-denied
 *   node --import tsx bench/scan-denied.ts sagemaker:DescribeEndpoint notEnabled=sagemaker:DescribeDomain
 */
import { randomBytes } from 'node:crypto';
import { startCloudSim } from '@aispm/cloud-sim';
import { loadConfig } from '@aispm/core';
import { ensureTenant, listScanTasks } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';
import { connectorsFromConfig, createScanService, deleteQueueKeys } from '@aispm/scan';

const args = process.argv.slice(2);
const cases =
  args.length > 0 ? args : ['sagemaker:DescribeEndpoint', 'notEnabled=sagemaker:DescribeEndpoint'];
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function run(fault: string | undefined): Promise<void> {
  const notEnabled = fault?.startsWith('notEnabled=') ? [fault.slice('notEnabled='.length)] : [];
  const denied = fault && notEnabled.length === 0 ? [fault] : [];
  const sim = await startCloudSim({
    seed: 7,
    scale: 'small',
    port: 0,
    rateLimits: false,
    providers: ['aws'],
    // `notEnabled` is a fault this bench also runs against builds that predate it: unknown keys are ignored there.
    faults: { denied, ...(notEnabled.length ? { notEnabled } : {}) } as Record<string, unknown>,
  });
  const t = await createTestDatabase('postgres');
  const prefix = `aispm-bench-${randomBytes(4).toString('hex')}`;
  try {
    const regions = [
      ...new Set(
        sim.manifest.assets.filter((a) => a.provider === 'aws' && a.region !== 'global').map((a) => a.region),
      ),
    ].sort();
    const connectors = await connectorsFromConfig(
      loadConfig({
        AISPM_AWS_ENDPOINT: sim.aws.endpoint,
        AISPM_AWS_REGIONS: regions.join(','),
        AWS_ACCESS_KEY_ID: 'AKIAAISPMSIMULATOR01',
        AWS_SECRET_ACCESS_KEY: 'aispm-sim-secret',
      }),
    );
    const tenant = await ensureTenant(t.db, 'bench-denied');
    const service = createScanService({
      db: t.db,
      tenantId: tenant.id,
      connectors,
      redis: redisUrl,
      queuePrefix: prefix,
      log: () => {},
    });
    await service.startWorkers();
    const before = sim.stats().requests.aws;
    const started = performance.now();
    const { scanId } = await service.startScan({ trigger: 'manual', provider: 'aws' });
    const summary = await service.waitForScan(scanId, { timeoutMs: 600_000, pollMs: 25 });
    const wallMs = Math.round(performance.now() - started);
    const tasks = await listScanTasks(t.db, scanId);
    const gaps = await t.db
      .query<{ n: string }>('SELECT count(*)::text AS n FROM coverage_gaps WHERE scan_id = $1', [scanId])
      .then((r) => Number(r[0]?.n ?? 0))
      .catch(() => null);
    await service.close();
    emit({
      fault: fault ?? 'none',
      status: summary.status,
      tasks: tasks.length,
      failedTasks: tasks.filter((x) => x.status === 'failed').map((x) => `${x.service}@${x.region}`),
      taskRetries: tasks.reduce((n, x) => n + Math.max(0, x.attempts - 1), 0),
      requests: sim.stats().requests.aws - before,
      assets: Object.values(summary.assets).reduce((a, b) => a + b, 0),
      coverageGaps: gaps,
      wallMs,
    });
  } finally {
    await deleteQueueKeys(redisUrl, prefix);
    await t.drop();
    await sim.close();
  }
}

await run(undefined);
for (const c of cases) await run(c);
process.exit(0);
