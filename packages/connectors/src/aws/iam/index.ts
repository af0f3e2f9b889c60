import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsItemRead, awsServiceModule } from '../service.ts';
import { fetchIam } from './fetch.ts';
import { normalizeIam } from './normalize.ts';

export function iamModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'iam',
    phase: 1,
    global: true,
    itemReads: [awsItemRead('iam', 'ListAccessKeys', [], ['has-key'], ['AWS::IAM::AccessKey'])],
    fetch: fetchIam,
    normalize: normalizeIam,
  });
}
