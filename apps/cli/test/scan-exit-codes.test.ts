import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanExitCode } from '../src/commands/scan.ts';
import { runCli } from './helpers.ts';

// Scripts and CI read the exit status: 0 only for a clean scan, 2 partial, 3 cancelled, 1 failed.
describe('aispm scan exit status', () => {
  let sim: CloudSim;
  let t: TestDatabase;

  beforeAll(async () => {
    // One listing denied everywhere: the guardrails are a coverage gap in every region, the rest is read.
    sim = await startCloudSim({
      port: 0,
      seed: 7,
      scale: 'small',
      rateLimits: false,
      faults: { denied: ['bedrock:ListGuardrails'] },
    });
    t = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await t?.drop();
    await sim?.close();
  });

  const env = (endpoint: string) => ({
    DATABASE_URL: t.url as string,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: sim.aws.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sim.aws.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AISPM_AWS_REGIONS: 'us-east-1',
  });

  it('a scan with a denied read ends partial and exits 2', async () => {
    const run = await runCli(
      ['scan', '--provider', 'aws', '--embedded', '--json', '--no-evaluate'],
      env(sim.aws.endpoint),
      240_000,
    );
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
    expect(summary.status).toBe('partial');
    expect(run.code, run.stderr).toBe(2);
  });

  it('a wait that times out while calls never answer ends the command at once, exit 1', async () => {
    // Call and task deadlines raised past the test: the command ends only because closing the scan service aborts
    // the calls in flight (it used to wait for them without end). The stalled call is the scan's first (discovery's
    // account list), so it is surely in flight when the wait times out, however slow the machine.
    const stalled = await startCloudSim({
      port: 0,
      seed: 7,
      scale: 'small',
      rateLimits: false,
      faults: { stalled: ['organizations:ListAccounts'] },
    });
    try {
      const run = await runCli(
        ['scan', '--provider', 'aws', '--embedded', '--no-evaluate', '--timeout', '0.05'],
        {
          ...env(stalled.aws.endpoint),
          AWS_ACCESS_KEY_ID: stalled.aws.accessKeyId,
          AWS_SECRET_ACCESS_KEY: stalled.aws.secretAccessKey,
          AISPM_AWS_CALL_TIMEOUT_MS: '3600000',
          AISPM_TASK_TIMEOUT_MS: '3600000',
        },
        60_000,
      );
      expect(run.stderr).toMatch(/did not finish within 3000 ms/);
      expect(run.stderr).toMatch(/AbortError: Request aborted/);
      expect(run.code, run.stderr).toBe(1);
    } finally {
      await stalled.close();
    }
  });

  it('maps every final status', () => {
    expect(['succeeded', 'failed', 'partial', 'cancelled', 'running'].map(scanExitCode)).toEqual([
      0, 1, 2, 3, 1,
    ]);
  });
});
