import type { ServiceModule } from '../../types.ts';
import type { AwsClientFactory } from '../clients.ts';
import { awsItemRead, awsServiceModule } from '../service.ts';
import { fetchBedrockAgent } from './fetch.ts';
import { normalizeBedrockAgent } from './normalize.ts';

export function bedrockAgentModule(factory: AwsClientFactory): ServiceModule {
  return awsServiceModule(factory, {
    service: 'bedrock-agent',
    phase: 1,
    global: false,
    itemReads: [
      awsItemRead(
        'bedrock',
        'GetAgent',
        ['encryption', 'customerKeyId', 'guardrailId', 'secretFindings'],
        ['uses-model', 'runs-as', 'guarded-by', 'encrypted-by'],
      ),
      awsItemRead('bedrock', 'GetAgentActionGroup', ['secretFindings'], ['implemented-by']),
      awsItemRead(
        'bedrock',
        'GetKnowledgeBase',
        ['encryption', 'customerKeyId'],
        ['stores-vectors-in', 'runs-as', 'uses-model', 'encrypted-by'],
      ),
      awsItemRead('bedrock', 'GetDataSource', ['encryption', 'customerKeyId'], ['reads-from']),
    ],
    fetch: fetchBedrockAgent,
    normalize: normalizeBedrockAgent,
  });
}
