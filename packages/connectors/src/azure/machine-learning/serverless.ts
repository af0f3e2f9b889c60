import { type AssetRecord, type EdgeRecord, edge, INTERNET_ID, unknownFact } from '@aispm/core';
import { armAssetId, azureAsset, listArmGeneric } from '../arm.ts';
import type { AzureFetchEnv, AzureNormalizeScope } from '../service.ts';
import { serverlessServesGenerativeModel } from './generative.ts';

export const SERVERLESS_ENDPOINT_TYPE = 'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints';

/**
 * `@azure/arm-machinelearning` 2.x has no serverlessEndpoints operation: they are listed with generic ARM reads at
 * the first stable api-version that has them (documented REST: Serverless Endpoints - List).
 */
export const SERVERLESS_API_VERSION = '2024-04-01';

/**
 * A serverless API (models-as-a-service) endpoint as ARM lists it, the fields the connector keeps. The listing holds
 * no secret (keys come only from `listKeys`, which the scanner never calls); the inference endpoint's `headers` are
 * dropped all the same.
 */
export interface RawServerlessEndpoint {
  id?: string;
  name?: string;
  location?: string;
  tags?: Record<string, string>;
  sku?: { name?: string; tier?: string };
  properties?: {
    authMode?: string;
    contentSafety?: { contentSafetyStatus?: string };
    endpointState?: string;
    inferenceEndpoint?: { uri?: string };
    marketplaceSubscriptionId?: string;
    modelSettings?: { modelId?: string };
    provisioningState?: string;
  };
}

/** Only the documented fields the connector reads (no `inferenceEndpoint.headers`). */
export function serverlessShape(e: RawServerlessEndpoint): RawServerlessEndpoint {
  const p = e.properties ?? {};
  return {
    id: e.id,
    name: e.name,
    location: e.location,
    tags: e.tags,
    sku: e.sku,
    properties: {
      authMode: p.authMode,
      contentSafety: p.contentSafety
        ? { contentSafetyStatus: p.contentSafety.contentSafetyStatus }
        : undefined,
      endpointState: p.endpointState,
      inferenceEndpoint: p.inferenceEndpoint ? { uri: p.inferenceEndpoint.uri } : undefined,
      marketplaceSubscriptionId: p.marketplaceSubscriptionId,
      modelSettings: p.modelSettings ? { modelId: p.modelSettings.modelId } : undefined,
      provisioningState: p.provisioningState,
    },
  };
}

/** `GET {workspace}/serverlessEndpoints`, every page (undefined when denied: a coverage gap, not "none"). */
export async function fetchServerlessEndpoints(
  env: AzureFetchEnv,
  workspaceId: string,
): Promise<RawServerlessEndpoint[] | undefined> {
  const { ResourceManagementClient } = await import('@azure/arm-resources');
  const arm = env.clients.get(ResourceManagementClient);
  const list = await env.gaps.item('ServerlessEndpoints_List', armAssetId(workspaceId), () =>
    listArmGeneric<RawServerlessEndpoint>(
      arm,
      `${workspaceId}/serverlessEndpoints`,
      SERVERLESS_API_VERSION,
      env.call,
    ),
  );
  return list?.filter((e) => e.id).map(serverlessShape);
}

/**
 * Serverless `authMode`: `Key` accepts static keys, `KeyAndAAD` keys besides Entra ID tokens, `AAD` tokens only.
 * Another value says nothing either way.
 */
export function serverlessKeyAuth(authMode: string | undefined): boolean | undefined {
  const mode = authMode?.toLowerCase();
  return mode === 'key' || mode === 'keyandaad' ? true : mode === 'aad' ? false : undefined;
}

/** `contentSafety.contentSafetyStatus`: Enabled / Disabled; absent or another value is unknown. */
function contentSafetyEnabled(status: string | undefined) {
  const s = status?.toLowerCase();
  return s === 'enabled'
    ? true
    : s === 'disabled'
      ? false
      : unknownFact('the serverless endpoint does not report its content safety status');
}

/** The workspace (or Foundry hub / project) an endpoint is in, as its own normalisation saw it. */
export interface ServerlessWorkspace {
  assetId: string;
  region: string;
  publicNetworkAccess: boolean;
}

/**
 * A serverless endpoint (kind inference-endpoint). It has no network flag of its own: it follows its workspace's
 * public network access, so it is exposed exactly when the workspace is. The catalog model it serves sits in a
 * Microsoft registry the scan does not inventory: its id stays a property (`modelId`), no edge (the AI usage policy's
 * approved models judge `model` assets only). The service runs it on Microsoft's infrastructure: the endpoint has no
 * customer-managed key setting and no data collector (Azure ML data collection is for managed and Kubernetes online
 * endpoints), so `encryption` and `dataCaptureEnabled` stay unknown with that reason, and the no-CMK and data-capture
 * rules do not judge these endpoints (not applicable).
 */
export function normalizeServerlessEndpoint(
  e: RawServerlessEndpoint,
  ws: ServerlessWorkspace,
  scope: AzureNormalizeScope,
  out: { assets: AssetRecord[]; edges: EdgeRecord[] },
): boolean {
  if (!e.id) return false;
  const id = armAssetId(e.id);
  const p = e.properties ?? {};
  const localAuthEnabled = serverlessKeyAuth(p.authMode);
  const modelId = p.modelSettings?.modelId;
  out.assets.push(
    azureAsset({
      id,
      kind: 'inference-endpoint',
      accountId: scope.subscriptionId,
      region: e.location ?? ws.region,
      name: e.name ?? id,
      nativeType: SERVERLESS_ENDPOINT_TYPE,
      properties: {
        workspaceId: ws.assetId,
        authMode: p.authMode,
        contentSafetyStatus: p.contentSafety?.contentSafetyStatus,
        modelId,
        inferenceUri: p.inferenceEndpoint?.uri,
        endpointState: p.endpointState,
        marketplaceSubscriptionId: p.marketplaceSubscriptionId,
        provisioningState: p.provisioningState,
        skuName: e.sku?.name,
        publicNetworkAccess: ws.publicNetworkAccess,
        publicNetworkAccessFrom: 'workspace',
      },
      facts: {
        ...(localAuthEnabled === undefined ? {} : { localAuthEnabled }),
        contentSafetyEnabled: contentSafetyEnabled(p.contentSafety?.contentSafetyStatus),
        servesGenerativeModel: serverlessServesGenerativeModel(modelId),
        encryption: unknownFact(
          'a serverless API endpoint has no customer-managed key setting: the model runs on Microsoft-hosted infrastructure',
        ),
        dataCaptureEnabled: unknownFact(
          'a serverless API endpoint has no data collector (Azure ML data collection is for online endpoints only)',
        ),
      },
      tags: e.tags,
    }),
  );
  out.edges.push(edge('contains', ws.assetId, id));
  if (ws.publicNetworkAccess)
    out.edges.push(edge('exposed-to-internet', INTERNET_ID, id, { via: 'workspace publicNetworkAccess' }));
  return ws.publicNetworkAccess;
}
