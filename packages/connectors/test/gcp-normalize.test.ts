import { readFileSync } from 'node:fs';
import { ASSET_KINDS, externalPrincipalId, type GraphBatch, INTERNET_ID, kindOf } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { expandProjectAccess } from '../src/gcp/access/index.ts';
import { kmsKeyAssetId, networkAssetId, serviceAccountIdOfEmail } from '../src/gcp/asset.ts';
import { resolveGcpOptions } from '../src/gcp/clients.ts';
import type { RawIam } from '../src/gcp/iam/fetch.ts';
import { normalizeIam } from '../src/gcp/iam/normalize.ts';
import { gcpRoleAccess } from '../src/gcp/iam/roles.ts';
import { fromProtoValue } from '../src/gcp/json.ts';
import { normalizeReferences } from '../src/gcp/references/index.ts';
import type { RawResourceManager } from '../src/gcp/resource-manager/fetch.ts';
import { normalizeResourceManager } from '../src/gcp/resource-manager/normalize.ts';
import type { GcpNormalizeScope } from '../src/gcp/service.ts';
import { isRetryableGcpError, withGcpRetry } from '../src/gcp/service.ts';
import type { RawStorage } from '../src/gcp/storage/fetch.ts';
import { normalizeStorage } from '../src/gcp/storage/normalize.ts';
import type { RawVertex } from '../src/gcp/vertex-ai/fetch.ts';
import { modelSource, normalizeVertex } from '../src/gcp/vertex-ai/normalize.ts';
import type { RawWorkbench } from '../src/gcp/workbench/fetch.ts';
import { normalizeWorkbench } from '../src/gcp/workbench/normalize.ts';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/gcp/${name}.json`, import.meta.url), 'utf8')) as T;
}
const scope = fixture<GcpNormalizeScope>('scope');
const PROJECT = scope.projectId;
const NUMBER = scope.projects.projectNumber;
const projectAsset = `//cloudresourcemanager.googleapis.com/projects/${NUMBER}`;
const runner = `//iam.googleapis.com/projects/${PROJECT}/serviceAccounts/vertex-runner@${PROJECT}.iam.gserviceaccount.com`;
const vpc = `//compute.googleapis.com/projects/${PROJECT}/global/networks/ai-vpc`;
const has = (b: GraphBatch, kind: string, from: string, to: string) =>
  b.edges.some((e) => e.kind === kind && e.from === from && e.to === to);
const byName = (b: GraphBatch, name: string) => {
  const a = b.assets.find((x) => x.name === name);
  if (!a) throw new Error(`no asset named ${name}`);
  return a;
};
function expectWellFormed(b: GraphBatch) {
  for (const a of b.assets) {
    expect(Object.keys(ASSET_KINDS)).toContain(a.kind);
    if (a.id.startsWith('//')) expect(kindOf('gcp', a.nativeType)).toBe(a.kind);
  }
}

describe('GCP Vertex AI normaliser', () => {
  const raw = fixture<RawVertex>('vertex-ai');
  const b = normalizeVertex(raw, scope);

  it('emits every resource under its full resource name, in the project', () => {
    expectWellFormed(b);
    expect(b.assets.filter((a) => a.id.startsWith('//aiplatform.googleapis.com/'))).toHaveLength(17);
    for (const a of b.assets.filter((x) => x.id.startsWith('//aiplatform'))) {
      expect(a).toMatchObject({ accountId: PROJECT, region: 'us-central1' });
      expect(has(b, 'contains', projectAsset, a.id)).toBe(true);
    }
    expect(byName(b, 'churn_features').kind).toBe('feature-store');
  });

  it('links endpoints to models, models to pipelines and datasets, pipelines to their identity', () => {
    const endpoint = byName(b, 'churn-endpoint');
    const model = byName(b, 'churn-model');
    const pipeline = byName(b, 'churn-train');
    const dataset = byName(b, 'churn-training-set');
    expect(has(b, 'serves', endpoint.id, model.id)).toBe(true);
    expect(has(b, 'produced-by', model.id, pipeline.id)).toBe(true);
    expect(has(b, 'trained-on', model.id, dataset.id)).toBe(true);
    expect(has(b, 'trained-on', model.id, `//storage.googleapis.com/${PROJECT}-churn-training`)).toBe(true);
    expect(has(b, 'runs-as', pipeline.id, runner)).toBe(true);
    expect(has(b, 'runs-as', endpoint.id, runner)).toBe(true);
    expect(has(b, 'reads-from', dataset.id, `//storage.googleapis.com/${PROJECT}-churn-training`)).toBe(true);
  });

  it('separates private endpoints (in the VPC) from public dedicated ones', () => {
    const priv = byName(b, 'churn-endpoint');
    const pub = byName(b, 'recsys-endpoint');
    expect(has(b, 'in-network', priv.id, vpc)).toBe(true);
    expect(priv.properties).toMatchObject({ publicNetworkAccess: false, privateNetwork: true });
    expect(has(b, 'exposed-to-internet', INTERNET_ID, pub.id)).toBe(true);
    expect(pub.properties).toMatchObject({ publicNetworkAccess: true, dedicatedEndpointEnabled: true });
  });

  it('states CMK, data capture and model source facts', () => {
    const churn = byName(b, 'churn-endpoint');
    const recsys = byName(b, 'recsys-endpoint');
    const key = `//cloudkms.googleapis.com/projects/${PROJECT}/locations/us-central1/keyRings/ai-keys/cryptoKeys/cmek-churn`;
    expect(churn.properties.encryption).toEqual({ cmk: true, keyId: key });
    expect(has(b, 'encrypted-by', churn.id, key)).toBe(true);
    expect(recsys.properties.encryption).toEqual({ cmk: false });
    expect(typeof recsys.properties.dataCaptureEnabled).toBe('boolean');
    expect(byName(b, 'recsys-mistral-7b-instruct-v0.3').properties.modelSource).toEqual({
      registry: 'huggingface',
      id: 'mistralai/Mistral-7B-Instruct-v0.3',
    });
    expect(byName(b, 'churn-llama-3.1-8b-instruct').properties.modelSource).toMatchObject({
      revision: expect.any(String),
    });
    expect(modelSource({ env: [{ name: 'OTHER', value: 'x' }] })).toBeUndefined();
  });

  it('decodes google.protobuf.Value fields and passes plain JSON through', () => {
    expect(
      fromProtoValue({
        structValue: {
          fields: {
            a: { stringValue: 'x', kind: 'stringValue' },
            b: {
              listValue: {
                values: [
                  { numberValue: 1, kind: 'numberValue' },
                  { boolValue: false, kind: 'boolValue' },
                ],
              },
              kind: 'listValue',
            },
          },
        },
        kind: 'structValue',
      }),
    ).toEqual({ a: 'x', b: [1, false] });
    expect(fromProtoValue({ serviceAccount: 'sa@p.iam.gserviceaccount.com', n: [1] })).toEqual({
      serviceAccount: 'sa@p.iam.gserviceaccount.com',
      n: [1],
    });
  });
});

describe('GCP Workbench normaliser', () => {
  const raw = fixture<RawWorkbench>('workbench');

  it('states network, root and identity facts per instance (region = zone)', () => {
    const b = normalizeWorkbench(raw, scope);
    expectWellFormed(b);
    const priv = byName(b, 'churn-workbench');
    const pub = byName(b, 'recsys-workbench');
    expect(priv).toMatchObject({
      region: 'us-central1-a',
      properties: { directInternetAccess: false, rootAccess: false, privateNetwork: true },
    });
    expect(pub.properties).toMatchObject({ directInternetAccess: true, rootAccess: true });
    expect(has(b, 'exposed-to-internet', INTERNET_ID, pub.id)).toBe(true);
    expect(has(b, 'exposed-to-internet', INTERNET_ID, priv.id)).toBe(false);
    expect(has(b, 'runs-as', priv.id, runner)).toBe(true);
    expect(has(b, 'in-network', priv.id, vpc)).toBe(true);
    expect(priv.properties.secretFindings).toEqual([]);
  });

  it('redacts secrets in startup scripts and records what was found', () => {
    const leaky = structuredClone(raw);
    const gce = leaky[0]?.gceSetup as { metadata: Record<string, string> };
    const token = `hf_${'x1Y2'.repeat(8)}zz`;
    gce.metadata['startup-script'] = `#!/bin/bash\nexport HF_TOKEN=${token}\n`;
    const b = normalizeWorkbench(leaky, scope);
    const nb = b.assets.find((a) => a.id.endsWith(String(leaky[0]?.name)));
    expect(JSON.stringify(b)).not.toContain(token);
    expect(((nb?.properties.secretFindings ?? []) as { field: string }[]).map((f) => f.field)).toContain(
      'metadata.startup-script',
    );
  });
});

describe('GCP IAM normaliser', () => {
  const raw = fixture<RawIam>('iam');
  const b = normalizeIam(raw, scope);

  it('emits service accounts, their user-managed keys and has-key edges', () => {
    expectWellFormed(b);
    expect(
      b.assets
        .filter((a) => a.kind === 'identity')
        .map((a) => a.name)
        .sort(),
    ).toEqual([
      `${NUMBER}-compute@developer.gserviceaccount.com`,
      `ci-deployer@${PROJECT}.iam.gserviceaccount.com`,
      `vertex-runner@${PROJECT}.iam.gserviceaccount.com`,
    ]);
    const key = b.assets.find((a) => a.kind === 'access-key');
    expect(key?.properties).toMatchObject({ keyType: 'USER_MANAGED', neverExpires: true, status: 'Active' });
    expect(b.edges.filter((e) => e.kind === 'has-key')).toHaveLength(1);
  });

  it('turns primitive roles into can-admin on the project and project grants into scoped edges', () => {
    const deployer = byName(b, `ci-deployer@${PROJECT}.iam.gserviceaccount.com`);
    expect(deployer.properties.primitiveRoles).toEqual(['roles/owner']);
    expect(has(b, 'can-admin', deployer.id, projectAsset)).toBe(true);
    const invoke = b.edges.find((e) => e.kind === 'can-invoke' && e.from === runner);
    expect(invoke).toMatchObject({
      to: projectAsset,
      properties: { scope: 'project', role: 'roles/aiplatform.user' },
    });
    // Groups and users are people, not assets; roles/viewer grants no data access.
    expect(b.edges.some((e) => e.from.includes('group:') || e.from.includes('aispm-scanner'))).toBe(false);
    expect(gcpRoleAccess('roles/viewer')).toEqual([]);
    expect(gcpRoleAccess('roles/storage.objectAdmin')).toEqual(['can-read', 'can-write']);
  });

  it('expands project grants to the endpoints and buckets of the project', () => {
    const endpoints = normalizeVertex(fixture<RawVertex>('vertex-ai'), scope).assets;
    const buckets = normalizeStorage(fixture<RawStorage>('storage'), scope).assets;
    const out = expandProjectAccess(projectAsset, b.edges, [...endpoints, ...buckets]);
    const invokes = out.edges.filter((e) => e.kind === 'can-invoke' && e.from === runner);
    expect(invokes).toHaveLength(2);
    expect(out.edges.filter((e) => e.kind === 'can-read' && e.from === runner)).toHaveLength(6);
    expect(out.edges.some((e) => e.kind === 'can-admin')).toBe(false);
  });
});

describe('GCP Storage normaliser', () => {
  const raw = fixture<RawStorage>('storage');

  it('makes allUser buckets public, readable by the external principal and exposed', () => {
    const b = normalizeStorage(raw, scope);
    expectWellFormed(b);
    const pub = byName(b, `${PROJECT}-recsys-rag-docs`);
    const everyone = externalPrincipalId('gcp', 'allUsers');
    expect(pub.properties).toMatchObject({
      publicNetworkAccess: true,
      policyIsPublic: true,
      publicAccessPrevention: 'inherited',
    });
    expect(has(b, 'can-read', everyone, pub.id)).toBe(true);
    expect(has(b, 'exposed-to-internet', INTERNET_ID, pub.id)).toBe(true);
    expect(b.edges.filter((e) => e.kind === 'exposed-to-internet')).toHaveLength(1);
    expect(byName(b, `${PROJECT}-churn-training`).properties).toMatchObject({
      encryption: { cmk: true },
    });
    expect(byName(b, `${PROJECT}-churn-training`).region).toBe('us-central1');
  });

  it('treats allUsers bindings as inert under enforced public access prevention', () => {
    const enforced = structuredClone(raw);
    for (const { bucket } of enforced.buckets)
      (bucket.iamConfiguration as Record<string, unknown>).publicAccessPrevention = 'enforced';
    const b = normalizeStorage(enforced, scope);
    expect(b.edges.some((e) => e.kind === 'exposed-to-internet')).toBe(false);
    expect(byName(b, `${PROJECT}-recsys-rag-docs`).properties.publicNetworkAccess).toBe(false);
  });
});

describe('GCP discovery, references and ids', () => {
  it('builds org paths and folder → project containment', () => {
    const { accounts, batch } = normalizeResourceManager(fixture<RawResourceManager>('resource-manager'));
    expectWellFormed(batch);
    expect(accounts.length).toBe(2);
    for (const a of accounts) {
      expect(a.orgPath).toHaveLength(2);
      expect(a.connection.projectNumber).toMatch(/^\d+$/);
      const project = `//cloudresourcemanager.googleapis.com/projects/${a.connection.projectNumber}`;
      expect(
        batch.edges.some(
          (e) =>
            e.kind === 'contains' &&
            e.to === project &&
            e.from === `//cloudresourcemanager.googleapis.com/${a.orgPath[1]}`,
        ),
      ).toBe(true);
    }
    expect(
      normalizeResourceManager(fixture<RawResourceManager>('resource-manager'), [PROJECT]).accounts.map(
        (a) => a.accountId,
      ),
    ).toEqual([PROJECT]);
  });

  it('imports referenced keys and networks of its own project only', () => {
    const key = `//cloudkms.googleapis.com/projects/${PROJECT}/locations/us-central1/keyRings/ai-keys/cryptoKeys/k1`;
    const other = '//cloudkms.googleapis.com/projects/someone-else/locations/us/keyRings/r/cryptoKeys/k';
    const b = normalizeReferences(
      { keys: [key, other, key], networks: [vpc] },
      { projectId: PROJECT, projectNumber: NUMBER },
    );
    expect(b.assets.map((a) => [a.id, a.kind, a.region, a.name])).toEqual([
      [key, 'key', 'us-central1', 'k1'],
      [vpc, 'network', 'global', 'ai-vpc'],
    ]);
  });

  it('maps emails, network and key names to asset ids', () => {
    const numberToId = { [NUMBER]: PROJECT };
    expect(serviceAccountIdOfEmail(`${NUMBER}-compute@developer.gserviceaccount.com`, numberToId)).toBe(
      `//iam.googleapis.com/projects/${PROJECT}/serviceAccounts/${NUMBER}-compute@developer.gserviceaccount.com`,
    );
    expect(
      serviceAccountIdOfEmail('service-1@gcp-sa-aiplatform.iam.gserviceaccount.com', numberToId),
    ).toBeUndefined();
    expect(networkAssetId(`projects/${NUMBER}/global/networks/ai-vpc`, numberToId)).toBe(vpc);
    expect(networkAssetId('projects/999/global/networks/x', numberToId)).toBeUndefined();
    expect(kmsKeyAssetId('projects/p/locations/l/keyRings/r/cryptoKeys/k/cryptoKeyVersions/3')).toBe(
      '//cloudkms.googleapis.com/projects/p/locations/l/keyRings/r/cryptoKeys/k',
    );
  });
});

describe('GCP options and retries', () => {
  it('rejects malformed settings with a clear error', () => {
    expect(() => resolveGcpOptions({ apiEndpoint: 'localhost:8080' }, {})).toThrow(/apiEndpoint/);
    expect(() => resolveGcpOptions({ locations: ['moon-1'] }, {})).toThrow(/region/);
    expect(() => resolveGcpOptions({ projects: ['X'] }, {})).toThrow(/project id/);
    expect(() => resolveGcpOptions({ organizationId: 'acme' }, {})).toThrow(/organizationId/);
    expect(() => resolveGcpOptions({ credentials: { type: 'api_key' } }, {})).toThrow(/credentials type/);
    expect(() => resolveGcpOptions({}, { AISPM_GCP_CREDENTIALS_FILE: '/nonexistent/creds.json' })).toThrow(
      /cannot read GCP credentials file/,
    );
    const notJson = new URL('./fixtures/gcp/../../gcp-normalize.test.ts', import.meta.url).pathname;
    expect(() => resolveGcpOptions({ credentialsFile: notJson }, {})).toThrow(/not a JSON object/);
    const scopeFile = new URL('./fixtures/gcp/scope.json', import.meta.url).pathname;
    expect(() => resolveGcpOptions({ credentialsFile: scopeFile }, {})).toThrow(/credentials type/);
  });

  it('configures a plain-http endpoint for gax and REST', () => {
    const o = resolveGcpOptions(
      {},
      { AISPM_GCP_API_ENDPOINT: 'http://127.0.0.1:8123', AISPM_GCP_LOCATIONS: ['us-east1'] },
    );
    expect(o.endpoint).toEqual({
      url: 'http://127.0.0.1:8123',
      host: '127.0.0.1',
      port: 8123,
      protocol: 'http',
    });
    expect(o.oauthTokenUrl).toBe('http://127.0.0.1:8123/token');
    expect(o.locations).toEqual(['us-east1']);
  });

  it('retries throttles and server errors, counting throttles, and gives up on others at once', async () => {
    let calls = 0;
    let throttles = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('quota'), { code: 429 });
      if (calls === 2) throw Object.assign(new Error('unavailable'), { response: { status: 503 } });
      return 'ok';
    };
    await expect(withGcpRetry(flaky, { maxAttempts: 3, onThrottle: () => throttles++ })).resolves.toBe('ok');
    expect({ calls, throttles }).toEqual({ calls: 3, throttles: 1 });

    let denied = 0;
    const forbidden = async () => {
      denied++;
      throw Object.assign(new Error('denied'), { code: 403 });
    };
    await expect(withGcpRetry(forbidden, { maxAttempts: 3, onThrottle: () => {} })).rejects.toThrow('denied');
    expect(denied).toBe(1);

    let attempts = 0;
    const down = async () => {
      attempts++;
      throw Object.assign(new Error('down'), { code: 500 });
    };
    await expect(withGcpRetry(down, { maxAttempts: 2, onThrottle: () => {} })).rejects.toThrow('down');
    expect(attempts).toBe(2);
    expect(isRetryableGcpError({ code: 8 })).toBe('THROTTLING');
    expect(isRetryableGcpError({ code: 404 })).toBeUndefined();
  });
});
