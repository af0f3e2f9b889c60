import type { ServiceModule } from '../../types.ts';
import type { GcpClientFactory } from '../clients.ts';
import { gcpServiceModule } from '../service.ts';
import { fetchWorkbench } from './fetch.ts';
import { normalizeWorkbench } from './normalize.ts';

export function workbenchModule(factory: GcpClientFactory): ServiceModule {
  return gcpServiceModule(factory, {
    service: 'workbench',
    phase: 1,
    global: true,
    fetch: fetchWorkbench,
    normalize: normalizeWorkbench,
  });
}
