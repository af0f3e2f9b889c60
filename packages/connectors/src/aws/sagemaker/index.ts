import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsServiceModule } from '../service.ts';
import { fetchSageMaker } from './fetch.ts';
import { normalizeSageMaker } from './normalize.ts';

export function sagemakerModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'sagemaker',
    phase: 1,
    global: false,
    fetch: fetchSageMaker,
    normalize: normalizeSageMaker,
  });
}
