import type {
  AzureMachineLearningWorkspaces,
  Datastore,
  OnlineDeployment,
  OnlineEndpoint,
  Workspace,
} from '@azure/arm-machinelearning';
import { mapLimit } from '../../shared/paging.ts';
import { armAssetId, collectArm, resourceGroupOf } from '../arm.ts';
import type { AzureFetchEnv } from '../service.ts';
import { fetchServerlessEndpoints, type RawServerlessEndpoint } from './serverless.ts';

/** An online endpoint and its deployments (undefined: the deployment listing was denied). */
export interface RawOnlineEndpoint {
  endpoint: OnlineEndpoint;
  deployments?: OnlineDeployment[];
}

/**
 * A datastore as the connector keeps it: where it points and the *type* of credential it holds. The credential
 * itself (`credentials.secrets`: an account key, a SAS token, a client secret, a certificate) never leaves fetch.
 */
export interface RawDatastore {
  id: string;
  name?: string;
  datastoreType?: string;
  credentialsType?: string;
  accountName?: string;
  /** Blob container (AzureBlob), Data Lake Gen2 filesystem, or file share (AzureFile). */
  containerName?: string;
  fileShareName?: string;
  storeName?: string;
  endpoint?: string;
  protocol?: string;
  serviceDataAccessAuthIdentity?: string;
  isDefault?: boolean;
  description?: string;
  /**
   * The service principal a `ServicePrincipal` / `Certificate` datastore signs in as (its client and tenant ids, the
   * authority and resource it asks a token for); never its secret or certificate.
   */
  servicePrincipal?: { clientId?: string; tenantId?: string; authorityUrl?: string; resourceUrl?: string };
}

/** What one workspace serves and reads: undefined lists were denied (a coverage gap, not an empty list). */
export interface RawWorkspaceServing {
  onlineEndpoints?: RawOnlineEndpoint[];
  datastores?: RawDatastore[];
  /** Serverless API (models-as-a-service) endpoints. */
  serverlessEndpoints?: RawServerlessEndpoint[];
}

/** Only the non-secret fields of a datastore (`credentials` reduced to its type). */
export function datastoreShape(d: Datastore): RawDatastore {
  const p = (d.properties ?? {}) as unknown as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const credentials = p.credentials as Record<string, unknown> | undefined;
  const clientId = s(credentials?.clientId);
  return {
    id: d.id as string,
    name: d.name,
    datastoreType: s(p.datastoreType),
    credentialsType: s(credentials?.credentialsType),
    accountName: s(p.accountName),
    containerName: s(p.containerName) ?? s(p.filesystem),
    fileShareName: s(p.fileShareName),
    storeName: s(p.storeName),
    endpoint: s(p.endpoint),
    protocol: s(p.protocol),
    serviceDataAccessAuthIdentity: s(p.serviceDataAccessAuthIdentity),
    isDefault: typeof p.isDefault === 'boolean' ? p.isDefault : undefined,
    description: s(p.description),
    servicePrincipal: clientId
      ? {
          clientId,
          tenantId: s(credentials?.tenantId),
          authorityUrl: s(credentials?.authorityUrl),
          resourceUrl: s(credentials?.resourceUrl),
        }
      : undefined,
  };
}

/**
 * Online endpoints (with their deployments), datastores and serverless endpoints of one workspace. Each listing is a per-item read: a
 * denied one is a coverage gap and leaves its part undefined.
 */
export async function fetchWorkspaceServing(
  env: AzureFetchEnv,
  ml: AzureMachineLearningWorkspaces,
  workspace: Workspace,
): Promise<RawWorkspaceServing> {
  const wsId = workspace.id as string;
  const rg = resourceGroupOf(wsId);
  const name = workspace.name as string;
  const [endpoints, datastores, serverlessEndpoints] = await Promise.all([
    env.gaps.item('OnlineEndpoints_List', armAssetId(wsId), () =>
      collectArm(ml.onlineEndpoints.list(rg, name, env.call)),
    ),
    env.gaps.item('Datastores_List', armAssetId(wsId), () =>
      collectArm(ml.datastores.list(rg, name, env.call)),
    ),
    fetchServerlessEndpoints(env, wsId),
  ]);
  const onlineEndpoints = endpoints
    ? await mapLimit(
        endpoints.filter((e) => e.id && e.name),
        env.fanOut,
        async (endpoint): Promise<RawOnlineEndpoint> => ({
          endpoint,
          deployments: await env.gaps.item('OnlineDeployments_List', armAssetId(endpoint.id as string), () =>
            collectArm(ml.onlineDeployments.list(rg, name, endpoint.name as string, env.call)),
          ),
        }),
      )
    : undefined;
  return {
    onlineEndpoints,
    datastores: datastores?.filter((d) => d.id).map(datastoreShape),
    serverlessEndpoints,
  };
}
