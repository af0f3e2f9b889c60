/**
 * Scan machinery speed:
 * 1. wall time of a full BullMQ scan of the cloud-sim `medium` AWS estate under the simulator's real (unscaled)
 *    rate limits, against the API floor the simulator computes for the calls the scan made (the least time
 *    those calls need under the limits): `wallOverFloor` = how far the scan is from the limits' lower bound;
 * the graph writer's own figures are in graph-writer.ts.
 *
 *   pnpm bench scan-medium
 */
import { randomBytes } from 'node:crypto';
import { startCloudSim } from '@aispm/cloud-sim';
import { loadConfig } from '@aispm/core';
import { ensureTenant } from '@aispm/db';
import { createTestDatabase } from '@aispm/db/testing';
import { connectorsFromConfig, createScanService, deleteQueueKeys } from '@aispm/scan';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function benchScan(): Promise<void> {
  const sim = await startCloudSim({ seed: 7, scale: 'medium', port: 0, rateLimits: true });
  const t = await createTestDatabase('postgres');
  const prefix = `aispm-bench-${randomBytes(4).toString('hex')}`;
  try {
    const regions = [
      ...new Set(
        sim.manifest.assets.filter((a) => a.provider === 'aws' && a.region !== 'global').map((a) => a.region),
      ),
    ];
    const connectors = await connectorsFromConfig(
      loadConfig({
        AISPM_AWS_ENDPOINT: sim.aws.endpoint,
        AISPM_AWS_REGIONS: regions.join(','),
        AWS_ACCESS_KEY_ID: 'AKIAAISPMSIMULATOR01',
        AWS_SECRET_ACCESS_KEY: 'aispm-sim-secret',
      }),
    );
    for (const mode of ['bullmq', 'embedded'] as const) {
      const tenant = await ensureTenant(t.db, `bench-${mode}`);
      const service = createScanService({
        db: t.db,
        tenantId: tenant.id,
        connectors,
        redis: mode === 'bullmq' ? redisUrl : undefined,
        queuePrefix: prefix,
        log: () => {},
      });
      await service.startWorkers();
      sim.limiter.reset();
      const started = performance.now();
      const { scanId } = await service.startScan({ trigger: 'manual', provider: 'aws' });
      const summary = await service.waitForScan(scanId, { timeoutMs: 600_000, pollMs: 25 });
      const wallMs = Math.round(performance.now() - started);
      const progress = await service.getScan(scanId);
      await service.close();
      const floor = sim.apiFloor();
      const counts = sim.limiter.callCounts();
      const calls = counts.reduce((n, c) => n + c.calls, 0);
      // The sim's floor lets each bucket's burst absorb calls for free, which covers the whole medium estate;
      // the sustained floor charges every call at the bucket's refill rate (a scan right after another one).
      const sustainedFloorMs = sim.limiter.apiFloorMs(counts, { sustained: true }).floorMs;
      emit({
        phase: `scan-medium-${mode}`,
        status: summary.status,
        tasks: summary.tasks.total,
        failedTasks: summary.tasks.failed,
        assets: Object.values(summary.assets).reduce((a, b) => a + b, 0),
        edges: Object.values(summary.edges).reduce((a, b) => a + b, 0),
        apiCalls: calls,
        throttled: progress.counters.throttled,
        wallMs,
        apiFloorMs: floor.floorMs,
        bottleneck: floor.bottleneck,
        wallOverFloor: floor.floorMs > 0 ? Number((wallMs / floor.floorMs).toFixed(2)) : null,
        sustainedFloorMs: Math.round(sustainedFloorMs),
        wallOverSustainedFloor: sustainedFloorMs > 0 ? Number((wallMs / sustainedFloorMs).toFixed(2)) : null,
      });
    }
  } finally {
    await deleteQueueKeys(redisUrl, prefix);
    await t.drop();
    await sim.close();
  }
}

await benchScan();
