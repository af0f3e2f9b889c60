import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import type { Connector } from '@aispm/connectors';
import type { Provider } from '@aispm/core';
import { type Db, listLiveAssets } from '@aispm/db';
import { createTestDatabase, type TestDatabase } from '@aispm/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachFullAwsAccessEverywhere, simConnector } from './helpers/scan-sim.ts';
import { newTenant, ServiceHarness } from './helpers.ts';

/**
 * Issue 10: a denied LIST call loses only that resource type, and never looks like a removal. For one listing per
 * cloud: a fresh tenant scanned with the listing denied has every asset of the undenied scan but those of the
 * denied type; a tenant that knew them keeps them (nothing is marked removed), and both scans end `partial` with
 * the listing as a `list` coverage gap naming the permission to grant.
 */
const CASES: {
  provider: Provider;
  /** The simulator's fault rule (the cloud's own operation name). */
  deny: string;
  /** What the connector records. */
  operation: string;
  permission: string;
  /** Native type of the assets only that listing reveals. */
  nativeType: string;
}[] = [
  {
    provider: 'aws',
    deny: 'sagemaker:ListNotebookInstances',
    operation: 'ListNotebookInstances',
    permission: 'sagemaker:ListNotebookInstances',
    nativeType: 'AWS::SageMaker::NotebookInstance',
  },
  {
    provider: 'azure',
    deny: 'cognitiveservices:ListAccounts',
    operation: 'Accounts_List',
    permission: 'Microsoft.CognitiveServices/accounts/read',
    nativeType: 'Microsoft.CognitiveServices/accounts',
  },
  {
    provider: 'gcp',
    deny: 'aiplatform:ListEndpoints',
    operation: 'projects.locations.endpoints.list',
    permission: 'aiplatform.endpoints.list',
    nativeType: 'aiplatform.googleapis.com/Endpoint',
  },
];

describe.each(CASES)('a denied listing of $provider ($deny)', (c) => {
  let sim: CloudSim;
  let connector: Connector;
  let t: TestDatabase;
  const harness = new ServiceHarness();

  const scan = (tenantId: string) =>
    harness.scanOnce(
      { db: t.db, tenantId, connectors: [connector] },
      { trigger: 'manual', provider: c.provider },
    );
  const live = async (db: Db, tenantId: string) =>
    new Map((await listLiveAssets(db, tenantId, {})).map((a) => [a.id, a.nativeType]));

  beforeAll(async () => {
    sim = await startCloudSim({
      seed: 11,
      scale: 'small',
      port: 0,
      rateLimits: false,
      providers: [c.provider],
    });
    if (c.provider === 'aws') attachFullAwsAccessEverywhere(sim);
    connector = simConnector(c.provider, sim);
    t = await createTestDatabase('postgres');
  }, 120_000);
  afterAll(async () => {
    await harness.close();
    await sim?.close();
    await t?.drop();
  });

  it('keeps what it knew, loses only that type on a first scan, and reports the listing as a gap', async () => {
    const known = await newTenant(t.db, `list-gap-${c.provider}-known`);
    const first = await scan(known);
    expect(first.status).toBe('succeeded');
    const before = await live(t.db, known);
    const ofType = [...before].filter(([, type]) => type === c.nativeType).map(([id]) => id);
    expect(ofType.length, `the small estate has ${c.nativeType} assets`).toBeGreaterThan(0);

    sim.faults.place({ denied: [c.deny] });
    try {
      const again = await scan(known);
      expect(again.status).toBe('partial');
      const gaps = again.gaps.filter((g) => g.operation === c.operation);
      expect(gaps.length).toBeGreaterThan(0);
      for (const g of gaps) {
        expect(g).toMatchObject({ scope: 'list', permission: c.permission, provider: c.provider });
      }
      // A listing the scanner was refused is not evidence that anything went away.
      expect([...(await live(t.db, known)).keys()].sort()).toEqual([...before.keys()].sort());

      const fresh = await newTenant(t.db, `list-gap-${c.provider}-fresh`);
      const denied = await scan(fresh);
      expect(denied.status).toBe('partial');
      const got = await live(t.db, fresh);
      const lost = [...before.keys()].filter((id) => !got.has(id));
      // Only the denied type is missing, with what is read through it: its child resources (an Azure account's
      // deployments: their ids lie under the account's) and pseudo-assets only it led to (the internet).
      const lostOfType = lost.filter((id) => before.get(id) === c.nativeType);
      const lostOtherTypes = lost.filter(
        (id) =>
          before.get(id) !== c.nativeType &&
          !before.get(id)?.startsWith('aispm:') &&
          !lostOfType.some((parent) => id.startsWith(`${parent}/`)),
      );
      expect(lostOfType.length).toBeGreaterThan(0);
      expect(lostOtherTypes).toEqual([]);
    } finally {
      sim.faults.place({});
    }
  }, 300_000);
});
