import { readFileSync } from 'node:fs';
import { type CloudSim, startCloudSim } from '@aispm/cloud-sim';
import { kindOf } from '@aispm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawApiKey } from '../src/gcp/api-keys/fetch.ts';
import { normalizeApiKeys } from '../src/gcp/api-keys/normalize.ts';
import { createGcpConnector } from '../src/gcp/index.ts';
import type { GcpNormalizeScope } from '../src/gcp/service.ts';
import { runConnector } from './helpers/driver.ts';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/gcp/${name}.json`, import.meta.url), 'utf8')) as T;
}
const scope = fixture<GcpNormalizeScope>('scope');
const NUMBER = scope.projects.projectNumber;
const keyId = (uid: string) => `//apikeys.googleapis.com/projects/${NUMBER}/locations/global/keys/${uid}`;
const isApiKey = (id: string) => id.startsWith('//apikeys.googleapis.com/');

describe('GCP API keys normaliser (recorded ListKeys payload)', () => {
  const b = normalizeApiKeys(fixture<RawApiKey[]>('api-keys'), scope);
  const byName = (name: string) => {
    const a = b.assets.find((x) => x.name === name);
    if (!a) throw new Error(`no key named ${name}`);
    return a;
  };

  it('emits every key as an access-key of the project, under its full resource name', () => {
    expect(b.assets.map((a) => a.id)).toEqual([
      keyId('6d1f0a52-9c3b-4e7a-b8d2-3f4e5a6b7c8d'),
      keyId('0b9e8d7c-6f5a-4b3c-a2d1-e0f9a8b7c6d5'),
      keyId('a4c3b2d1-e0f9-4a8b-9c7d-6e5f4a3b2c1d'),
      keyId('f7e6d5c4-b3a2-4918-8f7e-6d5c4b3a2918'),
      keyId('2c1d0e9f-8a7b-4c6d-b5e4-f3a2b1c0d9e8'),
    ]);
    for (const a of b.assets) {
      expect(a).toMatchObject({ kind: 'access-key', accountId: scope.projectId, region: 'global' });
      expect(kindOf('gcp', a.nativeType)).toBe('access-key');
      expect(b.edges).toContainEqual(
        expect.objectContaining({
          kind: 'contains',
          from: `//cloudresourcemanager.googleapis.com/projects/${NUMBER}`,
          to: a.id,
        }),
      );
    }
    // No display name: the key is named by its uid.
    expect(b.assets[4]?.name).toBe('2c1d0e9f-8a7b-4c6d-b5e4-f3a2b1c0d9e8');
  });

  it('keeps the API targets and caller restriction, and derives the AI service and the missing expiry', () => {
    const gemini = byName('Gemini prototyping');
    expect(gemini.properties).toMatchObject({
      apiTargets: ['generativelanguage.googleapis.com'],
      restricted: true,
      createTime: '2025-03-04T10:21:55.903122Z',
    });
    expect(gemini.properties.clientRestriction).toBeUndefined();
    expect(gemini.properties.facts).toEqual({
      active: true,
      aiService: 'gemini',
      expires: false,
      unrestricted: false,
    });
    expect(byName('Vertex AI express').properties).toMatchObject({
      clientRestriction: 'server',
      serviceAccountEmail: `vertex-runner@${scope.projectId}.iam.gserviceaccount.com`,
      facts: { aiService: 'vertex-ai', expires: false },
    });
    expect(byName('API key 1').properties).toMatchObject({
      apiTargets: [],
      restricted: false,
      facts: { active: true, expires: false, unrestricted: true },
    });
    expect(byName('API key 1').properties.facts).not.toHaveProperty('aiService');
    const maps = byName('Store locator (Maps)');
    expect(maps.properties).toMatchObject({ clientRestriction: 'browser', restricted: true });
    expect(maps.properties.facts).not.toHaveProperty('aiService');
    // The first AI API among the targets names the service (Firebase AI Logic's is not a model API of its own).
    expect(b.assets[4]?.properties).toMatchObject({
      clientRestriction: 'android',
      facts: { aiService: 'gemini' },
    });
  });

  it('links a bound key to its service account with has-key, and no other key', () => {
    const hasKey = b.edges.filter((e) => e.kind === 'has-key');
    expect(hasKey).toEqual([
      expect.objectContaining({
        from: `//iam.googleapis.com/projects/${scope.projectId}/serviceAccounts/vertex-runner@${scope.projectId}.iam.gserviceaccount.com`,
        to: byName('Vertex AI express').id,
      }),
    ]);
  });

  it('never stores a key string, even when a payload carries one', () => {
    const [first] = fixture<RawApiKey[]>('api-keys');
    const leaked = normalizeApiKeys(
      [{ ...first, keyString: 'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe' }],
      scope,
    );
    expect(JSON.stringify(leaked)).not.toContain('AIzaSy');
  });
});

describe('GCP API keys against cloud-sim (small estate)', () => {
  let sim: CloudSim;
  const connector = () => {
    const gcp = sim.gcp;
    if (!gcp) throw new Error('cloud-sim started without GCP');
    const oauth = (
      sim.estate.gcp as { oauthClient: { clientId: string; clientSecret: string; refreshToken: string } }
    ).oauthClient;
    return createGcpConnector({
      apiEndpoint: gcp.apiEndpoint,
      credentials: {
        type: 'authorized_user',
        client_id: oauth.clientId,
        client_secret: oauth.clientSecret,
        refresh_token: oauth.refreshToken,
      },
      // Every Vertex region of the estate, so the rest of the scan is whole.
      locations: [
        ...new Set(
          sim.manifest.assets
            .filter((a) => a.id.startsWith('//aiplatform.googleapis.com/'))
            .map((a) => a.region),
        ),
      ],
    });
  };
  beforeAll(async () => {
    sim = await startCloudSim({ seed: 7, scale: 'small', port: 0, rateLimits: false, providers: ['gcp'] });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('imports every planted key with its facts, and the bound key under its service account', async () => {
    const result = await runConnector(connector());
    expect(result.errors).toEqual([]);
    const want = sim.manifest.assets.filter((a) => isApiKey(a.id));
    const got = [...result.graph.assetsById.values()].filter((a) => isApiKey(a.id));
    expect(got.map((a) => `${a.accountId} ${a.name}`).sort()).toEqual(
      want.map((a) => `${a.accountId} ${a.name}`).sort(),
    );
    const risks = new Map(sim.manifest.risks.map((r) => [r.assetId, r.concept]));
    for (const a of got) {
      const facts = a.properties.facts as { aiService?: string; unrestricted?: boolean; expires?: boolean };
      expect(facts.expires).toBe(false);
      expect(facts.aiService !== undefined, a.name).toBe(risks.get(a.id) === 'ai-api-key-long-term');
      expect(facts.unrestricted, a.name).toBe(risks.get(a.id) === 'api-key-unrestricted');
    }
    const bound = [...result.graph.edgesByKey.values()].filter((e) => e.kind === 'has-key' && isApiKey(e.to));
    expect(bound.map((e) => `${e.from} ${e.to}`)).toEqual(
      sim.manifest.edges
        .filter((e) => e.kind === 'has-key' && isApiKey(e.to))
        .map((e) => `${e.from} ${e.to}`),
    );
    expect(bound.length).toBeGreaterThan(0);
  });

  it('keeps a denied or disabled API Keys API to a coverage gap and the rest of the scan', async () => {
    const projects = sim.manifest.assets.filter(
      (a) => a.provider === 'gcp' && a.nativeType === 'cloudresourcemanager.googleapis.com/Project',
    );
    const [first, second] = projects.map((p) => p.accountId);
    if (!first || !second) throw new Error('the small estate has two projects');
    sim.faults.place({ denied: [`apikeys:ListKeys@${first}`], notEnabled: [`apikeys:ListKeys@${second}`] });
    try {
      const result = await runConnector(connector());
      expect(result.errors).toEqual([]);
      const gaps = result.gaps.filter((g) => g.operation === 'projects.locations.keys.list');
      expect(gaps.map((g) => [g.accountId, g.errorCode]).sort()).toEqual(
        [
          [first, 'PERMISSION_DENIED'],
          [second, 'SERVICE_DISABLED'],
        ].sort(),
      );
      for (const g of gaps)
        expect(g).toMatchObject({ service: 'api-keys', scope: 'list', permission: 'apikeys.keys.list' });
      const ids = new Set(result.graph.assetsById.keys());
      expect([...ids].filter(isApiKey)).toEqual([]);
      // Everything else of the estate is still imported.
      const others = sim.manifest.assets
        .filter((a) => a.provider === 'gcp' && !isApiKey(a.id))
        .map((a) => a.id);
      expect(others.filter((id) => !ids.has(id))).toEqual([]);
    } finally {
      sim.faults.place({});
    }
  });
});
