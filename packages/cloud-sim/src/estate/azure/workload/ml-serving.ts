import { INTERNET_ID } from '@aispm/core';
import { guid, id } from '../common.ts';
import type { Workload } from './index.ts';
import type { Storage } from './storage.ts';

const ML = 'Microsoft.MachineLearningServices/workspaces';

/** The ML workspace an online endpoint and datastores are built in. */
export interface MlWorkspaceRef {
  mlwId: string;
  mlwAsset: string;
  /** The workspace is encrypted with a customer-managed key (its online endpoints take the same key). */
  cmk: boolean;
}

/**
 * A managed online endpoint scoring the workspace's model (one `blue` deployment, not an asset: the connector
 * keeps it as the endpoint's properties). Key auth and public network access are the profile's planted risks;
 * the clean twin takes Entra ID tokens, is private and sits in a CMK workspace.
 */
export function mlOnlineEndpoint(wl: Workload, ws: MlWorkspaceRef): void {
  const { truth, add } = wl.sub.t;
  const { subscriptionId, env, location } = wl.sub;
  const { p, app, tags, miAsset, userAssigned } = wl;
  const name = `${app}-${env}-scoring`;
  const epId = `${ws.mlwId}/onlineEndpoints/${name}`;
  const host = `${name}.${location}.inference.ml.azure.com`;
  add({
    id: epId,
    name,
    type: `${ML}/onlineEndpoints`,
    location,
    tags,
    kind: 'Managed',
    identity: userAssigned,
    properties: {
      authMode: p.mlEndpointKeyAuth ? 'Key' : 'AADToken',
      description: `${app} scoring endpoint`,
      publicNetworkAccess: p.mlPublic ? 'Enabled' : 'Disabled',
      provisioningState: 'Succeeded',
      scoringUri: `https://${host}/score`,
      swaggerUri: `https://${host}/swagger.json`,
      traffic: { blue: 100 },
    },
  });
  const model = `${ws.mlwId}/models/${app}-classifier/versions/3`;
  add({
    id: `${epId}/deployments/blue`,
    name: 'blue',
    type: `${ML}/onlineEndpoints/deployments`,
    location,
    tags,
    kind: 'Managed',
    sku: { name: 'Default', tier: 'Standard', capacity: p.mlPublic ? 1 : 2 },
    properties: {
      endpointComputeType: 'Managed',
      model,
      instanceType: 'Standard_DS3_v2',
      appInsightsEnabled: true,
      egressPublicNetworkAccess: p.mlPublic ? 'Enabled' : 'Disabled',
      provisioningState: 'Succeeded',
      environmentId: `${ws.mlwId}/environments/sklearn-serving/versions/1`,
    },
  });
  const epAsset = truth.asset(
    id(epId),
    'inference-endpoint',
    `${ML}/onlineEndpoints`,
    subscriptionId,
    location,
    name,
  );
  truth.edge('contains', ws.mlwAsset, epAsset);
  truth.edge('runs-as', epAsset, miAsset);
  if (p.mlEndpointKeyAuth)
    truth.risk(
      epAsset,
      'endpoint-key-auth',
      `online endpoint ${name} authenticates callers with static keys`,
    );
  if (p.mlPublic) {
    truth.edge('exposed-to-internet', INTERNET_ID, epAsset);
    truth.risk(epAsset, 'endpoint-public-access', `online endpoint ${name} allows public network access`);
  }
  if (!ws.cmk)
    truth.risk(
      epAsset,
      'no-cmk-encryption',
      `online endpoint ${name} is in a workspace without a customer key`,
    );
  if (!p.mlEndpointKeyAuth && !p.mlPublic && ws.cmk) truth.markClean(epAsset);
}

/**
 * The workspace's datastores: `trainingdata` over the training-data container with the profile's credential (an
 * account key or SAS token is the planted risk; the sim serves the secret, as a leaky API would, so a test can hold
 * the connector to dropping it) and its clean twin `ragdocuments`, identity-based, as are two file-share ones.
 */
export function mlDatastores(wl: Workload, ws: MlWorkspaceRef, st: Storage): void {
  const { truth, add } = wl.sub.t;
  const { subscriptionId, location } = wl.sub;
  const { p, wrng } = wl;
  const accountName = st.stId.split('/').pop() as string;
  const secret = wrng.fork('datastore-secret').hex(40);
  const credentials = (type: WorkloadCredential) =>
    type === 'AccountKey'
      ? { credentialsType: 'AccountKey', secrets: { secretsType: 'AccountKey', key: `simkey${secret}==` } }
      : type === 'Sas'
        ? {
            credentialsType: 'Sas',
            secrets: { secretsType: 'Sas', sasToken: `sv=2022-11-02&sig=sim${secret}` },
          }
        : { credentialsType: 'None' };
  // The two system file shares beside them make four datastores: more than a page, so listing them pages.
  const stores: [name: string, container: string | undefined, WorkloadCredential][] = [
    ['trainingdata', 'training-data', p.mlDatastoreCredential],
    ['ragdocuments', 'rag-documents', 'None'],
    ['workspacefilestore', undefined, 'None'],
    ['workspaceworkingdirectory', undefined, 'None'],
  ];
  for (const [name, container, credential] of stores) {
    const dsId = `${ws.mlwId}/datastores/${name}`;
    const where = container
      ? { datastoreType: 'AzureBlob', accountName, containerName: container }
      : { datastoreType: 'AzureFile', accountName, fileShareName: `code-${name}` };
    add({
      id: dsId,
      name,
      type: `${ML}/datastores`,
      properties: {
        ...where,
        endpoint: 'core.windows.net',
        protocol: 'https',
        serviceDataAccessAuthIdentity: credential === 'None' ? 'WorkspaceUserAssignedIdentity' : 'None',
        credentials: credentials(credential),
        isDefault: name === 'trainingdata',
        description: container ? `${container} container` : 'workspace file share',
      },
    });
    const dsAsset = truth.asset(id(dsId), 'dataset', `${ML}/datastores`, subscriptionId, location, name);
    truth.edge('contains', ws.mlwAsset, dsAsset);
    const target = container ? st.containers[container] : st.stAsset;
    if (target) truth.edge('reads-from', dsAsset, target);
    if (credential === 'None') truth.markClean(dsAsset);
    else
      truth.risk(
        dsAsset,
        'ml-datastore-stored-credential',
        `datastore ${name} stores ${credential === 'Sas' ? 'a SAS token' : 'the storage account key'}`,
      );
  }
  servicePrincipalDatastore(wl, ws, st, accountName);
}

/**
 * A fifth datastore, `labelingvendor`, over the training-data container that signs in as a labelling vendor's
 * service principal (`credentialsType: ServicePrincipal`; the sim serves its client secret as a leaky API would).
 * Not an account key or SAS token, so not the stored-credential risk: clean, but the graph must say which
 * identity reaches the storage: `runs-as` datastore → the service principal, keyed by its client (app) id.
 * Drawn from its own fork, so nothing else of the workload moves.
 */
function servicePrincipalDatastore(wl: Workload, ws: MlWorkspaceRef, st: Storage, accountName: string): void {
  const { truth, add, tenantId } = wl.sub.t;
  const { subscriptionId, location } = wl.sub;
  const rng = wl.wrng.fork('datastore-service-principal');
  const clientId = guid(rng);
  const name = 'labelingvendor';
  const dsId = `${ws.mlwId}/datastores/${name}`;
  add({
    id: dsId,
    name,
    type: `${ML}/datastores`,
    properties: {
      datastoreType: 'AzureBlob',
      accountName,
      containerName: 'training-data',
      endpoint: 'core.windows.net',
      protocol: 'https',
      serviceDataAccessAuthIdentity: 'None',
      credentials: {
        credentialsType: 'ServicePrincipal',
        authorityUrl: 'https://login.microsoftonline.com',
        clientId,
        resourceUrl: 'https://storage.azure.com/',
        tenantId,
        secrets: { secretsType: 'ServicePrincipal', clientSecret: `simsp${rng.hex(32)}` },
      },
      isDefault: false,
      description: 'labelling vendor exports into training-data',
    },
  });
  const dsAsset = truth.asset(id(dsId), 'dataset', `${ML}/datastores`, subscriptionId, location, name);
  truth.edge('contains', ws.mlwAsset, dsAsset);
  const target = st.containers['training-data'];
  if (target) truth.edge('reads-from', dsAsset, target);
  const principal = truth.asset(
    id(`/providers/Microsoft.Graph/servicePrincipals/appId=${clientId}`),
    'identity',
    'Microsoft.Graph/servicePrincipals',
    subscriptionId,
    'global',
    clientId,
  );
  truth.edge('runs-as', dsAsset, principal);
  truth.markClean(dsAsset);
}

type WorkloadCredential = Workload['p']['mlDatastoreCredential'];
