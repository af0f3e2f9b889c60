import { INTERNET_ID } from '@aispm/core';
import { id } from '../common.ts';
import type { Workload } from './index.ts';
import type { MlWorkspaceRef } from './ml-serving.ts';

const TYPE = 'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints';

/** The Azure ML model catalog's Llama chat model (registry `azureml-meta`), as a serverless endpoint names it. */
export const SERVERLESS_MODEL_ID = 'azureml://registries/azureml-meta/models/Meta-Llama-3.1-8B-Instruct';

/**
 * Two serverless API (models-as-a-service) endpoints of the catalog's Llama chat model in the workspace, the fields
 * of the documented ARM resource (api-version 2024-04-01): `{app}-llama-key` takes static keys (`authMode: Key`)
 * with Azure AI Content Safety off, its clean twin `{app}-llama-aad` takes Entra ID tokens with content safety on.
 * The endpoints follow the workspace's public network access (they have no flag of their own). The model lives in a
 * Microsoft registry the estate does not hold, so it is the endpoint's `modelSettings.modelId`, no asset or edge.
 * No random draws: nothing else of the estate moves.
 */
export function mlServerlessEndpoints(wl: Workload, ws: MlWorkspaceRef, mlPublic: boolean): void {
  const { truth, add } = wl.sub.t;
  const { subscriptionId, location } = wl.sub;
  const { app, tags } = wl;
  for (const risky of [true, false]) {
    const name = `${app}-llama-${risky ? 'key' : 'aad'}`;
    const epId = `${ws.mlwId}/serverlessEndpoints/${name}`;
    add({
      id: epId,
      name,
      type: TYPE,
      location,
      tags,
      sku: { name: 'Consumption' },
      properties: {
        authMode: risky ? 'Key' : 'AAD',
        contentSafety: { contentSafetyStatus: risky ? 'Disabled' : 'Enabled' },
        endpointState: 'Online',
        inferenceEndpoint: { uri: `https://${name}.${location}.models.ai.azure.com`, headers: {} },
        marketplaceSubscriptionId: `${ws.mlwId}/marketplaceSubscriptions/meta-llama-3-1-8b-instruct`,
        modelSettings: { modelId: SERVERLESS_MODEL_ID },
        provisioningState: 'Succeeded',
      },
    });
    const epAsset = truth.asset(id(epId), 'inference-endpoint', TYPE, subscriptionId, location, name);
    truth.edge('contains', ws.mlwAsset, epAsset);
    if (mlPublic) {
      truth.edge('exposed-to-internet', INTERNET_ID, epAsset);
      truth.risk(
        epAsset,
        'endpoint-public-access',
        `serverless endpoint ${name} is reachable from public networks (its workspace allows public network access)`,
      );
    }
    if (risky) {
      truth.risk(
        epAsset,
        'endpoint-key-auth',
        `serverless endpoint ${name} authenticates callers with static keys`,
      );
      truth.risk(
        epAsset,
        'guardrail-missing',
        `serverless endpoint ${name} serves a chat model with Azure AI Content Safety disabled`,
      );
    } else if (!mlPublic) truth.markClean(epAsset);
  }
}
