import type { PrivateEndpoint, VirtualNetwork } from '@azure/arm-network';
import { collectArm } from '../arm.ts';
import type { AzureFetchEnv } from '../service.ts';

export interface RawNetwork {
  privateEndpoints: PrivateEndpoint[];
  virtualNetworks: VirtualNetwork[];
}

export async function fetchNetwork(env: AzureFetchEnv): Promise<RawNetwork> {
  const { NetworkManagementClient } = await import('@azure/arm-network');
  const client = env.clients.get(NetworkManagementClient);
  const [privateEndpoints, virtualNetworks] = await Promise.all([
    env.gaps.list('PrivateEndpoints_ListBySubscription', 'Microsoft.Network/privateEndpoints/read', () =>
      collectArm(client.privateEndpoints.listBySubscription(env.call)),
    ),
    env.gaps.list('VirtualNetworks_ListAll', 'Microsoft.Network/virtualNetworks/read', () =>
      collectArm(client.virtualNetworks.listAll(env.call)),
    ),
  ]);
  return { privateEndpoints, virtualNetworks };
}
