import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { KMS_ITEM_READS } from '../kms/fetch.ts';
import { awsItemRead, awsServiceModule } from '../service.ts';
import { fetchS3 } from './fetch.ts';
import { normalizeS3 } from './normalize.ts';

export function s3Module(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 's3',
    phase: 2,
    global: true,
    itemReads: [
      awsItemRead('s3', 'GetBucketLocation', []),
      awsItemRead('s3', 'GetPublicAccessBlock', ['anonymousAccess'], ['exposed-to-internet']),
      awsItemRead('s3', 'GetBucketPolicyStatus', ['policyIsPublic'], ['exposed-to-internet']),
      awsItemRead(
        's3',
        'GetBucketPolicy',
        ['publicMembers', 'secureTransportRequired'],
        ['can-read', 'can-write'],
        ['aispm::ExternalPrincipal'],
      ),
      awsItemRead(
        's3',
        'GetBucketEncryption',
        ['serverSideEncryption', 'encryption', 'customerKeyId'],
        ['encrypted-by'],
        ['AWS::KMS::Key'],
      ),
      awsItemRead('s3', 'GetBucketVersioning', ['versioningEnabled']),
      awsItemRead('s3', 'GetBucketLogging', ['accessLoggingEnabled']),
      awsItemRead('s3', 'GetBucketTagging', ['dataClassification']),
      ...KMS_ITEM_READS,
    ],
    fetch: fetchS3,
    normalize: normalizeS3,
  });
}
