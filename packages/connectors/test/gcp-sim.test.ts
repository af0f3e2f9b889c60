import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import type { Manifest } from '@aispm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGcpConnector } from '../src/gcp/index.ts';
import { type DriverResult, runConnector } from './helpers/driver.ts';
import { assetIdSets, assetMismatches } from './helpers/manifest.ts';

const SEED = 7;
const key = (e: { kind: string; from: string; to: string }) => `${e.kind} ${e.from} -> ${e.to}`;
const isGcpId = (id: string) => id.startsWith('//');

interface OAuthClient {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

describe('GCP connector against cloud-sim (small estate)', () => {
  let sim: CloudSim;
  let manifest: Manifest;
  let result: DriverResult;

  beforeAll(async () => {
    sim = await startCloudSim({ seed: SEED, scale: 'small', port: 0, rateLimits: false, providers: ['gcp'] });
    manifest = sim.manifest;
    if (!sim.gcp) throw new Error('cloud-sim started without GCP');
    const oauth = (sim.estate.gcp as { oauthClient: OAuthClient }).oauthClient;
    const locations = [
      ...new Set(
        manifest.assets
          .filter((a) => a.provider === 'gcp' && a.id.startsWith('//aiplatform.googleapis.com/'))
          .map((a) => a.region),
      ),
    ].sort();
    result = await runConnector(
      createGcpConnector({
        apiEndpoint: sim.gcp.apiEndpoint,
        credentials: {
          type: 'authorized_user',
          client_id: oauth.clientId,
          client_secret: oauth.clientSecret,
          refresh_token: oauth.refreshToken,
        },
        // One location without workloads too: an empty region must list cleanly.
        locations: [...locations, 'asia-northeast1'],
      }),
    );
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('discovers every project under its folder and runs every task without an error', () => {
    expect(result.errors).toEqual([]);
    const projects = manifest.assets
      .filter((a) => a.provider === 'gcp' && a.nativeType === 'cloudresourcemanager.googleapis.com/Project')
      .map((a) => a.accountId);
    expect(result.accounts.map((a) => a.accountId).sort()).toEqual([...projects].sort());
    for (const a of result.accounts) {
      expect(a.orgPath[0]).toMatch(/^organizations\/\d+$/);
      expect(a.orgPath[a.orgPath.length - 1]).toMatch(/^folders\/\d+$/);
    }
  });

  it('imports exactly the GCP assets of the manifest, under the same ids', () => {
    const { got, want } = assetIdSets(manifest, result, 'gcp', isGcpId);
    expect(got).toEqual(want);
  });

  it('gives every asset the kind, native type, account, region and name of the manifest', () => {
    expect(assetMismatches(manifest, result, 'gcp', isGcpId)).toEqual([]);
  });

  it('produces exactly the manifest edges of every exhaustive kind among GCP assets', () => {
    const exhaustive = new Set(manifest.exhaustiveEdgeKinds);
    const touchesGcp = (e: { from: string; to: string }) => isGcpId(e.from) || isGcpId(e.to);
    const gcpExhaustive = new Set([
      'contains',
      'serves',
      'produced-by',
      'encrypted-by',
      'runs-as',
      'has-key',
      'in-network',
    ]);
    const got = result.graph.edgeList
      .filter((e) => exhaustive.has(e.kind) && gcpExhaustive.has(e.kind) && touchesGcp(e))
      .map(key);
    const want = manifest.edges
      .filter((e) => exhaustive.has(e.kind) && gcpExhaustive.has(e.kind) && touchesGcp(e))
      .map(key);
    expect(want.length).toBeGreaterThan(0);
    expect({
      extra: got.filter((k) => !want.includes(k)),
      missing: want.filter((k) => !got.includes(k)),
    }).toEqual({
      extra: [],
      missing: [],
    });
  });

  it('produces every lineage, access and exposure edge of the manifest', () => {
    const kinds = new Set([
      'trained-on',
      'reads-from',
      'writes-to',
      'can-read',
      'can-invoke',
      'can-admin',
      'exposed-to-internet',
    ]);
    const touchesGcp = (e: { from: string; to: string }) => isGcpId(e.from) || isGcpId(e.to);
    const got = new Set(result.graph.edgeList.map(key));
    // A custom job's input data is whatever its container reads: the Vertex API does not say (args are opaque).
    const derivable = (e: { kind: string; from: string }) =>
      !(e.kind === 'reads-from' && e.from.includes('/customJobs/'));
    const want = manifest.edges.filter((e) => kinds.has(e.kind) && touchesGcp(e) && derivable(e)).map(key);
    expect(want.length).toBeGreaterThan(0);
    expect(want.filter((k) => !got.has(k))).toEqual([]);
  });
});
