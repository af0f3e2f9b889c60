import type { ServiceModule } from '../../types.ts';
import type { GcpClientFactory } from '../clients.ts';
import { gcpServiceModule } from '../service.ts';
import { fetchApiKeys } from './fetch.ts';
import { normalizeApiKeys } from './normalize.ts';

/** API Keys: the project's API keys, among them the Gemini / Vertex AI express-mode keys and unrestricted ones. */
export function apiKeysModule(factory: GcpClientFactory): ServiceModule {
  return gcpServiceModule(factory, {
    service: 'api-keys',
    phase: 1,
    global: true,
    fetch: fetchApiKeys,
    normalize: normalizeApiKeys,
  });
}
