/**
 * Fixtures of the AgentCore memory and token vault rules, in the shapes the AgentCore connector stores (a memory
 * from GetMemory, a credential provider from the token vault's lists and GetTokenVault). Imported by
 * build-fixtures.ts, which writes them with the rest.
 */
import type { AssetKind, AssetRecord, EdgeRecord } from '@aispm/core';

interface Fixture {
  target: string;
  assets: AssetRecord[];
  edges: EdgeRecord[];
}
type Def = (id: string, failing: Fixture, passing: Fixture) => void;

const ACCT = '111122223333';
const REGION = 'us-east-1';
const MEMORY = `arn:aws:bedrock-agentcore:${REGION}:${ACCT}:memory/mem_support-a1b2c3d4e5`;
const PROVIDER = `arn:aws:bedrock-agentcore:${REGION}:${ACCT}:token-vault/default/apikeycredentialprovider/crm`;
const KEY = `arn:aws:kms:${REGION}:${ACCT}:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`;
const ROLE = `arn:aws:iam::${ACCT}:role/service-role/AgentCoreMemory-support`;

function asset(
  id: string,
  kind: AssetKind,
  nativeType: string,
  properties: Record<string, unknown>,
): AssetRecord {
  return {
    id,
    kind,
    provider: 'aws',
    accountId: ACCT,
    region: id.startsWith('arn:aws:iam') ? 'global' : REGION,
    name: id.split('/').pop() ?? id,
    nativeType,
    properties,
    tags: {},
  };
}
const edge = (kind: EdgeRecord['kind'], from: string, to: string): EdgeRecord => ({
  kind,
  from,
  to,
  properties: {},
});
const cmk = () => asset(KEY, 'key', 'AWS::KMS::Key', { keyManager: 'CUSTOMER', keyRotationEnabled: true });
const role = () => asset(ROLE, 'identity', 'AWS::IAM::Role', {});

/** A memory as GetMemory reports it, with its execution role (and key, when it names one). */
function memory(eventExpiryDuration: number, key: boolean): Fixture {
  const props = {
    memoryId: 'mem_support-a1b2c3d4e5',
    status: 'ACTIVE',
    eventExpiryDuration,
    memoryExecutionRoleArn: ROLE,
    ...(key ? { encryptionKeyArn: KEY } : {}),
    strategies: [
      { strategyId: 'facts-1', name: 'facts', type: 'SEMANTIC', namespaces: ['/facts/{actorId}/'] },
    ],
  };
  return {
    target: MEMORY,
    assets: [
      asset(MEMORY, 'knowledge-base', 'AWS::BedrockAgentCore::Memory', props),
      role(),
      ...(key ? [cmk()] : []),
    ],
    edges: [edge('runs-as', MEMORY, ROLE), ...(key ? [edge('encrypted-by', MEMORY, KEY)] : [])],
  };
}

/** An API key credential provider in the default token vault, under the vault's KMS configuration. */
function provider(customerKey: boolean): Fixture {
  const props = {
    secretType: 'api-key',
    tokenVaultId: 'default',
    tokenVaultKeyType: customerKey ? 'CustomerManagedKey' : 'ServiceManagedKey',
    ...(customerKey ? { tokenVaultKmsKeyArn: KEY } : { facts: { encryption: { cmk: false } } }),
  };
  return {
    target: PROVIDER,
    assets: [
      asset(PROVIDER, 'access-key', 'AWS::BedrockAgentCore::ApiKeyCredentialProvider', props),
      ...(customerKey ? [cmk()] : []),
    ],
    edges: customerKey ? [edge('encrypted-by', PROVIDER, KEY)] : [],
  };
}

export function agentCoreFixtures(def: Def): void {
  def('aispm-agent-memory-no-cmk', memory(30, false), memory(30, true));
  def('aispm-agent-memory-long-retention', memory(365, true), memory(30, true));
  def('aispm-agent-token-vault-no-cmk', provider(false), provider(true));
}
