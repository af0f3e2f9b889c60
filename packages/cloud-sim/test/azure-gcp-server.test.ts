import { readFileSync } from 'node:fs';
import { ManifestSchema } from '@aispm/core';
import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { ClientSecretCredential } from '@azure/identity';
import { v1 } from '@google-cloud/aiplatform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AzureEstate } from '../src/azure/model.ts';
import type { GcpEstate } from '../src/gcp/model.ts';
import { type CloudSim, startCloudSim } from '../src/index.ts';

/** The Azure and GCP halves as `startCloudSim` wires them: ports, certificate file, credentials, manifest. */
describe('startCloudSim with the Azure and GCP halves', () => {
  let sim: CloudSim;
  beforeAll(async () => {
    sim = await startCloudSim({ seed: 21, scale: 'small', port: 0, rateLimits: true, rateLimitScale: 1000 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('serves Azure over HTTPS with the reported credentials and CA file', async () => {
    const azure = sim.azure;
    if (!azure) throw new Error('Azure half not loaded');
    const ca = readFileSync(azure.caCertPath, 'utf8');
    expect(ca).toBe(azure.caCertPem);
    const credential = new ClientSecretCredential(azure.tenantId, azure.clientId, azure.clientSecret, {
      authorityHost: azure.authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions: { ca },
    });
    const state = sim.estate.azure as AzureEstate;
    const subscriptionId = state.subscriptions[0]?.subscriptionId as string;
    const client = new CognitiveServicesManagementClient(credential, subscriptionId, {
      endpoint: azure.armEndpoint,
      credentialScopes: [`${azure.armEndpoint}/.default`],
      tlsOptions: { ca },
    });
    const accounts: string[] = [];
    for await (const a of client.accounts.list()) accounts.push(a.id?.toLowerCase() as string);
    const truthIds = sim.manifest.assets
      .filter(
        (a) => a.nativeType === 'Microsoft.CognitiveServices/accounts' && a.accountId === subscriptionId,
      )
      .map((a) => a.id);
    expect(accounts.sort()).toEqual(truthIds.sort());
  });

  it('serves GCP over HTTP on the reported port', async () => {
    const gcp = sim.gcp;
    if (!gcp) throw new Error('GCP half not loaded');
    const state = sim.estate.gcp as GcpEstate;
    const client = new v1.IndexEndpointServiceClient({
      apiEndpoint: gcp.host,
      port: gcp.port,
      protocol: 'http',
      fallback: true,
      credentials: {
        type: 'authorized_user',
        client_id: state.oauthClient.clientId,
        client_secret: state.oauthClient.clientSecret,
        refresh_token: state.oauthClient.refreshToken,
      },
      clientOptions: { endpoints: { oauth2TokenUrl: `${gcp.apiEndpoint}/token` } },
    });
    const project = state.projects[0];
    const region = Object.keys(state.collections)
      .find((k) => k.startsWith(`projects/${project?.projectNumber}/`) && k.endsWith('/indexEndpoints'))
      ?.split('/')[3];
    const listed: string[] = [];
    for await (const ie of client.listIndexEndpointsAsync({
      parent: `projects/${project?.projectId}/locations/${region}`,
    }))
      listed.push(`//aiplatform.googleapis.com/${ie.name}`);
    const truthIds = sim.manifest.assets
      .filter(
        (a) =>
          a.nativeType === 'aiplatform.googleapis.com/IndexEndpoint' && a.accountId === project?.projectId,
      )
      .map((a) => a.id);
    expect(listed.sort()).toEqual(truthIds.sort());
    expect(
      sim
        .stats()
        .operations.some((o) => o.cloud === 'gcp' && o.operation === 'aiplatform:ListIndexEndpoints'),
    ).toBe(true);
  });

  it('composes a valid manifest with Azure and GCP truth', () => {
    const manifest = ManifestSchema.parse(sim.manifest);
    expect(manifest.counts.azure?.total).toBeGreaterThan(50);
    expect(manifest.counts.gcp?.total).toBeGreaterThan(50);
    expect(manifest.risks.some((r) => r.provider === 'azure')).toBe(true);
    expect(manifest.attackPaths.some((p) => p.provider === 'gcp')).toBe(true);
  });
});
