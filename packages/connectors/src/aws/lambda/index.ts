import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsItemRead, awsServiceModule } from '../service.ts';
import { fetchLambda } from './fetch.ts';
import { normalizeLambda } from './normalize.ts';

export function lambdaModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'lambda',
    phase: 2,
    global: false,
    itemReads: [
      awsItemRead('lambda', 'GetFunction', [], ['runs-as']),
      awsItemRead('lambda', 'GetPolicy', []),
    ],
    fetch: fetchLambda,
    normalize: normalizeLambda,
  });
}
