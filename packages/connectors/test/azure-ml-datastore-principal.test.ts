import { readFileSync } from 'node:fs';
import type { Datastore } from '@azure/arm-machinelearning';
import { describe, expect, it } from 'vitest';
import type { RawMachineLearning } from '../src/azure/machine-learning/fetch.ts';
import { normalizeMachineLearning } from '../src/azure/machine-learning/normalize.ts';
import { datastoreShape } from '../src/azure/machine-learning/serving-fetch.ts';
import { servicePrincipalAppAssetId } from '../src/azure/machine-learning/serving-normalize.ts';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/azure/${name}.json`, import.meta.url), 'utf8')) as T;

const SUB = 'b12d3111-4a9d-459d-a093-d22964eeee05';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SP_CLIENT = '5e0b8d2c-41f7-4d9a-9b1c-7a3f0e6d2c11';
const CERT_CLIENT = '0a9c3f7e-2b64-4e8d-b1f5-c4d2e9a70b33';
const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmldata01`;

/** Datastores as ARM lists them (ml-datastores.json), one of each principal-based credential and one identity-based. */
describe('Azure ML datastores that sign in as a service principal', () => {
  const listed = fixture<{ value: Datastore[] }>('ml-datastores').value.map(datastoreShape);
  const raw = fixture<RawMachineLearning>('machine-learning');
  const ws = raw.workspaces[0];
  if (!ws?.workspace.id) throw new Error('fixture has no workspace');
  ws.serving = { onlineEndpoints: [], datastores: listed };
  raw.storageAccounts = [STORAGE];
  const b = normalizeMachineLearning(raw, { subscriptionId: SUB });
  const ds = (name: string) => {
    const id = `${ws.workspace.id}/datastores/${name}`.toLowerCase();
    const a = b.assets.find((x) => x.id === id);
    if (!a) throw new Error(`no datastore ${id}`);
    return a;
  };

  it('keeps the principal (client and tenant ids), never its secret or certificate', () => {
    expect(JSON.stringify(listed)).not.toMatch(/planted|"secrets"/);
    expect(JSON.stringify(b)).not.toMatch(/planted|"secrets"/);
    const sp = ds('vendorexports');
    expect(sp.properties).toMatchObject({
      credentialsType: 'ServicePrincipal',
      servicePrincipal: { clientId: SP_CLIENT, tenantId: TENANT, resourceUrl: 'https://storage.azure.com/' },
    });
    expect(sp.properties.facts).toMatchObject({ credentialType: 'oauth' });
    expect(ds('claimsarchive').properties.facts).toMatchObject({ credentialType: 'oauth' });
  });

  it('draws runs-as datastore → the service principal identity, beside reads-from the storage it reaches', () => {
    const principal = servicePrincipalAppAssetId(SP_CLIENT);
    const runsAs = b.edges.filter((e) => e.kind === 'runs-as' && e.from === ds('vendorexports').id);
    expect(runsAs.map((e) => [e.to, e.properties])).toEqual([
      [
        principal,
        {
          via: 'datastore-credentials',
          credentialsType: 'ServicePrincipal',
          clientId: SP_CLIENT,
          tenantId: TENANT,
        },
      ],
    ]);
    expect(
      b.edges.some(
        (e) =>
          e.kind === 'reads-from' &&
          e.from === ds('vendorexports').id &&
          e.to === `${STORAGE}/blobServices/default/containers/vendor-exports`.toLowerCase(),
      ),
    ).toBe(true);
    expect(b.assets.find((a) => a.id === principal)).toMatchObject({
      kind: 'identity',
      nativeType: 'Microsoft.Graph/servicePrincipals',
      accountId: SUB,
      name: SP_CLIENT,
      properties: expect.objectContaining({ appId: SP_CLIENT, tenantId: TENANT }),
    });
    // A certificate datastore names its principal the same way; an identity-based one runs as nobody of its own.
    expect(
      b.edges.some(
        (e) =>
          e.kind === 'runs-as' &&
          e.from === ds('claimsarchive').id &&
          e.to === servicePrincipalAppAssetId(CERT_CLIENT),
      ),
    ).toBe(true);
    expect(b.edges.filter((e) => e.kind === 'runs-as' && e.from === ds('curated').id)).toEqual([]);
  });
});
