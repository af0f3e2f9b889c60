import { bootstrapAdminToken, startServer } from '@aispm/api';
import { type AwsRegionState, type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { type Db, openDb } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiServices } from '../src/api-services.ts';
import { runCli } from './helpers.ts';

/**
 * Must-show: change the simulated estate between two scans — add a model, remove an endpoint, open a notebook to
 * the internet — and get exactly those asset changes (with the facts that changed), the findings they open and
 * resolve, from `aispm changes` and from `GET /scans/{id}/changes` alike.
 */
const REGIONS = ['us-east-1', 'eu-west-1'];

interface Changes {
  scanId: string;
  previousScanId: string | null;
  assets: { assetId: string; change: string; facts: Record<string, { from: unknown; to: unknown }> }[];
  findings: { assetId: string; ruleId: string; change: string }[];
  attackPaths: { change: string }[];
}

describe('drift between two scans (aispm changes, GET /scans/{id}/changes)', () => {
  let sim: CloudSim;
  let t: TestDatabase;
  let db: Db;
  let env: Record<string, string>;
  const planted = { model: '', endpoint: '', notebook: '' };
  let endpointFindingsBefore: string[] = [];
  const scans: string[] = [];

  const scan = async () => {
    const run = await runCli(['scan', '--provider', 'aws', '--embedded', '--json'], env, 240_000);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout.trim().split('\n').at(-1) as string).scanId as string;
  };

  beforeAll(async () => {
    sim = await startCloudSim({ port: 0, seed: 11, scale: 'small', rateLimits: false, providers: ['aws'] });
    t = await createTestDatabase('postgres');
    env = {
      DATABASE_URL: t.url as string,
      AWS_ENDPOINT_URL: sim.aws.endpoint,
      AWS_ACCESS_KEY_ID: sim.aws.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sim.aws.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AISPM_AWS_REGIONS: REGIONS.join(','),
    };
    scans.push(await scan());
    db = await openDb({ url: t.url as string });
    // The three changes, made to the live simulated estate between the scans.
    const states = sim.estate.aws.accounts.flatMap((a) =>
      REGIONS.map((r) => a.regions[r]).filter((s): s is AwsRegionState => Boolean(s)),
    );
    const withModel = states.find((s) => s.sagemaker.models.length > 0);
    const withEndpoint = states.find((s) => s.sagemaker.endpoints.length > 0);
    const closedNotebook = states
      .flatMap((s) => s.sagemaker.notebooks)
      .find((n) => n.DirectInternetAccess === 'Disabled');
    if (!withModel || !withEndpoint || !closedNotebook)
      throw new Error('the small estate lacks a model, endpoint or closed notebook');
    const model = structuredClone(withModel.sagemaker.models[0]!) as Record<string, unknown>;
    model.ModelName = 'drift-added-model';
    model.ModelArn = String(model.ModelArn).replace(/model\/.*$/, 'model/drift-added-model');
    withModel.sagemaker.models.push(model);
    planted.model = String(model.ModelArn);
    const [endpoint] = withEndpoint.sagemaker.endpoints.splice(0, 1);
    planted.endpoint = String(endpoint?.EndpointArn);
    closedNotebook.DirectInternetAccess = 'Enabled';
    planted.notebook = String(closedNotebook.NotebookInstanceArn);
    endpointFindingsBefore = (
      await db.query<{ rule_id: string }>(
        `SELECT rule_id FROM findings WHERE asset_id = $1 AND status IN ('open', 'reopened') ORDER BY rule_id`,
        [planted.endpoint],
      )
    ).map((r) => r.rule_id);
    scans.push(await scan());
  }, 600_000);
  afterAll(async () => {
    await db?.close();
    await t?.drop();
    await sim?.close();
  });

  function expectExactlyThePlantedChanges(c: Changes): void {
    expect(c.scanId).toBe(scans[1]);
    expect(c.previousScanId).toBe(scans[0]);
    expect(c.assets.map((a) => `${a.change} ${a.assetId}`).sort()).toEqual(
      [`added ${planted.model}`, `changed ${planted.notebook}`, `removed ${planted.endpoint}`].sort(),
    );
    const notebook = c.assets.find((a) => a.assetId === planted.notebook);
    const internet = Object.entries(notebook?.facts ?? {}).filter(([k]) => /internet/i.test(k));
    expect(internet.length, JSON.stringify(notebook?.facts)).toBeGreaterThan(0);
    for (const [, v] of internet) expect(v.from).not.toEqual(v.to);
    // Findings moved only on the three assets: the notebook's internet finding opened, the endpoint's resolved.
    const touched = new Set(Object.values(planted));
    expect(c.findings.filter((f) => !touched.has(f.assetId))).toEqual([]);
    expect(
      c.findings.some(
        (f) => f.assetId === planted.notebook && f.change === 'opened' && /internet/.test(f.ruleId),
      ),
    ).toBe(true);
    expect(
      c.findings
        .filter((f) => f.assetId === planted.endpoint)
        .map((f) => `${f.change} ${f.ruleId}`)
        .sort(),
    ).toEqual(endpointFindingsBefore.map((r) => `resolved ${r}`));
  }

  it('aispm changes --json lists exactly the planted changes', async () => {
    const run = await runCli(['changes', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expectExactlyThePlantedChanges(JSON.parse(run.stdout) as Changes);
  });

  it('aispm changes prints them for a person, and --since takes a scan or a date', async () => {
    const run = await runCli(['changes'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`added    model ${planted.model}`);
    expect(run.stdout).toContain(`removed  inference-endpoint ${planted.endpoint}`);
    const since = await runCli(['changes', '--since', scans[0]!, '--json'], env);
    expect(since.code, since.stderr).toBe(0);
    expectExactlyThePlantedChanges(JSON.parse(since.stdout) as Changes);
    const bad = await runCli(['changes', '--since', 'last tuesday'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--since takes a scan id or a date');
  });

  it('GET /scans/{id}/changes answers the same, and the notebook keeps its fact history', async () => {
    const admin = await bootstrapAdminToken(db, { AISPM_ADMIN_TOKEN: undefined });
    const wired = buildApiServices({ db, connectors: [], redis: undefined });
    let app: FastifyInstance | undefined;
    try {
      const server = await startServer({
        db,
        services: wired.services,
        port: 0,
        host: '127.0.0.1',
        logger: false,
      });
      app = server.app;
      const get = async (path: string) => {
        const res = await fetch(`${server.url}/api/v1${path}`, {
          headers: { authorization: `Bearer ${admin.token}` },
        });
        expect(res.status, path).toBe(200);
        return res.json();
      };
      const changes = (await get(`/scans/${scans[1]}/changes`)) as Changes;
      expectExactlyThePlantedChanges(changes);
      // The first scan has nothing to compare with.
      expect(((await get(`/scans/${scans[0]}/changes`)) as Changes).previousScanId).toBeNull();
      const history = (await get(`/assets/${encodeURIComponent(planted.notebook)}/history`)) as {
        items: { change: string }[];
      };
      expect(history.items.map((h) => h.change)).toEqual(['changed', 'added']);
    } finally {
      await app?.close();
      await wired.close();
    }
  });
});
