import { INTERNET_ID } from '@aispm/core';
import { guid, id } from '../common.ts';
import { cmkKey } from '../subscription.ts';
import type { Workload } from './index.ts';
import { mlServerlessEndpoints } from './ml-serverless.ts';
import { mlDatastores, mlOnlineEndpoint } from './ml-serving.ts';
import type { Storage } from './storage.ts';

/** An Azure ML workspace over the training data, with a compute instance. */
export function mlWorkspace(wl: Workload, st: Storage): void {
  const { truth, add } = wl.sub.t;
  const { subscriptionId, env, subAsset, location, vnetAsset, subnetId, kvName, kvId } = wl.sub;
  const { wrng, p, app, rgId, tags, miId, miAsset, userAssigned } = wl;
  const { stId, containers } = st;
  const mlwName = `mlw-${app}-${env}`;
  const mlwId = `${rgId}/providers/Microsoft.MachineLearningServices/workspaces/${mlwName}`;
  const mlKey = p.storageCmk ? cmkKey(wl.sub, `cmk-${mlwName}`) : undefined;
  add({
    id: mlwId,
    name: mlwName,
    type: 'Microsoft.MachineLearningServices/workspaces',
    location,
    tags,
    sku: { name: 'Basic', tier: 'Basic' },
    identity: userAssigned,
    properties: {
      friendlyName: `${app} ML (${env})`,
      provisioningState: 'Succeeded',
      workspaceId: guid(wrng.fork('mlw-id')),
      storageAccount: stId,
      keyVault: kvId,
      discoveryUrl: `https://${location}.api.azureml.ms/discovery`,
      publicNetworkAccess: p.mlPublic ? 'Enabled' : 'Disabled',
      hbiWorkspace: !p.mlPublic,
      primaryUserAssignedIdentity: miId,
      encryption: mlKey
        ? {
            status: 'Enabled',
            keyVaultProperties: {
              keyVaultArmId: kvId,
              keyIdentifier: `https://${kvName}.vault.azure.net/keys/cmk-${mlwName}`,
            },
          }
        : { status: 'Disabled', keyVaultProperties: { keyVaultArmId: '', keyIdentifier: '' } },
      privateEndpointConnections: [],
    },
  });
  const mlwAsset = truth.asset(
    id(mlwId),
    'ml-workspace',
    'Microsoft.MachineLearningServices/workspaces',
    subscriptionId,
    location,
    mlwName,
  );
  truth.edge('contains', subAsset, mlwAsset);
  truth.edge('runs-as', mlwAsset, miAsset);
  truth.edge('reads-from', mlwAsset, containers['training-data'] as string);
  if (mlKey) truth.edge('encrypted-by', mlwAsset, mlKey.keyAsset);
  else
    truth.risk(
      mlwAsset,
      'no-cmk-encryption',
      `ML workspace ${mlwName} is not encrypted with a customer-managed key`,
    );
  if (!p.mlPublic && mlKey) truth.markClean(mlwAsset);
  const ws = { mlwId, mlwAsset, cmk: Boolean(mlKey) };
  mlOnlineEndpoint(wl, ws);
  mlDatastores(wl, ws, st);
  mlServerlessEndpoints(wl, ws, p.mlPublic);
  const ciName = `ci-${app}-${wrng.hex(4)}`;
  const ciId = `${mlwId}/computes/${ciName}`;
  add({
    id: ciId,
    name: ciName,
    type: 'Microsoft.MachineLearningServices/workspaces/computes',
    location,
    identity: userAssigned,
    properties: {
      computeType: 'ComputeInstance',
      computeLocation: location,
      provisioningState: 'Succeeded',
      disableLocalAuth: true,
      isAttachedCompute: false,
      properties: {
        vmSize: 'Standard_DS3_v2',
        enableNodePublicIp: p.computePublicIp,
        ...(p.computePublicIp ? {} : { subnet: { id: subnetId } }),
        applicationSharingPolicy: 'Personal',
        sshSettings: {
          sshPublicAccess: p.computePublicIp ? 'Enabled' : 'Disabled',
          adminUserName: 'azureuser',
        },
        computeInstanceAuthorizationType: 'personal',
        state: 'Running',
      },
    },
  });
  const ciAsset = truth.asset(
    id(ciId),
    'notebook',
    'Microsoft.MachineLearningServices/workspaces/computes#ComputeInstance',
    subscriptionId,
    location,
    ciName,
  );
  truth.edge('contains', mlwAsset, ciAsset);
  truth.edge('runs-as', ciAsset, miAsset);
  if (p.computePublicIp) {
    truth.risk(
      ciAsset,
      'notebook-direct-internet',
      `compute instance ${ciName} has a public IP and SSH open`,
    );
    truth.risk(ciAsset, 'notebook-ssh-public', `compute instance ${ciName} accepts SSH from the internet`);
    truth.edge('exposed-to-internet', INTERNET_ID, ciAsset);
  } else {
    truth.edge('in-network', ciAsset, vnetAsset);
    truth.markClean(ciAsset);
  }
}
