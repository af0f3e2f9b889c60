import type { ServiceModule } from '../../types.ts';
import type { GcpClientFactory } from '../clients.ts';
import { gcpServiceModule } from '../service.ts';
import { fetchModelArmor } from './fetch.ts';
import { normalizeModelArmor } from './normalize.ts';

/** Model Armor: the project's floor setting, the guardrail Vertex AI traffic is held to. */
export function modelArmorModule(factory: GcpClientFactory): ServiceModule {
  return gcpServiceModule(factory, {
    service: 'model-armor',
    phase: 1,
    global: true,
    fetch: fetchModelArmor,
    normalize: normalizeModelArmor,
  });
}
