import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { createAwsConnector } from '@aispm/connectors';
import { type Db, listLiveAssets, listLiveEdges, listScanTasks } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTenant, ServiceHarness } from './helpers.ts';

let t: TestDatabase;
let db: Db;
const harness = new ServiceHarness();

beforeAll(async () => {
  t = await createTestDatabase('postgres');
  db = t.db;
});
afterAll(async () => {
  await harness.close();
  await t?.drop();
});

/**
 * Must show 2 of issue 10: the scanner runs with the credentials of a member account registered as delegated
 * administrator (not the management account), one member has no scanner role, an SCP on the Dev OU denies AI
 * invocation to named principals. The scan goes through the real SDK, the scan service and Postgres.
 */
describe('scanning an organisation from a delegated-administrator member account', () => {
  let sim: CloudSim;
  let tenantId: string;
  let scanId: string;
  let status: string;

  beforeAll(async () => {
    sim = await startCloudSim({
      providers: ['aws'],
      seed: 7,
      scale: 'small',
      port: 0,
      rateLimits: false,
      aws: { caller: 'delegated-admin', missingScannerRole: true, aiDenyScp: true },
    });
    tenantId = await newTenant(db, 'delegated-admin');
    const service = harness.create({
      db,
      tenantId,
      connectors: [
        createAwsConnector({
          credentials: { accessKeyId: sim.aws.accessKeyId, secretAccessKey: sim.aws.secretAccessKey },
          endpoint: sim.aws.endpoint,
          regions: [...sim.estate.aws.regions],
        }),
      ],
      concurrency: { worker: 8, perAccount: 4 },
    });
    ({ scanId } = await service.startScan({ trigger: 'manual', provider: 'aws' }));
    ({ status } = await service.waitForScan(scanId, { timeoutMs: 120_000, pollMs: 100 }));
  }, 180_000);
  afterAll(async () => {
    await sim?.close();
  });

  const unreachable = () => new Set((sim.manifest.unreachableAccounts ?? []).map((u) => u.accountId));

  it('reports the account without the scanner role as a gap and scans everything else', async () => {
    expect(unreachable().size).toBe(1);
    const tasks = await listScanTasks(db, scanId);
    const failed = tasks.filter((x) => x.status === 'failed');
    expect(failed.map((x) => [x.accountId, x.service])).toEqual([[[...unreachable()][0], 'assume-role']]);
    expect(failed[0]?.error).toMatch(/AccessDenied.*sts:AssumeRole/);
    expect(status).toBe('partial');
    expect(tasks.filter((x) => unreachable().has(x.accountId))).toHaveLength(1);
  });

  it('imports the manifest’s asset ids under the manifest’s account labels, the management account’s included', async () => {
    const live = await listLiveAssets(db, tenantId, { provider: 'aws' });
    const skip = unreachable();
    // Of an account the scanner cannot enter, only its record in the organisation can be known.
    const want = sim.manifest.assets
      .filter((a) => a.provider === 'aws' && (!skip.has(a.accountId) || a.kind === 'account'))
      .map((a) => `${a.id} @${a.accountId}`)
      .sort();
    const got = live.map((a) => `${a.id} @${a.accountId}`).sort();
    const gotSet = new Set(got);
    const wantSet = new Set(want);
    expect({
      missing: want.filter((x) => !gotSet.has(x)),
      extra: got.filter((x) => !wantSet.has(x)),
    }).toEqual({ missing: [], extra: [] });
    const management = sim.estate.aws.managementAccountId;
    expect(live.filter((a) => a.accountId === management && a.kind === 'identity').length).toBeGreaterThan(0);
    const tasks = await listScanTasks(db, scanId);
    expect(
      tasks.some((x) => x.accountId === management && x.service === 'iam' && x.status === 'succeeded'),
    ).toBe(true);
  });

  it('gives the principals the SCP names no edge the SCP forbids, while their peers elsewhere keep theirs', async () => {
    const forbidden = sim.manifest.forbiddenEdges ?? [];
    expect(forbidden.length).toBeGreaterThan(0);
    const edges = await listLiveEdges(db, tenantId, { kinds: ['can-invoke'] });
    const got = new Set(edges.map((e) => `${e.kind} ${e.from} ${e.to}`));
    expect(forbidden.filter((e) => got.has(`${e.kind} ${e.from} ${e.to}`))).toEqual([]);
    // The same group grant, outside the Dev OU, still gives ML developers their can-invoke edges: the edges above
    // are missing because of the SCP, not because no such edge is ever produced.
    const named = new Set(forbidden.map((e) => e.from));
    const peers = edges.filter(
      (e) => /:user\/ml-dev-/.test(e.from) && !named.has(e.from) && e.to.includes(':foundation-model/'),
    );
    expect(peers.length).toBeGreaterThan(0);
  });
});
