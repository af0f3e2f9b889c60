import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { DescribeNotebookInstanceCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudSim, startCloudSim } from '../src/index.ts';
import { assumeInto, baseCredentials, clientConfig } from './aws-helpers.ts';

/**
 * A simulator on a fixed port (and the two above it). Ports are drawn below the kernel's ephemeral range (32768 and
 * up on Linux), where the outgoing connections of tests running beside this one cannot take port+1 or port+2
 * between the choice and the bind; a port some listener holds anyway is skipped.
 */
async function startOnFixedPort(): Promise<{ sim: CloudSim; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    try {
      return { sim: await startCloudSim({ seed: 1, scale: 'small', port, rateLimits: false }), port };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
    }
  }
}

describe('startCloudSim', () => {
  let sim: CloudSim;
  beforeAll(async () => {
    sim = await startCloudSim({ seed: 17, scale: 'small', port: 0, rateLimits: true, rateLimitScale: 100 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('listens on loopback and exports the environment SDKs and the CLI need', () => {
    expect(sim.aws.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.env.AWS_ENDPOINT_URL).toBe(sim.aws.endpoint);
    expect(sim.env.AWS_ACCESS_KEY_ID).toBe('AKIAAISPMSIMULATOR01');
    expect(sim.env.AWS_SECRET_ACCESS_KEY).toBe('aispm-sim-secret');
    expect(sim.env.AWS_REGION).toBe('us-east-1');
    expect(sim.azure).toBeDefined();
    expect(sim.env.AISPM_AZURE_ARM_ENDPOINT).toBe(sim.azure?.armEndpoint);
    expect(sim.env.NODE_EXTRA_CA_CERTS).toBe(sim.azure?.caCertPath);
    expect(sim.gcp).toBeDefined();
    expect(sim.env.AISPM_GCP_API_ENDPOINT).toBe(sim.gcp?.apiEndpoint);
    expect(sim.manifest.generator).toBe('aispm-cloud-sim');
  });

  it('serves the live estate: a config fixed in memory is what the next call sees', async () => {
    const account = sim.estate.aws.accounts.find((a) =>
      Object.values(a.regions).some((r) =>
        r.sagemaker.notebooks.some((n) => n.DirectInternetAccess === 'Enabled'),
      ),
    );
    if (!account) throw new Error('small estate has no internet-facing notebook');
    const [region, state] = Object.entries(account.regions).find(([, r]) =>
      r.sagemaker.notebooks.some((n) => n.DirectInternetAccess === 'Enabled'),
    ) as [string, (typeof account.regions)[string]];
    const notebook = state.sagemaker.notebooks.find((n) => n.DirectInternetAccess === 'Enabled') as Record<
      string,
      unknown
    >;
    const sm = new SageMakerClient(clientConfig(sim, await assumeInto(sim, account.Id), region));
    const name = notebook.NotebookInstanceName as string;
    expect(
      (await sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name })))
        .DirectInternetAccess,
    ).toBe('Enabled');
    notebook.DirectInternetAccess = 'Disabled';
    expect(
      (await sm.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name })))
        .DirectInternetAccess,
    ).toBe('Disabled');
  });

  it('counts calls per operation and reports the API floor under the real limits', async () => {
    const org = new OrganizationsClient(clientConfig(sim, baseCredentials(sim)));
    for (let i = 0; i < 15; i++) await org.send(new ListAccountsCommand({}));
    const stats = sim.stats();
    expect(stats.requests.aws).toBeGreaterThanOrEqual(15);
    const list = stats.operations.find((o) => o.operation === 'organizations:ListAccounts');
    expect(list?.calls).toBe(15);
    // organizations: burst 10, 5 per second → the 5 calls beyond the burst need 1 s.
    const floor = sim.apiFloor([
      { cloud: 'aws', accountId: 'x', operation: 'organizations:ListAccounts', calls: 15 },
    ]);
    expect(floor.floorMs).toBe(1000);
    expect(sim.apiFloor().floorMs).toBeGreaterThanOrEqual(1000);
  });

  it('binds a fixed port (AWS on port, Azure on port+1, GCP on port+2) and frees it on close', async () => {
    const { sim: fixed, port } = await startOnFixedPort();
    expect(fixed.aws.endpoint).toBe(`http://127.0.0.1:${port}`);
    expect(fixed.azure?.armEndpoint).toBe(`https://127.0.0.1:${port + 1}`);
    expect(fixed.gcp?.port).toBe(port + 2);
    await fixed.close();
    const again = await startCloudSim({ seed: 1, scale: 'small', port, rateLimits: false });
    expect(again.aws.endpoint).toBe(`http://127.0.0.1:${port}`);
    await again.close();
  });
});
