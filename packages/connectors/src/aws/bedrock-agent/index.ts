import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsServiceModule } from '../service.ts';
import { fetchBedrockAgent } from './fetch.ts';
import { normalizeBedrockAgent } from './normalize.ts';

export function bedrockAgentModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'bedrock-agent',
    phase: 1,
    global: false,
    fetch: fetchBedrockAgent,
    normalize: normalizeBedrockAgent,
  });
}
