import { type AssetRecord, type EdgeRecord, edge, type FactsOf, INTERNET_ID, unknownFact } from '@aispm/core';
import type { OnlineDeployment } from '@azure/arm-machinelearning';
import { armAssetId, azureAsset, enabled, userAssignedIdentityIds } from '../arm.ts';
import type { AzureNormalizeScope } from '../service.ts';
import { servesGenerativeModel } from './generative.ts';
import { normalizeServerlessEndpoint } from './serverless.ts';
import type { RawDatastore, RawOnlineEndpoint, RawWorkspaceServing } from './serving-fetch.ts';

export const ONLINE_ENDPOINT_TYPE = 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints';
export const DATASTORE_TYPE = 'Microsoft.MachineLearningServices/workspaces/datastores';

type CredentialType = NonNullable<Exclude<FactsOf<'dataset'>['credentialType'], { $unknown: string }>>;

/**
 * A datastore's `credentialsType` as the neutral credential: an account key or SAS token is a stored key, a
 * service principal's secret or certificate is OAuth (client credentials), `None` is identity-based access (the
 * caller's or the workspace's managed identity). An unknown type stays unknown.
 */
const DATASTORE_CREDENTIALS: Record<string, CredentialType> = {
  accountkey: 'api-key',
  sas: 'api-key',
  serviceprincipal: 'oauth',
  certificate: 'oauth',
  none: 'iam',
};

export function datastoreCredentialType(credentialsType: string | undefined): CredentialType | undefined {
  return credentialsType ? DATASTORE_CREDENTIALS[credentialsType.toLowerCase()] : undefined;
}

/** Online endpoint `authMode`: `Key` is a static key; `AMLToken` and `AADToken` are expiring tokens. */
export function endpointKeyAuth(authMode: string | undefined): boolean | undefined {
  const mode = authMode?.toLowerCase();
  return mode === 'key' ? true : mode === 'amltoken' || mode === 'aadtoken' ? false : undefined;
}

/** Storage account name (lower-cased; names are globally unique) → its asset id. */
export function storageIndex(accountIds: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const id of accountIds) {
    const m = /\/providers\/microsoft\.storage\/storageaccounts\/([^/]+)$/i.exec(id);
    if (m?.[1]) index.set(m[1].toLowerCase(), armAssetId(id));
  }
  return index;
}

/** The container (blob / Data Lake Gen2) or, for a file share, the account a datastore reads; undefined unresolved. */
export function datastoreTarget(d: RawDatastore, storage: ReadonlyMap<string, string>): string | undefined {
  const account = d.accountName ? storage.get(d.accountName.toLowerCase()) : undefined;
  if (!account) return undefined;
  return d.containerName
    ? `${account}/blobservices/default/containers/${d.containerName.toLowerCase()}`
    : account;
}

/**
 * The asset id of the service principal a datastore's credentials name. ARM gives its application (client) id, not
 * the object id role assignments carry (`servicePrincipalAssetId`), and Microsoft Graph is not read: the principal is
 * keyed by its app id, so the same principal met through a role assignment is a second node.
 */
export function servicePrincipalAppAssetId(clientId: string): string {
  return armAssetId(`/providers/Microsoft.Graph/servicePrincipals/appId=${clientId}`);
}

/** The service principal a datastore signs in as (`runs-as`), an identity asset once per batch. */
function datastorePrincipal(d: RawDatastore, dsId: string, scope: AzureNormalizeScope, out: Out): void {
  const sp = d.servicePrincipal;
  if (!sp?.clientId) return;
  const spId = servicePrincipalAppAssetId(sp.clientId);
  if (!out.assets.some((a) => a.id === spId))
    out.assets.push(
      azureAsset({
        id: spId,
        kind: 'identity',
        accountId: scope.subscriptionId,
        region: 'global',
        name: sp.clientId,
        nativeType: 'Microsoft.Graph/servicePrincipals',
        properties: { appId: sp.clientId, tenantId: sp.tenantId, principalType: 'ServicePrincipal' },
      }),
    );
  out.edges.push(
    edge('runs-as', dsId, spId, {
      via: 'datastore-credentials',
      credentialsType: d.credentialsType,
      clientId: sp.clientId,
      tenantId: sp.tenantId,
    }),
  );
}

/** The workspace the endpoints and datastores belong to, as its own normalisation saw it. */
export interface ServingWorkspace {
  assetId: string;
  region: string;
  encryption: { cmk: boolean; keyId?: string };
  /** The workspace's own flag: its serverless endpoints follow it. */
  publicNetworkAccess: boolean;
}

interface Out {
  assets: AssetRecord[];
  edges: EdgeRecord[];
}

function deploymentSummary(d: OnlineDeployment) {
  const p = (d.properties ?? {}) as OnlineDeployment['properties'] & { model?: string };
  return {
    name: d.name,
    model: p.model,
    environmentId: p.environmentId,
    endpointComputeType: p.endpointComputeType,
    instanceType: p.instanceType,
    instanceCount: typeof d.sku?.capacity === 'number' ? d.sku.capacity : null,
    egressPublicNetworkAccess: p.egressPublicNetworkAccess,
    provisioningState: p.provisioningState,
  };
}

/**
 * An online endpoint (kind inference-endpoint). Its deployments stay properties: the models they name are Azure ML
 * model versions, which the connector does not inventory, so no `serves` edge can be drawn to them. Data collection
 * is not in the API version the installed SDK reads, so `dataCaptureEnabled` is unknown rather than false.
 */
function endpointAsset(
  raw: RawOnlineEndpoint,
  ws: ServingWorkspace,
  scope: AzureNormalizeScope,
  out: Out,
): boolean {
  const e = raw.endpoint;
  const id = armAssetId(e.id as string);
  const p = e.properties ?? ({} as RawOnlineEndpoint['endpoint']['properties']);
  // ARM's default is Enabled; the flag governs inbound scoring traffic whatever the workspace's own setting.
  const publicNetworkAccess = enabled(p.publicNetworkAccess ?? 'Enabled');
  const deployments = raw.deployments?.map(deploymentSummary);
  const localAuthEnabled = endpointKeyAuth(p.authMode);
  out.assets.push(
    azureAsset({
      id,
      kind: 'inference-endpoint',
      accountId: scope.subscriptionId,
      region: e.location ?? ws.region,
      name: e.name ?? id,
      nativeType: ONLINE_ENDPOINT_TYPE,
      properties: {
        workspaceId: ws.assetId,
        endpointKind: e.kind,
        authMode: p.authMode,
        publicNetworkAccess,
        scoringUri: p.scoringUri,
        compute: p.compute,
        traffic: p.traffic,
        provisioningState: p.provisioningState,
        identityType: e.identity?.type,
        deployments,
        models: deployments?.flatMap((d) => (d.model ? [d.model] : [])),
        encryption: ws.encryption,
      },
      facts: {
        ...(localAuthEnabled === undefined ? {} : { localAuthEnabled }),
        dataCaptureEnabled: unknownFact(
          'Azure ML data collection is not in the API version @azure/arm-machinelearning 2.x reads',
        ),
        ...(deployments ? { variantInstanceCounts: deployments.map((d) => d.instanceCount) } : {}),
        // A classic scoring model takes features, not prompts: prompt guardrails judge only generative endpoints.
        servesGenerativeModel: servesGenerativeModel(deployments),
      },
      tags: e.tags,
    }),
  );
  out.edges.push(edge('contains', ws.assetId, id));
  for (const mi of userAssignedIdentityIds(e.identity)) out.edges.push(edge('runs-as', id, mi));
  if (publicNetworkAccess)
    out.edges.push(edge('exposed-to-internet', INTERNET_ID, id, { via: 'publicNetworkAccess' }));
  return publicNetworkAccess;
}

/** A datastore (kind dataset): where it points and the type of credential it holds, never the credential. */
function datastoreAsset(
  d: RawDatastore,
  ws: ServingWorkspace,
  storage: ReadonlyMap<string, string>,
  scope: AzureNormalizeScope,
  out: Out,
): void {
  const id = armAssetId(d.id);
  const credentialType = datastoreCredentialType(d.credentialsType);
  const target = datastoreTarget(d, storage);
  out.assets.push(
    azureAsset({
      id,
      kind: 'dataset',
      accountId: scope.subscriptionId,
      region: ws.region,
      name: d.name ?? id,
      nativeType: DATASTORE_TYPE,
      properties: {
        workspaceId: ws.assetId,
        datastoreType: d.datastoreType,
        credentialsType: d.credentialsType,
        accountName: d.accountName,
        containerName: d.containerName,
        fileShareName: d.fileShareName,
        storeName: d.storeName,
        endpoint: d.endpoint,
        protocol: d.protocol,
        serviceDataAccessAuthIdentity: d.serviceDataAccessAuthIdentity,
        isDefault: d.isDefault,
        servicePrincipal: d.servicePrincipal,
        storageAccountId: d.accountName ? storage.get(d.accountName.toLowerCase()) : undefined,
      },
      facts: credentialType ? { credentialType } : {},
    }),
  );
  out.edges.push(edge('contains', ws.assetId, id));
  if (target) out.edges.push(edge('reads-from', id, target, { via: 'datastore' }));
  datastorePrincipal(d, id, scope, out);
}

/** A workspace's online and serverless endpoints and datastores; true when an endpoint is open to the internet. */
export function normalizeWorkspaceServing(
  serving: RawWorkspaceServing | undefined,
  ws: ServingWorkspace,
  storage: ReadonlyMap<string, string>,
  scope: AzureNormalizeScope,
  out: Out,
): boolean {
  let exposed = false;
  for (const e of serving?.onlineEndpoints ?? []) {
    if (!e.endpoint.id) continue;
    if (endpointAsset(e, ws, scope, out)) exposed = true;
  }
  for (const d of serving?.datastores ?? []) datastoreAsset(d, ws, storage, scope, out);
  for (const e of serving?.serverlessEndpoints ?? [])
    if (normalizeServerlessEndpoint(e, ws, scope, out)) exposed = true;
  return exposed;
}
