import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsServiceModule } from '../service.ts';
import { fetchOpenSearchServerless } from './fetch.ts';
import { normalizeOpenSearchServerless } from './normalize.ts';

export function openSearchServerlessModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'opensearch-serverless',
    phase: 1,
    global: false,
    fetch: fetchOpenSearchServerless,
    normalize: normalizeOpenSearchServerless,
  });
}
