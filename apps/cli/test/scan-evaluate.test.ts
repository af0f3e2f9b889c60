import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.ts';

describe('pnpm aispm scan / evaluate against cloud-sim', () => {
  let sim: CloudSim;
  let t: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    sim = await startCloudSim({ port: 0, seed: 7, scale: 'small', rateLimits: false });
    t = await createTestDatabase('postgres');
    env = {
      DATABASE_URL: t.url as string,
      // The connector takes its credentials and endpoint from the SDK's own variables, as with real AWS.
      AWS_ENDPOINT_URL: sim.aws.endpoint,
      AWS_ACCESS_KEY_ID: sim.aws.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sim.aws.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AISPM_AWS_REGIONS: 'us-east-1,eu-west-1',
    };
  });
  afterAll(async () => {
    await t?.drop();
    await sim?.close();
  });

  it('scan --json prints the scan summary and imports the estate', async () => {
    const run = await runCli(
      ['scan', '--provider', 'aws', '--embedded', '--json', '--no-evaluate'],
      env,
      240_000,
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
    // A clean estate leaves nothing uncovered: the coverage-gap list is present and empty.
    expect(summary).toMatchObject({ status: 'succeeded', tasks: { failed: 0 }, gaps: [] });
    expect(Object.keys(summary).sort()).toEqual([
      'assets',
      'durationMs',
      'edges',
      'gaps',
      'scanId',
      'status',
      'tasks',
    ]);
    const awsIds = sim.manifest.assets.filter((a) => a.provider === 'aws');
    const imported = Object.values(summary.assets as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(imported).toBeGreaterThanOrEqual(awsIds.length);
    expect(summary.tasks.total).toBeGreaterThan(10);
  });

  it('evaluate --json prints findings, rules, attack paths and framework coverage', async () => {
    const run = await runCli(['evaluate', '--json'], env, 240_000);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
    expect(Object.keys(out).sort()).toEqual(['attackPaths', 'findings', 'frameworks', 'rules']);
    expect(out.rules).toBeGreaterThanOrEqual(40);
    expect(
      Object.values(out.findings.bySeverity as Record<string, number>).reduce((a, b) => a + b, 0),
    ).toBeGreaterThan(0);
    expect(out.frameworks['owasp-llm-2025']).toMatchObject({ controls: 10 });
    for (const f of Object.values(
      out.frameworks as Record<string, { controls: number; evidenced: number; failing: number }>,
    )) {
      expect(f.evidenced).toBeLessThanOrEqual(f.controls);
      expect(f.failing).toBeLessThanOrEqual(f.evidenced);
    }
  });

  it('scan refuses an unknown provider with a clear error', async () => {
    const run = await runCli(['scan', '--provider', 'oracle', '--embedded'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/oracle/);
  });
});
