import { type Connector, FAN_OUT, type ServiceModule, WAITED_ON_FAN_OUT } from '@aispm/connectors';
import type { Db } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServiceOrder } from '../src/service-order.ts';
import { newTenant, ServiceHarness } from './helpers.ts';
import {
  createTestConnector,
  type TestConnectorOptions,
  type TestTaskEvent,
  testAccountId,
} from './support/index.ts';

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
 * Phase 2 and 3 tasks read what other accounts stored (the org's identities, bucket references from every
 * account), so no account may start a phase before every account of the provider has settled the previous one —
 * otherwise what it reads, and so the graph, depends on task order and concurrency.
 */
describe('scan phases are barriers across the accounts of a provider', () => {
  it('starts no phase-2 or phase-3 task before every account settled the phase before, even with a slow account', async () => {
    const events: TestTaskEvent[] = [];
    const tenantId = await newTenant(db, 'barrier');
    const service = harness.create({
      db,
      tenantId,
      connectors: [
        createTestConnector({
          accounts: 3,
          regions: ['us-east-1', 'eu-west-1'],
          assetsPerTask: 2,
          delayMs: 5,
          // The first account's inventory is slow: the others finish phase 1 long before it does.
          extraDelayMs: { [`${testAccountId(0)}/*@*`]: 150 },
          onEvent: (e) => events.push(e),
        }),
      ],
      concurrency: { worker: 12, perAccount: 4 },
    });
    const { scanId } = await service.startScan({ trigger: 'manual' });
    const summary = await service.waitForScan(scanId, { timeoutMs: 60_000, pollMs: 20 });
    expect(summary.status).toBe('succeeded');
    for (const phase of [2, 3] as const) {
      const previousEnd = Math.max(
        ...events.filter((e) => e.phase === phase - 1 && e.type === 'end').map((e) => e.at),
      );
      const starts = events.filter((e) => e.phase === phase && e.type === 'start');
      expect(starts.length).toBeGreaterThan(0);
      expect(
        starts.filter((e) => e.at < previousEnd).map((e) => `${e.accountId}/${e.service}@${e.region}`),
      ).toEqual([]);
    }
  });
});

/**
 * A service that names the earlier services it reads (`after`) waits for those alone, in every account, and reads
 * them reconciled: the Foundry agent listings start when the subscription's cognitive-services task is done, and
 * their own rate budget runs beside the rest of phase 1 instead of after it.
 */
describe('a service that names what it reads starts when those services have settled', () => {
  const estate = { accounts: 3, regions: ['us-east-1', 'eu-west-1'], assetsPerTask: 2, agentTools: true };
  const liveTools = async (tenantId: string) =>
    (
      await db.query<{ id: string }>(
        `SELECT id FROM assets WHERE tenant_id = $1 AND kind = 'agent-tool' AND removed_at IS NULL ORDER BY id`,
        [tenantId],
      )
    ).map((r) => r.id);
  const agentTool = (account: number, region: string) =>
    `arn:aws:testml:${region}:${testAccountId(account)}:agent/a-0/tool`;

  /** One scan of the estate with every account's models slow: phase 1 ends long after the agents are stored. */
  const scanTimeline = async (tenantId: string, options: Partial<TestConnectorOptions>) => {
    const events: TestTaskEvent[] = [];
    const service = harness.create({
      db,
      tenantId,
      connectors: [
        createTestConnector({
          ...estate,
          ...options,
          delayMs: 5,
          extraDelayMs: { '*/models@*': 1500 },
          onEvent: (e) => events.push(e),
        }),
      ],
      concurrency: { worker: 12, perAccount: 4 },
    });
    const { scanId } = await service.startScan({ trigger: 'manual' });
    const summary = await service.waitForScan(scanId, { timeoutMs: 60_000, pollMs: 20 });
    expect(summary.status).toBe('succeeded');
    const at = (service: string, type: TestTaskEvent['type']) =>
      events.filter((e) => e.service === service && e.type === type).map((e) => e.at);
    return {
      fanOutsOf: (service: string) =>
        new Set(events.filter((e) => e.service === service).map((e) => e.fanOut)),
      startsOf: (service: string) => at(service, 'start'),
      firstStart: (service: string) => Math.min(...at(service, 'start')),
      lastEnd: (service: string) => Math.max(...at(service, 'end')),
    };
  };

  it('starts after every account’s agents settled, before the slow rest of phase 1, and reads them reconciled', async () => {
    const tenantId = await newTenant(db, 'after');
    const run = await scanTimeline(tenantId, { generation: 0 });
    const toolStarts = run.startsOf('agent-tools');
    expect(toolStarts).toHaveLength(estate.accounts);
    // Not before any account's agents are stored...
    expect(Math.min(...toolStarts)).toBeGreaterThanOrEqual(run.lastEnd('agents'));
    // ...and not held back by the models, which the tools do not read.
    expect(Math.max(...toolStarts)).toBeLessThan(run.lastEnd('models'));
    // A phase-2 service that names nothing still waits for the whole phase 1, and phase 3 for all of phase 2.
    expect(run.firstStart('stores')).toBeGreaterThanOrEqual(run.lastEnd('models'));
    expect(run.firstStart('access')).toBeGreaterThanOrEqual(
      Math.max(run.lastEnd('stores'), run.lastEnd('agent-tools')),
    );
    // The agents, which the tools wait for, fan out wider than the rest of their phase.
    expect(run.fanOutsOf('agents')).toEqual(new Set([WAITED_ON_FAN_OUT]));
    expect(run.fanOutsOf('models')).toEqual(new Set([FAN_OUT]));
    expect(run.fanOutsOf('agent-tools')).toEqual(new Set([FAN_OUT]));
    expect(await liveTools(tenantId)).toEqual(
      [0, 1, 2].flatMap((a) => estate.regions.map((r) => agentTool(a, r))).sort(),
    );

    // The first account's us-east-1 agent is gone: it is removed before the tools read the agents, so no tool is
    // made for it again, and the tool made for it last time goes with it.
    await scanTimeline(tenantId, { generation: 1 });
    const tools = await liveTools(tenantId);
    expect(tools).toHaveLength(estate.accounts * estate.regions.length - 1);
    expect(tools).not.toContain(agentTool(0, 'us-east-1'));
  });

  it('holds phase 3 for the whole of phase 1 when all of phase 2 started early and settled first, and reconciles phase 2 as phase 1 ends', async () => {
    const tenantId = await newTenant(db, 'after-all-early');
    const first = await scanTimeline(tenantId, { withoutStores: true, generation: 0 });
    // Phase 2 (the tools alone) is over before phase 1 is: phase 3 still waits for phase 1.
    expect(first.lastEnd('agent-tools')).toBeLessThan(first.lastEnd('models'));
    expect(first.firstStart('access')).toBeGreaterThanOrEqual(first.lastEnd('models'));

    // The tool of the agent that is gone is removed when phase 1 ends, before phase 3 reads the graph (the
    // database's clock and the test's are the same machine's).
    const second = await scanTimeline(tenantId, { withoutStores: true, generation: 1 });
    const [gone] = await db.query<{ removed_at: Date | null }>(
      `SELECT removed_at FROM assets WHERE tenant_id = $1 AND id = $2`,
      [tenantId, agentTool(0, 'us-east-1')],
    );
    expect(gone?.removed_at).toBeInstanceOf(Date);
    expect(gone?.removed_at?.getTime()).toBeLessThanOrEqual(second.firstStart('access'));
  });

  it('refuses an order that cannot run: an unknown service, or one that does not run in an earlier phase', () => {
    const module = (service: string, phase: 1 | 2 | 3, after?: string[]): ServiceModule => ({
      provider: 'aws',
      service,
      phase,
      global: true,
      ...(after ? { after } : {}),
      run: async () => ({ assets: [], edges: [] }),
    });
    const connector = (...services: ServiceModule[]) =>
      ({ provider: 'aws', services }) as unknown as Connector;
    expect(() => checkServiceOrder(connector(module('a', 1), module('b', 2, ['a'])))).not.toThrow();
    expect(() => checkServiceOrder(connector(module('a', 1), module('b', 2, ['c'])))).toThrow(/unknown c/);
    expect(() => checkServiceOrder(connector(module('a', 2), module('b', 2, ['a'])))).toThrow(/not before/);
    expect(() => checkServiceOrder(connector(module('a', 3), module('b', 2, ['a'])))).toThrow(/not before/);
    expect(() => checkServiceOrder(connector(module('a', 1), module('b', 2, [])))).toThrow(
      /names no service/,
    );
  });
});
