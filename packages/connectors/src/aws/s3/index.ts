import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsServiceModule } from '../service.ts';
import { fetchS3 } from './fetch.ts';
import { normalizeS3 } from './normalize.ts';

export function s3Module(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 's3',
    phase: 2,
    global: true,
    fetch: fetchS3,
    normalize: normalizeS3,
  });
}
