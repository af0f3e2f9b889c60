import type { ServiceModule } from '../../types.ts';
import type { GcpClientFactory } from '../clients.ts';
import { gcpServiceModule } from '../service.ts';
import { fetchVertex } from './fetch.ts';
import { normalizeVertex } from './normalize.ts';

export function vertexAiModule(factory: GcpClientFactory): ServiceModule {
  return gcpServiceModule(factory, {
    service: 'vertex-ai',
    phase: 1,
    global: false,
    fetch: fetchVertex,
    normalize: normalizeVertex,
  });
}
