import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import type { Provider } from '@aispm/core';
import { listScanTasks } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFullAwsAccessEverywhere, simConnector } from './helpers/scan-sim.ts';
import { newTenant, ServiceHarness } from './helpers.ts';

/**
 * Issue 16, must show 3: an endpoint that never answers (the simulator holds the connection open, silent) must not
 * hold the scan for ever. Each cloud's call deadline ends the call; the task that needed it fails with the
 * timeout as its reason, every other task completes, and the scan ends `partial`.
 */
const STALLS: { provider: Provider; stall: string; service: string }[] = [
  { provider: 'aws', stall: 'sagemaker:ListEndpoints', service: 'sagemaker' },
  { provider: 'azure', stall: 'cognitiveservices:ListAccounts', service: 'cognitive-services' },
  { provider: 'gcp', stall: 'aiplatform:ListEndpoints', service: 'vertex-ai' },
];
/**
 * Each stall twice: before the headers, and mid-body (headers and half the body, then silence), which only a
 * deadline on the whole call, not the first byte, ends.
 */
const CASES = STALLS.flatMap((s) =>
  (['before-headers', 'mid-body'] as const).map((where) => ({ ...s, where })),
);

describe.each(CASES)('a $provider call that stalls $where ($stall)', (c) => {
  let sim: CloudSim;
  let t: TestDatabase;
  const harness = new ServiceHarness();

  beforeAll(async () => {
    sim = await startCloudSim({
      seed: 5,
      scale: 'small',
      port: 0,
      rateLimits: false,
      providers: [c.provider],
      faults: c.where === 'mid-body' ? { stalledMidBody: [c.stall] } : { stalled: [c.stall] },
    });
    if (c.provider === 'aws') attachFullAwsAccessEverywhere(sim);
    t = await createTestDatabase('postgres');
  }, 120_000);
  afterAll(async () => {
    await harness.close();
    await sim?.close();
    await t?.drop();
  });

  it('fails only the task that made it, with the timeout as the reason, and the scan ends partial', async () => {
    const tenantId = await newTenant(t.db, `stall-${c.provider}`);
    const summary = await harness.scanOnce(
      {
        db: t.db,
        tenantId,
        connectors: [simConnector(c.provider, sim, { callTimeoutMs: 3_000, attempts: 2 })],
        retry: { baseDelayMs: 20, maxDelayMs: 100, throttleMultiplier: 1, attempts: 2 },
      },
      { trigger: 'manual', provider: c.provider },
    );
    const scanId = summary.scanId;

    expect(summary.status).toBe('partial');
    const tasks = await listScanTasks(t.db, scanId);
    const failed = tasks.filter((x) => x.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const task of failed) {
      expect(task.service).toBe(c.service);
      expect(task.error).toMatch(/no answer within 3000 ms|requestTimeout|TimeoutError/);
    }
    expect(tasks.filter((x) => x.status === 'succeeded').length).toBeGreaterThan(failed.length);
    expect(tasks.every((x) => x.status === 'succeeded' || x.status === 'failed')).toBe(true);
  }, 150_000);
});
