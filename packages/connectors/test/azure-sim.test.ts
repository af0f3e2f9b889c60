import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import type { Manifest } from '@aispm/core';
import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureClientFactory } from '../src/azure/clients.ts';
import { createAzureConnector, resolveAzureOptions } from '../src/azure/index.ts';
import { type DriverResult, runConnector } from './helpers/driver.ts';
import { assetIdSets, assetMismatches } from './helpers/manifest.ts';

const SEED = 7;
const key = (e: { kind: string; from: string; to: string }) => `${e.kind} ${e.from} -> ${e.to}`;
const isAzureId = (id: string) => id.startsWith('/subscriptions/') || id.startsWith('/providers/');

describe('Azure connector against cloud-sim (small estate)', () => {
  let sim: CloudSim;
  let manifest: Manifest;
  let result: DriverResult;
  let credential: ClientSecretCredential;

  beforeAll(async () => {
    sim = await startCloudSim({
      seed: SEED,
      scale: 'small',
      port: 0,
      rateLimits: false,
      providers: ['azure'],
    });
    manifest = sim.manifest;
    if (!sim.azure) throw new Error('cloud-sim started without Azure');
    const azure = sim.azure;
    const tlsOptions = { ca: azure.caCertPem };
    credential = new ClientSecretCredential(azure.tenantId, azure.clientId, azure.clientSecret, {
      authorityHost: azure.authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions,
    });
    result = await runConnector(
      createAzureConnector({ credential, armEndpoint: azure.armEndpoint, tlsCa: sim.azure.caCertPem }),
    );
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('discovers every subscription and runs every task without an error', () => {
    expect(result.errors).toEqual([]);
    const subs = manifest.assets
      .filter((a) => a.provider === 'azure' && a.kind === 'account')
      .map((a) => a.accountId);
    expect(result.accounts.map((a) => a.accountId).sort()).toEqual([...subs].sort());
    expect(result.accounts.every((a) => a.orgPath[0] === sim.azure?.tenantId)).toBe(true);
  });

  it('reuses its TLS connections across tasks: one pool for every client of the connector', async () => {
    const azure = sim.azure;
    if (!azure) throw new Error('cloud-sim started without Azure');
    const factory = new AzureClientFactory(
      resolveAzureOptions({ credential, armEndpoint: azure.armEndpoint, tlsCa: azure.caCertPem }),
    );
    const subscription = result.accounts[0]?.accountId ?? '';
    const before = sim.stats().connections.azure;
    // Three tasks one after another, each with clients of its own (as each task counts its own throttles): the
    // connection the first opened is free again when the next asks. With TLS settings built per client, every
    // client had a connection pool of its own and each task a handshake.
    for (let task = 0; task < 3; task++) {
      const client = factory.forTask(subscription, () => {}).get(CognitiveServicesManagementClient);
      const listed = [];
      for await (const account of client.accounts.list()) listed.push(account.id);
      expect(listed.length).toBeGreaterThan(0);
    }
    expect(sim.stats().connections.azure - before).toBeLessThanOrEqual(1);
  });

  it('imports exactly the Azure assets of the manifest, under the same ids', () => {
    const { got, want } = assetIdSets(manifest, result, 'azure', isAzureId);
    expect(got).toEqual(want);
  });

  it('gives every asset the kind, native type, account, region and name of the manifest', () => {
    // A service principal's display name lives in Microsoft Graph, which ARM does not serve: ARM knows its object id.
    const mismatches = assetMismatches(manifest, result, 'azure', isAzureId, (m) =>
      // A datastore's principal is known by its client (app) id: `…/servicePrincipals/appid=<client id>`.
      m.nativeType === 'Microsoft.Graph/servicePrincipals'
        ? m.id
            .split('/')
            .pop()
            ?.replace(/^appid=/, '')
        : m.name,
    );
    expect(mismatches).toEqual([]);
  });

  it('produces exactly the manifest edges of every exhaustive kind among Azure assets', () => {
    const exhaustive = new Set(manifest.exhaustiveEdgeKinds);
    const touchesAzure = (e: { from: string; to: string }) => isAzureId(e.from) || isAzureId(e.to);
    const got = result.graph.edgeList.filter((e) => exhaustive.has(e.kind) && touchesAzure(e)).map(key);
    const want = manifest.edges.filter((e) => exhaustive.has(e.kind) && touchesAzure(e)).map(key);
    const extra = got.filter((k) => !want.includes(k));
    const missing = want.filter((k) => !got.includes(k));
    // reads-from / stores-vectors-in are workload conventions of the estate, not derivable from ARM responses.
    const derivable = (k: string) => !k.startsWith('reads-from ') && !k.startsWith('stores-vectors-in ');
    expect({ extra, missing: missing.filter(derivable) }).toEqual({ extra: [], missing: [] });
  });

  it('imports Azure ML online endpoints with their auth mode and datastores with their credential type', () => {
    const assets = [...result.graph.assetsById.values()];
    const endpoints = assets.filter(
      (a) => a.nativeType === 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
    );
    const datastores = assets.filter(
      (a) => a.nativeType === 'Microsoft.MachineLearningServices/workspaces/datastores',
    );
    expect(endpoints.length).toBeGreaterThan(0);
    // Five per workspace: more than the sim's page of three, so the listing paged.
    expect(datastores.length).toBe(endpoints.length * 5);
    for (const ep of endpoints) {
      const facts = ep.properties.facts as Record<string, unknown>;
      expect(facts.localAuthEnabled).toBe(ep.properties.authMode === 'Key');
      expect(facts.dataCaptureEnabled).toMatchObject({ $unknown: expect.any(String) });
      expect(ep.properties.deployments).toEqual([expect.objectContaining({ name: 'blue' })]);
    }
    const reads = new Set(result.graph.edgeList.filter((e) => e.kind === 'reads-from').map(key));
    const want = manifest.edges
      .filter((e) => e.kind === 'reads-from' && e.from.includes('/datastores/'))
      .map(key);
    expect(want.length).toBe(datastores.length);
    expect(want.filter((k) => !reads.has(k))).toEqual([]);
    const types = new Set(
      datastores.map((d) => (d.properties.facts as { credentialType?: string }).credentialType),
    );
    expect(types).toContain('iam');
    // The service-principal datastore says which identity reaches the storage: runs-as → that principal.
    const principals = datastores.filter((d) => d.properties.credentialsType === 'ServicePrincipal');
    expect(principals.length).toBe(endpoints.length);
    for (const d of principals) {
      expect((d.properties.facts as { credentialType?: string }).credentialType).toBe('oauth');
      const runsAs = result.graph.edgeList.filter((e) => e.kind === 'runs-as' && e.from === d.id);
      const clientId = (d.properties.servicePrincipal as { clientId?: string } | undefined)?.clientId;
      expect(runsAs.map((e) => e.to)).toEqual([
        `/providers/microsoft.graph/serviceprincipals/appid=${clientId}`,
      ]);
    }
  });

  it('keeps only the type of a datastore credential, never the key or SAS token the API returned', () => {
    const served = sim.estate.azure?.resources.filter(
      (o) => o.type === 'Microsoft.MachineLearningServices/workspaces/datastores',
    );
    const stores = (served ?? []).filter(
      (o) =>
        (o.properties as { credentials?: { credentialsType?: string } }).credentials?.credentialsType !==
        'ServicePrincipal',
    );
    // A service principal's client secret is served too (`simsp…`): never stored either.
    const clientSecrets = (served ?? []).flatMap((o) => {
      const c = (
        o.properties as { credentials?: { credentialsType?: string; secrets?: { clientSecret?: string } } }
      ).credentials;
      return c?.credentialsType === 'ServicePrincipal' && c.secrets?.clientSecret
        ? [c.secrets.clientSecret]
        : [];
    });
    expect(clientSecrets.length).toBeGreaterThan(0);
    const secrets = stores.flatMap((o) => {
      const s = (o.properties as { credentials?: { secrets?: Record<string, unknown> } }).credentials
        ?.secrets;
      return Object.entries(s ?? {}).flatMap(([k, v]) => (k === 'secretsType' ? [] : [String(v)]));
    });
    // The small estate plants at least one datastore with a stored key or SAS token.
    expect(secrets.length).toBeGreaterThan(0);
    const stored = JSON.stringify([...result.graph.assetsById.values(), ...result.graph.edgeList]);
    for (const secret of [...secrets, ...clientSecrets]) expect(stored).not.toContain(secret);
    expect(stored).not.toContain('"secrets"');
    const keyed = [...result.graph.assetsById.values()].filter(
      (a) => a.properties.credentialsType === 'AccountKey' || a.properties.credentialsType === 'Sas',
    );
    expect(keyed.length).toBe(secrets.length);
    for (const a of keyed) expect(a.properties.facts).toMatchObject({ credentialType: 'api-key' });
  });

  it('produces the access and exposure edges the planted risks rely on', () => {
    const kinds = new Set(['can-invoke', 'can-read', 'can-admin', 'exposed-to-internet']);
    const touchesAzure = (e: { from: string; to: string }) => isAzureId(e.from) || isAzureId(e.to);
    const got = new Set(result.graph.edgeList.map(key));
    const want = manifest.edges.filter((e) => kinds.has(e.kind) && touchesAzure(e)).map(key);
    expect(want.length).toBeGreaterThan(0);
    expect(want.filter((k) => !got.has(k))).toEqual([]);
  });
});
