import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CloudSim, type FaultOptions, startCloudSim } from '@aispm/cloud-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { createGcpConnector } from '../src/gcp/index.ts';
import { PermanentTaskError, type TaskContext } from '../src/types.ts';
import { MemoryGraph, runConnector } from './helpers/driver.ts';

const isGcpId = (id: string) => id.startsWith('//');

const dirs: string[] = [];

async function simWith(faults: Partial<FaultOptions>) {
  const sim = await startCloudSim({
    seed: 7,
    scale: 'small',
    port: 0,
    rateLimits: false,
    providers: ['gcp'],
    faults,
  });
  if (!sim.gcp) throw new Error('cloud-sim started without GCP');
  const oauth = (
    sim.estate.gcp as { oauthClient: { clientId: string; clientSecret: string; refreshToken: string } }
  ).oauthClient;
  const locations = [
    ...new Set(
      sim.manifest.assets
        .filter((a) => a.provider === 'gcp' && a.id.startsWith('//aiplatform.googleapis.com/'))
        .map((a) => a.region),
    ),
  ];
  // The worker's way in: a credentials file, as `gcloud auth application-default login` writes it.
  const dir = mkdtempSync(join(tmpdir(), 'aispm-gcp-'));
  dirs.push(dir);
  const credentialsFile = join(dir, 'credentials.json');
  writeFileSync(
    credentialsFile,
    JSON.stringify({
      type: 'authorized_user',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      refresh_token: oauth.refreshToken,
    }),
  );
  const connector = createGcpConnector({ apiEndpoint: sim.gcp.apiEndpoint, credentialsFile, locations });
  return { sim, connector };
}

describe('GCP connector under cloud-sim faults', () => {
  let sim: CloudSim | undefined;
  afterEach(async () => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    await sim?.close();
    sim = undefined;
  });

  it('imports the whole estate through throttling and unavailability (gax REST mode does not retry: we do)', async () => {
    const s = await simWith({ throttleRate: 0.1, errorRate: 0.05, seed: 5 });
    sim = s.sim;
    const result = await runConnector(s.connector);
    expect(result.errors).toEqual([]);
    expect(result.throttles).toBeGreaterThan(0);
    const want = sim.manifest.assets.filter((a) => a.provider === 'gcp').map((a) => a.id);
    expect([...result.graph.assetsById.keys()].filter(isGcpId).sort()).toEqual([...new Set(want)].sort());
  });

  it('keeps a denied listing to a gap, fails an endless listing instead of looping, and only that task', async () => {
    const s = await simWith({
      denied: ['iam:ListServiceAccounts'],
      endlessPagination: ['storage:ListBuckets'],
    });
    sim = s.sim;
    const result = await runConnector(s.connector);
    const failed = (service: string) => result.errors.filter((e) => e.startsWith(`${service}@`));
    expect(failed('storage')).toHaveLength(result.accounts.length);
    expect(failed('storage').every((e) => /repeated|did not end/.test(e))).toBe(true);
    expect(result.errors).toHaveLength(result.accounts.length);
    // The denied listing is a `list` gap of each project's iam task; the project's IAM policy is still read.
    const gaps = result.gaps.filter((g) => g.operation === 'projects.serviceAccounts.list');
    expect(gaps).toHaveLength(result.accounts.length);
    for (const g of gaps) {
      expect(g).toMatchObject({
        service: 'iam',
        scope: 'list',
        errorCode: 'PERMISSION_DENIED',
        permission: 'iam.serviceAccounts.list',
      });
    }

    const account = result.accounts[0];
    const module = s.connector.services.find((m) => m.service === 'storage');
    if (!account || !module) throw new Error('no account or module');
    const ctx: TaskContext = {
      target: { provider: 'gcp', accountId: account.accountId, region: 'global', service: module.service },
      account,
      signal: new AbortController().signal,
      graph: new MemoryGraph(),
      onThrottle: () => {},
      log: () => {},
    };
    await expect(module.run(ctx)).rejects.toBeInstanceOf(PermanentTaskError);
  });
});
