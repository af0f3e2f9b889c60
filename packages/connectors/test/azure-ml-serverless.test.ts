import { readFileSync } from 'node:fs';
import { INTERNET_ID } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { listArmGeneric } from '../src/azure/arm.ts';
import type { RawMachineLearning } from '../src/azure/machine-learning/fetch.ts';
import { normalizeMachineLearning } from '../src/azure/machine-learning/normalize.ts';
import {
  type RawServerlessEndpoint,
  SERVERLESS_ENDPOINT_TYPE,
  serverlessKeyAuth,
  serverlessShape,
} from '../src/azure/machine-learning/serverless.ts';
import { PaginationError } from '../src/shared/paging.ts';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/azure/${name}.json`, import.meta.url), 'utf8')) as T;

const SUB = 'b12d3111-4a9d-459d-a093-d22964eeee05';

/** The workspace fixture holding the serverless endpoints ARM lists (ml-serverless-endpoints.json). */
function normalized(workspacePublic: boolean) {
  const listed = fixture<{ value: RawServerlessEndpoint[] }>('ml-serverless-endpoints').value.map(
    serverlessShape,
  );
  const raw = fixture<RawMachineLearning>('machine-learning');
  const ws = raw.workspaces[0];
  if (!ws?.workspace.id) throw new Error('fixture has no workspace');
  ws.workspace.publicNetworkAccess = workspacePublic ? 'Enabled' : 'Disabled';
  ws.serving = { onlineEndpoints: [], datastores: [], serverlessEndpoints: listed };
  const batch = normalizeMachineLearning(raw, { subscriptionId: SUB });
  const wsId = ws.workspace.id.toLowerCase();
  const ep = (name: string) => {
    const a = batch.assets.find((x) => x.id === `${wsId}/serverlessendpoints/${name}`);
    if (!a) throw new Error(`no serverless endpoint ${name}`);
    return a;
  };
  return { batch, wsId, ep, listed };
}

describe('Azure ML serverless endpoints (models as a service)', () => {
  it('keeps the documented fields and drops the inference headers', () => {
    const { listed } = normalized(false);
    expect(JSON.stringify(listed)).not.toMatch(/planted|headers|systemData/);
    expect(listed[0]?.properties).toEqual({
      authMode: 'Key',
      contentSafety: { contentSafetyStatus: 'Disabled' },
      endpointState: 'Online',
      inferenceEndpoint: { uri: 'https://copilot-llama-key.eastus.models.ai.azure.com' },
      marketplaceSubscriptionId: expect.stringContaining('/marketplaceSubscriptions/'),
      modelSettings: { modelId: 'azureml://registries/azureml-meta/models/Meta-Llama-3.1-8B-Instruct' },
      provisioningState: 'Succeeded',
    });
  });

  it('types each as an inference endpoint with the key-auth, content-safety and generative facts', () => {
    const { ep, wsId, batch } = normalized(false);
    const key = ep('copilot-llama-key');
    expect(key).toMatchObject({
      kind: 'inference-endpoint',
      nativeType: SERVERLESS_ENDPOINT_TYPE,
      region: 'eastus',
    });
    expect(key.properties).toMatchObject({
      workspaceId: wsId,
      authMode: 'Key',
      contentSafetyStatus: 'Disabled',
      modelId: 'azureml://registries/azureml-meta/models/Meta-Llama-3.1-8B-Instruct',
      publicNetworkAccess: false,
    });
    expect(key.properties.facts).toMatchObject({
      localAuthEnabled: true,
      contentSafetyEnabled: false,
      servesGenerativeModel: true,
      publicNetworkAccess: false,
      encryption: { $unknown: expect.any(String) },
      dataCaptureEnabled: { $unknown: expect.any(String) },
    });
    expect(ep('copilot-llama-aad').properties.facts).toMatchObject({
      localAuthEnabled: false,
      contentSafetyEnabled: true,
      servesGenerativeModel: true,
    });
    // KeyAndAAD still hands out keys; an embedding model takes text but generates none.
    expect(ep('copilot-mistral').properties.facts).toMatchObject({ localAuthEnabled: true });
    expect(ep('copilot-embed').properties.facts).toMatchObject({ servesGenerativeModel: false });
    const contains = batch.edges.filter((e) => e.kind === 'contains' && e.from === wsId).map((e) => e.to);
    expect(contains).toEqual(expect.arrayContaining([key.id, ep('copilot-llama-aad').id]));
    expect(batch.edges.some((e) => e.kind === 'exposed-to-internet' && e.to === key.id)).toBe(false);
  });

  it('follows the workspace into the internet when its public network access is on', () => {
    const { ep, batch } = normalized(true);
    const key = ep('copilot-llama-key');
    expect(key.properties.facts).toMatchObject({ publicNetworkAccess: true });
    expect(batch.edges).toContainEqual(
      expect.objectContaining({ kind: 'exposed-to-internet', from: INTERNET_ID, to: key.id }),
    );
    expect(batch.assets.some((a) => a.id === INTERNET_ID)).toBe(true);
  });

  it('reads auth modes case-insensitively and leaves unknown ones unsaid', () => {
    expect(serverlessKeyAuth('Key')).toBe(true);
    expect(serverlessKeyAuth('KeyAndAAD')).toBe(true);
    expect(serverlessKeyAuth('aad')).toBe(false);
    expect(serverlessKeyAuth('Managed')).toBeUndefined();
    expect(serverlessKeyAuth(undefined)).toBeUndefined();
  });
});

describe('listArmGeneric', () => {
  /** A getById that answers pages by path; records the paths it was asked for. */
  function client(pages: Record<string, { value: unknown[]; nextLink?: string }>) {
    const asked: string[] = [];
    return {
      asked,
      resources: {
        async getById(id: string, apiVersion: string) {
          asked.push(`${id}|${apiVersion}`);
          const page = pages[id];
          if (!page) throw new Error(`unexpected ${id}`);
          return page;
        },
      },
    };
  }

  it('follows nextLink as a path with its query, without a second api-version', async () => {
    const c = client({
      '/ws/serverlessEndpoints': {
        value: [{ id: 'a' }],
        nextLink: 'https://127.0.0.1:9/ws/serverlessEndpoints?api-version=2024-04-01&$skiptoken=1',
      },
      '/ws/serverlessEndpoints?%24skiptoken=1': { value: [{ id: 'b' }] },
    });
    expect(await listArmGeneric(c, '/ws/serverlessEndpoints', '2024-04-01', {})).toEqual([
      { id: 'a' },
      { id: 'b' },
    ]);
    expect(c.asked).toEqual([
      '/ws/serverlessEndpoints|2024-04-01',
      '/ws/serverlessEndpoints?%24skiptoken=1|2024-04-01',
    ]);
  });

  it('fails a listing whose nextLink comes back', async () => {
    const loop = 'https://127.0.0.1:9/ws/x?api-version=1&$skiptoken=1';
    const c = client({
      '/ws/x': { value: [{ id: 'a' }], nextLink: loop },
      '/ws/x?%24skiptoken=1': { value: [{ id: 'b' }], nextLink: loop },
    });
    await expect(listArmGeneric(c, '/ws/x', '1', {})).rejects.toBeInstanceOf(PaginationError);
  });
});
