import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsItemRead, awsServiceModule } from '../service.ts';
import { fetchBedrock } from './fetch.ts';
import { normalizeBedrock } from './normalize.ts';

export function bedrockModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'bedrock',
    phase: 1,
    global: false,
    itemReads: [
      awsItemRead('bedrock', 'ListEnforcedGuardrailsConfiguration', ['enforcedOnInvocations']),
      awsItemRead(
        'bedrock',
        'GetCustomModel',
        ['encryption', 'customerKeyId', 'artifactUris'],
        ['trained-on', 'produced-by', 'encrypted-by'],
      ),
      awsItemRead(
        'bedrock',
        'GetImportedModel',
        ['encryption', 'customerKeyId', 'artifactUris'],
        ['reads-from', 'encrypted-by'],
      ),
      awsItemRead(
        'bedrock',
        'GetModelCustomizationJob',
        ['encryption', 'customerKeyId', 'networkIsolation', 'privateNetwork'],
        ['reads-from', 'writes-to', 'runs-as', 'encrypted-by'],
      ),
      awsItemRead(
        'bedrock',
        'GetGuardrail',
        [
          'encryption',
          'customerKeyId',
          'promptAttackFilter',
          'sensitiveInformationFilter',
          'contextualGrounding',
        ],
        ['encrypted-by'],
      ),
      // Denied: who outside the account may apply, read or change the guardrail is unknown (not "nobody").
      awsItemRead(
        'bedrock',
        'GetResourcePolicy',
        ['resourcePolicyPrincipals'],
        ['can-invoke', 'can-read', 'can-admin'],
        ['aispm::ExternalPrincipal'],
      ),
      awsItemRead(
        'bedrock',
        'GetModelInvocationLoggingConfiguration',
        ['loggingEnabled', 'logGroupEncrypted'],
        ['logs-to'],
      ),
    ],
    fetch: fetchBedrock,
    normalize: normalizeBedrock,
  });
}
