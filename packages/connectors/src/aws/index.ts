import type { AccountTarget, Connector, ServiceModule } from '../types.ts';
import { accessModule } from './access/index.ts';
import { agentCoreModule } from './agentcore/index.ts';
import { bedrockModule } from './bedrock/index.ts';
import { bedrockAgentModule } from './bedrock-agent/index.ts';
import {
  AwsClientFactory,
  type AwsConfig,
  type AwsConnectorOptions,
  accountConnection,
  resolveAwsOptions,
} from './clients.ts';
import { iamModule } from './iam/index.ts';
import { kmsModule } from './kms/index.ts';
import { lambdaModule } from './lambda/index.ts';
import { openSearchServerlessModule } from './opensearch-serverless/index.ts';
import { discoverAwsAccounts } from './organizations/index.ts';
import { s3Module } from './s3/index.ts';
import { sagemakerModule } from './sagemaker/index.ts';

export { analyzeAccess } from './access/analyze.ts';
export * from './access/evaluate.ts';
export type { AwsConnectorOptions, AwsCredentialIdentity, AwsCredentialIdentityProvider } from './clients.ts';
export { DEFAULT_ASSUME_ROLE_NAME, DEFAULT_REGIONS } from './clients.ts';

/**
 * The AWS connector: read-only SDK v3 calls, one service module per AWS service (fetch → pure normalize), then
 * the access analysis. See MODEL.md for the asset ids, kinds and edges it produces.
 */
/** `config` (the parsed configuration) fills what `options` leaves unset. */
export function createAwsConnector(options: AwsConnectorOptions = {}, config: AwsConfig = {}): Connector {
  const resolved = resolveAwsOptions(options, config);
  const factory = new AwsClientFactory(resolved);
  const services: ServiceModule[] = [
    iamModule(factory),
    bedrockModule(factory),
    bedrockAgentModule(factory),
    agentCoreModule(factory),
    sagemakerModule(factory),
    openSearchServerlessModule(factory),
    s3Module(factory),
    kmsModule(factory),
    lambdaModule(factory),
    accessModule(),
  ];
  return {
    provider: 'aws',
    services,
    discover: (o) => discoverAwsAccounts(factory, o),
    regions(account: AccountTarget): string[] {
      const r = accountConnection(account.connection).regions;
      return r && r.length > 0 ? r : resolved.regions;
    },
  };
}
