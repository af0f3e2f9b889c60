import type { FaultOptions } from '@aispm/cloud-sim';
import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { createAzureConnector } from '../src/azure/index.ts';
import { PermanentTaskError, type TaskContext } from '../src/types.ts';
import { MemoryGraph, runConnector } from './helpers/driver.ts';

const isAzureId = (id: string) => id.startsWith('/subscriptions/') || id.startsWith('/providers/');

async function simWith(faults: Partial<FaultOptions>) {
  const sim = await startCloudSim({
    seed: 7,
    scale: 'small',
    port: 0,
    rateLimits: false,
    providers: ['azure'],
    faults,
  });
  if (!sim.azure) throw new Error('cloud-sim started without Azure');
  const { tenantId, clientId, clientSecret, authorityHost, armEndpoint, caCertPem } = sim.azure;
  // The worker's way in: a client secret the connector turns into a credential itself.
  const connector = createAzureConnector({
    clientCredentials: { tenantId, clientId, clientSecret },
    authorityHost,
    armEndpoint,
    tlsCa: caCertPem,
  });
  return { sim, connector };
}

describe('Azure connector under cloud-sim faults', () => {
  let sim: CloudSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('imports the whole estate through throttling and server errors, counting the throttles', async () => {
    const s = await simWith({ throttleRate: 0.15, errorRate: 0.05, seed: 3 });
    sim = s.sim;
    const result = await runConnector(s.connector);
    expect(result.errors).toEqual([]);
    expect(result.throttles).toBeGreaterThan(0);
    const want = sim.manifest.assets.filter((a) => a.provider === 'azure').map((a) => a.id);
    expect([...result.graph.assetsById.keys()].filter(isAzureId).sort()).toEqual([...new Set(want)].sort());
  });

  it('turns denied Azure ML endpoint, deployment and datastore listings into gaps and unknown facts', async () => {
    const s = await simWith({
      denied: ['machinelearningservices:ListDatastores', 'machinelearningservices:ListDeployments'],
    });
    sim = s.sim;
    const result = await runConnector(s.connector);
    expect(result.errors).toEqual([]);
    const byOperation = (op: string) => result.gaps.filter((g) => g.operation === op);
    expect(byOperation('Datastores_List').length).toBeGreaterThan(0);
    expect(byOperation('Datastores_List')[0]).toMatchObject({
      service: 'machine-learning',
      scope: 'item',
      permission: 'Microsoft.MachineLearningServices/workspaces/datastores/read',
    });
    expect(byOperation('OnlineDeployments_List')[0]).toMatchObject({
      permission: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/read',
    });
    const assets = [...result.graph.assetsById.values()];
    expect(assets.filter((a) => a.nativeType.endsWith('/datastores'))).toEqual([]);
    // The endpoints stay (their own listing was allowed); what only their deployments say is unknown, not empty.
    const endpoints = assets.filter((a) => a.nativeType.endsWith('/onlineEndpoints'));
    expect(endpoints.length).toBeGreaterThan(0);
    for (const ep of endpoints) {
      const facts = ep.properties.facts as Record<string, unknown>;
      expect(facts.variantInstanceCounts).toMatchObject({
        $unknown: expect.stringContaining('deployments/read'),
      });
      expect(typeof facts.localAuthEnabled).toBe('boolean');
    }
  });

  it('turns a denied or unregistered serverless endpoint listing into a gap, never "no endpoints"', async () => {
    const s = await simWith({ denied: ['machinelearningservices:ListServerlessEndpoints'] });
    sim = s.sim;
    const planted = sim.manifest.assets.filter((a) => a.nativeType.endsWith('/serverlessEndpoints'));
    expect(planted.length).toBeGreaterThan(0);
    for (const [fault, errorCode] of [
      ['denied', 'AuthorizationFailed'],
      ['notEnabled', 'NoRegisteredProviderFound'],
    ] as const) {
      sim.faults.place({ [fault]: ['machinelearningservices:ListServerlessEndpoints'] });
      const result = await runConnector(s.connector);
      expect(result.errors).toEqual([]);
      const gaps = result.gaps.filter((g) => g.operation === 'ServerlessEndpoints_List');
      const workspaces = sim.manifest.assets.filter(
        (a) => a.nativeType === 'Microsoft.MachineLearningServices/workspaces',
      );
      // One gap per subscription, counting its workspaces.
      expect(gaps.reduce((n, g) => n + (g.count ?? 1), 0)).toBe(workspaces.length);
      expect(gaps[0]).toMatchObject({
        service: 'machine-learning',
        scope: 'item',
        errorCode,
        permission: 'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints/read',
      });
      const assets = [...result.graph.assetsById.values()];
      expect(assets.filter((a) => a.nativeType.endsWith('/serverlessEndpoints'))).toEqual([]);
      // Everything else the workspaces hold is still read.
      expect(assets.filter((a) => a.nativeType.endsWith('/onlineEndpoints')).length).toBeGreaterThan(0);
    }
  });

  it('keeps a denied listing to a gap, fails an endless listing instead of looping, and only that task', async () => {
    const s = await simWith({
      denied: ['cognitiveservices:ListAccounts'],
      endlessPagination: ['network:ListPrivateEndpoints'],
    });
    sim = s.sim;
    const result = await runConnector(s.connector);
    const failed = (service: string) => result.errors.filter((e) => e.startsWith(`${service}@`));
    expect(failed('network')).toHaveLength(result.accounts.length);
    expect(failed('network').every((e) => /repeated/.test(e))).toBe(true);
    expect(result.errors).toHaveLength(result.accounts.length);
    // The denied listing is a `list` gap of each subscription's cognitive-services task: no accounts, no failure.
    const gaps = result.gaps.filter((g) => g.operation === 'Accounts_List');
    expect(gaps).toHaveLength(result.accounts.length);
    for (const g of gaps) {
      expect(g).toMatchObject({
        service: 'cognitive-services',
        scope: 'list',
        errorCode: 'AuthorizationFailed',
        permission: 'Microsoft.CognitiveServices/accounts/read',
      });
    }
    const accounts = [...result.graph.assetsById.values()].filter(
      (a) => a.nativeType === 'Microsoft.CognitiveServices/accounts',
    );
    expect(accounts).toEqual([]);

    const account = result.accounts[0];
    const module = s.connector.services.find((m) => m.service === 'network');
    if (!account || !module) throw new Error('no account or module');
    const ctx: TaskContext = {
      target: { provider: 'azure', accountId: account.accountId, region: 'global', service: module.service },
      account,
      signal: new AbortController().signal,
      graph: new MemoryGraph(),
      onThrottle: () => {},
      log: () => {},
    };
    await expect(module.run(ctx)).rejects.toBeInstanceOf(PermanentTaskError);
  });
});
