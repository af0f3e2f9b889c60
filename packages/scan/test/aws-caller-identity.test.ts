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

/** The AWS connector with the credentials the simulator printed (whoever's they are), over all its regions. */
const awsConnector = (sim: CloudSim) =>
  createAwsConnector({
    credentials: { accessKeyId: sim.aws.accessKeyId, secretAccessKey: sim.aws.secretAccessKey },
    endpoint: sim.aws.endpoint,
    regions: [...sim.estate.aws.regions],
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
      connectors: [awsConnector(sim)],
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

/**
 * The scanner's credentials belong to a member account that may not read the organisation (`member`), or to an
 * account in no organisation (`standalone`): the caller's own account is scanned, completely and under its own
 * label, and nothing of another account is imported or claimed. A member says why the rest is not covered.
 */
describe.each([
  { caller: 'member' as const, status: 'partial' },
  { caller: 'standalone' as const, status: 'succeeded' },
])('scanning from a $caller account', ({ caller, status: expected }) => {
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
      aws: { caller },
    });
    tenantId = await newTenant(db, `caller-${caller}`);
    const service = harness.create({
      db,
      tenantId,
      connectors: [awsConnector(sim)],
    });
    ({ scanId } = await service.startScan({ trigger: 'manual', provider: 'aws' }));
    ({ status } = await service.waitForScan(scanId, { timeoutMs: 120_000, pollMs: 100 }));
  }, 180_000);
  afterAll(async () => {
    await sim?.close();
  });

  const callerAccount = () => sim.estate.aws.callerAccountId ?? sim.estate.aws.managementAccountId;

  it('scans the caller’s account only, and says so', async () => {
    expect(status).toBe(expected);
    const tasks = await listScanTasks(db, scanId);
    const members = new Set(sim.estate.aws.accounts.map((a) => a.Id));
    const accounts = new Set(tasks.filter((x) => members.has(x.accountId)).map((x) => x.accountId));
    expect([...accounts]).toEqual([callerAccount()]);
    const failed = tasks.filter((x) => x.status === 'failed');
    if (caller === 'member') {
      expect(failed.map((x) => x.service)).toEqual(['organization']);
      expect(failed[0]?.error).toMatch(/organizations:ListAccounts.*only the caller's account/);
    } else {
      expect(failed).toEqual([]);
    }
  });

  it('imports every asset of the caller’s account from the manifest and none of another member account', async () => {
    const live = await listLiveAssets(db, tenantId, { provider: 'aws' });
    const members = new Set(sim.estate.aws.accounts.map((a) => a.Id));
    const mine = sim.manifest.assets
      .filter((a) => a.provider === 'aws' && a.accountId === callerAccount() && a.kind !== 'account')
      .map((a) => `${a.id} @${a.accountId}`);
    expect(mine.length).toBeGreaterThan(10);
    const got = new Set(live.map((a) => `${a.id} @${a.accountId}`));
    expect(mine.filter((x) => !got.has(x))).toEqual([]);
    const others = live.filter((a) => members.has(a.accountId) && a.accountId !== callerAccount());
    expect(others.map((a) => a.id)).toEqual([]);
  });
});
