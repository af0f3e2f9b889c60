import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsServiceModule } from '../service.ts';
import { fetchKms, KMS_ITEM_READS } from './fetch.ts';
import { normalizeKms } from './normalize.ts';

export function kmsModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'kms',
    phase: 2,
    global: false,
    itemReads: KMS_ITEM_READS,
    fetch: fetchKms,
    normalize: normalizeKms,
  });
}
