import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsItemRead, awsServiceModule } from '../service.ts';
import { fetchOpenSearchServerless } from './fetch.ts';
import { normalizeOpenSearchServerless } from './normalize.ts';

export function openSearchServerlessModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'opensearch-serverless',
    phase: 1,
    global: false,
    itemReads: [
      awsItemRead('aoss', 'BatchGetCollection', []),
      awsItemRead(
        'aoss',
        'GetSecurityPolicy',
        ['encryption', 'customerKeyId', 'providerOwnedKey', 'publicNetworkAccess'],
        ['exposed-to-internet', 'encrypted-by'],
      ),
      awsItemRead('aoss', 'GetAccessPolicy', ['dataAccessPolicies'], ['can-read', 'can-write']),
    ],
    fetch: fetchOpenSearchServerless,
    normalize: normalizeOpenSearchServerless,
  });
}
