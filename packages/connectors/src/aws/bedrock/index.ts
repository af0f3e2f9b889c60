import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsServiceModule } from '../service.ts';
import { fetchBedrock } from './fetch.ts';
import { normalizeBedrock } from './normalize.ts';

export function bedrockModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'bedrock',
    phase: 1,
    global: false,
    fetch: fetchBedrock,
    normalize: normalizeBedrock,
  });
}
