import { RISK_CONCEPT_IDS, Rng } from '@aispm/core';
import { v1 } from '@google-cloud/aiplatform';
import { FoldersClient, OrganizationsClient, ProjectsClient } from '@google-cloud/resource-manager';
import { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGcpEstate } from '../src/estate/gcp/index.ts';
import type { GcpObject } from '../src/gcp/model.ts';
import { scaleParams } from '../src/options.ts';
import { RateLimiter } from '../src/rate-limit.ts';
import { startGcp } from './gcp-server.ts';

type Sim = Awaited<ReturnType<typeof startGcp>>;

/** The first project's Vertex region and the objects of one collection there. */
function vertex(sim: Sim, collection: string, projectIndex = 0) {
  const project = sim.state.projects[projectIndex];
  if (!project) throw new Error('no project');
  const key = Object.keys(sim.state.collections).find(
    (k) => k.startsWith(`projects/${project.projectNumber}/`) && k.endsWith(`/${collection}`),
  );
  if (!key) throw new Error(`no ${collection}`);
  const region = key.split('/')[3] as string;
  return {
    project,
    region,
    parent: `projects/${project.projectId}/locations/${region}`,
    items: sim.state.collections[key] as GcpObject[],
  };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('GCP simulator through the official SDKs', () => {
  let sim: Sim;
  // Building a gax client hashes aiplatform's whole proto bundle, so each client class is built once.
  const clients = new Map<unknown, unknown>();
  const gax = <T>(Ctor: new (opts: Sim['gaxOptions']) => T): T => {
    if (!clients.has(Ctor)) clients.set(Ctor, new Ctor(sim.gaxOptions));
    return clients.get(Ctor) as T;
  };
  beforeAll(async () => {
    sim = await startGcp();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('refreshes tokens at the token endpoint and rejects a wrong refresh token', async () => {
    const token = await sim.authClient.getAccessToken();
    expect(token.token).toMatch(/^ya29\.sim-/);
    const res = await fetch(`${sim.baseUrl}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: sim.state.oauthClient.clientId,
        client_secret: sim.state.oauthClient.clientSecret,
        refresh_token: 'wrong',
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    const unauthenticated = await fetch(`${sim.baseUrl}/v3/projects:search`);
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });

  it('serves Vertex AI endpoints (paged, by project id or number)', async () => {
    const client = gax(v1.EndpointServiceClient);
    const { project, region, parent, items } = vertex(sim, 'endpoints');
    const [endpoints] = await client.listEndpoints({ parent });
    expect(endpoints.map((e) => e.name)).toEqual(items.map((e) => e.name));
    expect(endpoints[0]?.name).toContain(`projects/${project.projectNumber}/`);
    expect(endpoints[0]?.deployedModels?.[0]?.serviceAccount).toContain('@');
    const viaNumber = await collect(
      client.listEndpointsAsync({
        parent: `projects/${project.projectNumber}/locations/${region}`,
        pageSize: 1,
      }),
    );
    expect(viaNumber.length).toBe(items.length);
    const one = await client.getEndpoint({ name: endpoints[0]?.name as string });
    expect(one[0].displayName).toBe(endpoints[0]?.displayName);
    // A private endpoint names its peered network; a public one is a dedicated endpoint without it.
    for (const e of endpoints) expect(Boolean(e.network)).toBe(!e.dedicatedEndpointEnabled);
    const all = sim.state.projects.flatMap((_, i) => vertex(sim, 'endpoints', i).items);
    expect(all.some((e) => e.dedicatedEndpointEnabled)).toBe(true);
    expect(all.some((e) => e.network)).toBe(true);
    // Lists in regions without workloads are empty, not errors.
    expect(
      (await client.listEndpoints({ parent: `projects/${project.projectId}/locations/asia-northeast1` }))[0],
    ).toEqual([]);
  });

  it('serves models with container env, datasets, indexes and index endpoints', async () => {
    const models = gax(v1.ModelServiceClient);
    const m = vertex(sim, 'models');
    const listed = await collect(models.listModelsAsync({ parent: m.parent }));
    expect(listed.length).toBe(m.items.length);
    const hf = listed.find((x) => x.containerSpec?.env?.some((e) => e.name === 'MODEL_ID'));
    expect(hf?.containerSpec?.imageUri).toContain('huggingface');
    expect((await models.getModel({ name: listed[0]?.name as string }))[0].artifactUri ?? '').toMatch(
      /^(gs:\/\/|$)/,
    );

    const datasets = gax(v1.DatasetServiceClient);
    const d = vertex(sim, 'datasets');
    const [ds] = await datasets.listDatasets({ parent: d.parent });
    expect(ds.length).toBe(d.items.length);
    expect(ds[0]?.metadataSchemaUri).toContain('schema/dataset/metadata');
    expect((await datasets.getDataset({ name: ds[0]?.name as string }))[0].displayName).toBe(
      ds[0]?.displayName,
    );

    const indexes = gax(v1.IndexServiceClient);
    const ix = vertex(sim, 'indexes');
    const [ixs] = await indexes.listIndexes({ parent: ix.parent });
    expect(ixs.length).toBe(ix.items.length);
    expect(ixs[0]?.deployedIndexes?.[0]?.indexEndpoint).toContain('/indexEndpoints/');
    expect((await indexes.getIndex({ name: ixs[0]?.name as string }))[0].indexUpdateMethod).toBe(
      'BATCH_UPDATE',
    );

    const ies = gax(v1.IndexEndpointServiceClient);
    const ie = vertex(sim, 'indexEndpoints');
    const [iel] = await ies.listIndexEndpoints({ parent: ie.parent });
    expect(iel.length).toBe(ie.items.length);
    expect(typeof iel[0]?.publicEndpointEnabled).toBe('boolean');
    expect(
      (await ies.getIndexEndpoint({ name: iel[0]?.name as string }))[0].deployedIndexes?.[0]?.index,
    ).toBe(ixs.find((x) => x.name === iel[0]?.deployedIndexes?.[0]?.index)?.name);
  });

  it('serves custom jobs, training pipelines and featurestores', async () => {
    const jobs = gax(v1.JobServiceClient);
    const cj = vertex(sim, 'customJobs');
    const [cjs] = await jobs.listCustomJobs({ parent: cj.parent });
    expect(cjs.length).toBe(cj.items.length);
    expect(cjs[0]?.jobSpec?.serviceAccount).toContain('vertex-runner@');
    expect(cjs[0]?.state).toBe('JOB_STATE_SUCCEEDED');
    expect(
      (await jobs.getCustomJob({ name: cjs[0]?.name as string }))[0].jobSpec?.workerPoolSpecs?.[0]
        ?.containerSpec?.imageUri,
    ).toContain('trainer');

    const pipelines = gax(v1.PipelineServiceClient);
    const tp = vertex(sim, 'trainingPipelines');
    const tps = await collect(pipelines.listTrainingPipelinesAsync({ parent: tp.parent }));
    expect(tps.length).toBe(tp.items.length);
    const inputs = tps[0]?.trainingTaskInputs?.structValue?.fields;
    expect(inputs?.serviceAccount?.stringValue).toContain('vertex-runner@');
    expect((await pipelines.getTrainingPipeline({ name: tps[0]?.name as string }))[0].state).toBe(
      'PIPELINE_STATE_SUCCEEDED',
    );

    const featurestores = gax(v1.FeaturestoreServiceClient);
    const fs = vertex(sim, 'featurestores');
    const [fsl] = await featurestores.listFeaturestores({ parent: fs.parent });
    expect(fsl.length).toBe(fs.items.length);
    expect((await featurestores.getFeaturestore({ name: fsl[0]?.name as string }))[0].state).toBe('STABLE');
  });

  it('serves the Locations mixin', async () => {
    const client = gax(v1.EndpointServiceClient);
    const project = sim.state.projects[0]?.projectId as string;
    const locations = await collect(client.listLocationsAsync({ name: `projects/${project}` }));
    expect(locations.map((l) => l.locationId)).toContain('us-central1');
  });

  it('serves Cloud Resource Manager organizations, folders, projects and IAM policies', async () => {
    const orgs = gax(OrganizationsClient);
    const [orgList] = await orgs.searchOrganizations({});
    expect(orgList.map((o) => o.name)).toEqual([sim.state.organization.name]);
    expect((await orgs.getOrganization({ name: sim.state.organization.name as string }))[0].displayName).toBe(
      'contoso.example',
    );

    const folders = gax(FoldersClient);
    const [listed] = await folders.listFolders({ parent: sim.state.organization.name as string });
    expect(listed.map((f) => f.displayName)).toEqual(['AI Platform', 'Research']);
    const [searched] = await folders.searchFolders({ query: 'displayName=Research' });
    expect(searched.map((f) => f.displayName)).toEqual(['Research']);
    expect((await folders.getFolder({ name: listed[0]?.name as string }))[0].parent).toBe(
      sim.state.organization.name,
    );

    const projects = gax(ProjectsClient);
    const all = await collect(projects.searchProjectsAsync({}));
    expect(all.map((p) => p.projectId)).toEqual(sim.state.projects.map((p) => p.projectId));
    const underFirst = await collect(projects.listProjectsAsync({ parent: listed[0]?.name as string }));
    expect(underFirst.length).toBeGreaterThan(0);
    expect(underFirst.every((p) => p.parent === listed[0]?.name)).toBe(true);
    const p0 = sim.state.projects[0];
    expect((await projects.getProject({ name: `projects/${p0?.projectId}` }))[0].name).toBe(
      `projects/${p0?.projectNumber}`,
    );
    const [policy] = await projects.getIamPolicy({
      resource: `projects/${p0?.projectId}`,
      options: { requestedPolicyVersion: 3 },
    });
    expect(policy.bindings?.find((b) => b.role === 'roles/owner')?.members).toContain(
      `serviceAccount:ci-deployer@${p0?.projectId}.iam.gserviceaccount.com`,
    );
  });

  it('serves IAM service accounts and user-managed keys, and Workbench instances, over REST', async () => {
    const project = sim.state.projects[0]?.projectId as string;
    const accounts: { email: string }[] = [];
    let pageToken: string | undefined;
    do {
      const res: { data: { accounts: { email: string }[]; nextPageToken?: string } } =
        await sim.authClient.request({
          url: `${sim.baseUrl}/v1/projects/${project}/serviceAccounts`,
          params: { pageSize: 2, ...(pageToken ? { pageToken } : {}) },
        });
      accounts.push(...res.data.accounts);
      pageToken = res.data.nextPageToken;
    } while (pageToken);
    expect(accounts.map((a) => a.email)).toEqual(sim.state.serviceAccounts[project]?.map((a) => a.email));
    const deployer = accounts.find((a) => a.email.startsWith('ci-deployer@'))?.email as string;
    const keys = await sim.authClient.request<{ keys: { keyType: string; name: string }[] }>({
      url: `${sim.baseUrl}/v1/projects/${project}/serviceAccounts/${deployer}/keys?keyTypes=USER_MANAGED`,
    });
    expect(keys.data.keys.map((k) => k.keyType)).toEqual(['USER_MANAGED']);
    const sa = await sim.authClient.request<{ uniqueId: string }>({
      url: `${sim.baseUrl}/v1/projects/${project}/serviceAccounts/${deployer}`,
    });
    expect(sa.data.uniqueId).toMatch(/^\d+$/);

    type Instance = {
      name: string;
      gceSetup: { disablePublicIp: boolean; metadata: Record<string, string> };
    };
    const instances: Instance[] = [];
    pageToken = undefined;
    do {
      const res: { data: { instances?: Instance[]; nextPageToken?: string } } = await sim.authClient.request({
        url: `${sim.baseUrl}/v2/projects/${project}/locations/-/instances`,
        params: pageToken ? { pageToken } : {},
      });
      instances.push(...(res.data.instances ?? []));
      pageToken = res.data.nextPageToken;
    } while (pageToken);
    expect(instances.length).toBe(scaleParams('small').workloadsPerAccount);
    expect(typeof instances[0]?.gceSetup.disablePublicIp).toBe('boolean');
    expect(instances[0]?.gceSetup.metadata['startup-script']).toContain('#!/bin/bash');
    const one = await sim.authClient.request<{ name: string }>({
      url: `${sim.baseUrl}/v2/${instances[0]?.name}`,
    });
    expect(one.data.name).toBe(instances[0]?.name);
  });

  it('serves API keys by project id or number, paged, never with their key strings', async () => {
    const project = sim.state.projects.find((p) => (p.apiKeys?.length ?? 0) > 1);
    if (!project) throw new Error('no project with several API keys');
    const keys: { name: string; keyString?: string }[] = [];
    let pageToken: string | undefined;
    do {
      const res: { data: { keys: { name: string }[]; nextPageToken?: string } } =
        await sim.authClient.request({
          url: `${sim.baseUrl}/v2/projects/${project.projectNumber}/locations/global/keys`,
          params: { pageSize: 1, ...(pageToken ? { pageToken } : {}) },
        });
      expect(res.data.keys).toHaveLength(1);
      keys.push(...res.data.keys);
      pageToken = res.data.nextPageToken;
    } while (pageToken);
    expect(keys.map((k) => k.name)).toEqual(project.apiKeys?.map((k) => k.name));
    expect(
      keys.every((k) => k.name.startsWith(`projects/${project.projectNumber}/locations/global/keys/`)),
    ).toBe(true);
    expect(keys.filter((k) => k.keyString !== undefined)).toEqual([]);
    const byId = await sim.authClient.request<{ keys: unknown[] }>({
      url: `${sim.baseUrl}/v2/projects/${project.projectId}/locations/global/keys`,
      params: { pageSize: 100 },
    });
    expect(byId.data.keys).toHaveLength(keys.length);
    const unknown = await sim.authClient
      .request({ url: `${sim.baseUrl}/v2/projects/no-such-project/locations/global/keys` })
      .catch((e: { status?: number }) => e);
    expect(unknown).toMatchObject({ status: 403 });
  });

  it('serves Cloud Storage buckets, bucket metadata and bucket IAM', async () => {
    const project = sim.state.projects[0];
    const storage = new Storage({
      apiEndpoint: sim.baseUrl,
      authClient: sim.authClient,
      projectId: project?.projectId,
      useAuthWithCustomEndpoint: true,
    });
    const [buckets] = await storage.getBuckets();
    const expected = sim.state.buckets.filter((b) => b.projectNumber === project?.projectNumber);
    expect(buckets.map((b) => b.name)).toEqual(expected.map((b) => b.name));
    const [meta] = await storage.bucket(buckets[0]?.name as string).getMetadata();
    expect(['enforced', 'inherited']).toContain(meta.iamConfiguration?.publicAccessPrevention);
    expect(typeof meta.iamConfiguration?.uniformBucketLevelAccess?.enabled).toBe('boolean');
    const publicBucket = sim.state.buckets.find((b) =>
      JSON.stringify(sim.state.bucketIam[String(b.name)]).includes('allUsers'),
    );
    const [policy] = await storage.bucket(publicBucket?.name as string).iam.getPolicy();
    expect(policy.bindings.flatMap((b) => b.members)).toContain('allUsers');
    await expect(storage.bucket('no-such-bucket').getMetadata()).rejects.toMatchObject({ code: 404 });
  });

  it('answers 404 and bad page tokens in Google error format', async () => {
    const client = gax(v1.ModelServiceClient);
    const { parent } = vertex(sim, 'models');
    const notFound = await client.getModel({ name: `${parent}/models/404404` }).catch((e: unknown) => e);
    expect(notFound).toMatchObject({ code: 404, status: 404 });
    expect(String((notFound as Error).message)).toContain('NOT_FOUND');
    const token = (await sim.authClient.getAccessToken()).token;
    const bad = await fetch(`${sim.baseUrl}/v1/${parent}/models?pageToken=garbage`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { status: 'INVALID_ARGUMENT' } });
    const unknownProject = await fetch(`${sim.baseUrl}/v1/projects/nope/locations/us-central1/endpoints`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(unknownProject.status).toBe(403);
    const unmodelled = await fetch(`${sim.baseUrl}/v1/${parent}/ragCorpora`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await unmodelled.json()).toEqual({});
    const bogus = await fetch(`${sim.baseUrl}/v1/${parent}/bogusThings`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bogus.status).toBe(404);
  });
});

describe('GCP simulator faults and limits', () => {
  it('answers 429 RESOURCE_EXHAUSTED, which the REST client surfaces without retrying', async () => {
    const limiter = new RateLimiter(true, 1, [['gcp:*', { ratePerSec: 0.01, burst: 1, shared: 'read' }]]);
    const sim = await startGcp({ limiter });
    try {
      const client = new v1.EndpointServiceClient(sim.gaxOptions);
      const { parent } = vertex(sim, 'endpoints');
      await client.listEndpoints({ parent });
      const err = (await client.listEndpoints({ parent }).catch((e: unknown) => e)) as {
        code?: number;
        status?: number;
        message: string;
      };
      // gax 5 REST calls go through google-auth-library 10's fetch, which throws a GaxiosError carrying the
      // HTTP status (429) before gax could map RESOURCE_EXHAUSTED to gRPC code 8.
      expect(err).toBeInstanceOf(Error);
      expect(err).toMatchObject({ code: 429, status: 429 });
      expect(err.message).toContain('RESOURCE_EXHAUSTED');
      expect(limiter.stats().find((s) => s.operation === 'aiplatform:ListEndpoints')?.throttled).toBe(1);
    } finally {
      await sim.close();
    }
  });

  it('answers 403 for denied operations and keeps paging endlessly when told to', async () => {
    const sim = await startGcp({
      faults: { denied: ['iam:ListServiceAccountKeys'], endlessPagination: ['aiplatform:ListModels'] },
    });
    try {
      const project = sim.state.projects[0]?.projectId as string;
      const email = sim.state.serviceAccounts[project]?.[0]?.email as string;
      const denied = await sim.authClient
        .request({ url: `${sim.baseUrl}/v1/projects/${project}/serviceAccounts/${email}/keys` })
        .catch((e: { status?: number; response?: { data: unknown } }) => e);
      expect(denied).toMatchObject({
        status: 403,
        response: { data: { error: { status: 'PERMISSION_DENIED' } } },
      });
      const client = new v1.ModelServiceClient(sim.gaxOptions);
      const { parent } = vertex(sim, 'models');
      let seen = 0;
      for await (const _ of client.listModelsAsync({ parent })) if (++seen >= 25) break;
      expect(seen).toBe(25);
    } finally {
      await sim.close();
    }
  });
});

describe('GCP simulator damaged responses', () => {
  it('fails a call whose connection is reset, without retrying in REST mode', async () => {
    const sim = await startGcp({ faults: { resetRate: 1, seed: 2 } });
    try {
      const token = (await sim.authClient.getAccessToken()).token;
      const project = sim.state.projects[0]?.projectId as string;
      await expect(
        fetch(`${sim.baseUrl}/v3/projects/${project}`, { headers: { authorization: `Bearer ${token}` } }),
      ).rejects.toThrow();
      expect(sim.faults.stats().reset).toBe(1);
    } finally {
      await sim.close();
    }
  });
});

describe('GCP estate', () => {
  it('is deterministic per seed and plants every GCP concept', () => {
    const a = generateGcpEstate(new Rng(3).fork('gcp'), scaleParams('small'));
    const b = generateGcpEstate(new Rng(3).fork('gcp'), scaleParams('small'));
    const c = generateGcpEstate(new Rng(4).fork('gcp'), scaleParams('small'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.state)).not.toBe(JSON.stringify(c.state));
    const concepts = new Set(a.truth.risks.map((r) => r.concept));
    for (const concept of [
      'endpoint-public-access',
      'vector-store-public-network',
      'no-cmk-encryption',
      'identity-long-lived-key',
      'identity-primitive-role',
      'data-store-public',
      'notebook-direct-internet',
      'secret-in-notebook-startup',
      'model-unpinned-public-source',
      'ai-api-key-long-term',
      'api-key-unrestricted',
    ]) {
      expect(concepts).toContain(concept);
    }
    expect([...concepts].every((x) => RISK_CONCEPT_IDS.includes(x))).toBe(true);
    const ids = new Set(a.truth.assets.map((x) => x.id));
    const risky = new Set(a.truth.risks.map((r) => r.assetId));
    expect(a.truth.clean.every((id) => ids.has(id) && !risky.has(id))).toBe(true);
    for (const e of a.truth.edges) {
      if (!e.from.startsWith('aispm:')) expect(ids.has(e.from), e.from).toBe(true);
      expect(ids.has(e.to), e.to).toBe(true);
    }
    expect(a.truth.assets.every((x) => x.id.startsWith('//'))).toBe(true);
  });

  it('names every Vertex asset as the API names it', () => {
    const { state, truth } = generateGcpEstate(new Rng(9), scaleParams('small'));
    const names = new Set(
      Object.values(state.collections).flatMap((list) => list.map((o) => String(o.name))),
    );
    const vertexAssets = truth.assets.filter(
      (a) =>
        a.id.startsWith('//aiplatform.googleapis.com/') || a.id.startsWith('//notebooks.googleapis.com/'),
    );
    expect(vertexAssets.length).toBeGreaterThan(20);
    for (const asset of vertexAssets) expect(names.has(asset.id.replace(/^\/\/[^/]+\//, ''))).toBe(true);
  });
});
