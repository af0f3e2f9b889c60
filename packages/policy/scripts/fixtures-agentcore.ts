/**
 * Fixtures of the AgentCore gateway guard (policy engine, WAF), memory and token vault rules, in the shapes the
 * AgentCore connector stores (a gateway from GetGateway, a memory from GetMemory, a credential provider from the
 * token vault's lists and GetTokenVault). Imported by
 * build-fixtures.ts, which writes them with the rest.
 */
import { edge } from '@aispm/core';
import { assetMaker, awsPlace, type Def, type Fixture } from './fixture-kit.ts';

const ACCT = '111122223333';
const REGION = 'us-east-1';
const MEMORY = `arn:aws:bedrock-agentcore:${REGION}:${ACCT}:memory/mem_support-a1b2c3d4e5`;
const PROVIDER = `arn:aws:bedrock-agentcore:${REGION}:${ACCT}:token-vault/default/apikeycredentialprovider/crm`;
const KEY = `arn:aws:kms:${REGION}:${ACCT}:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`;
const ROLE = `arn:aws:iam::${ACCT}:role/service-role/AgentCoreMemory-support`;
const GATEWAY = `arn:aws:bedrock-agentcore:${REGION}:${ACCT}:gateway/gw-support-a1b2c3d4e5`;
const GATEWAY_ROLE = `arn:aws:iam::${ACCT}:role/service-role/AgentCoreGateway-support`;
const POLICY_ENGINE = `arn:aws:bedrock-agentcore:${REGION}:${ACCT}:policy-engine/support_tools-a1b2c3d4e5`;
const WEB_ACL = `arn:aws:wafv2:${REGION}:${ACCT}:regional/webacl/agent-gateways/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`;

const asset = assetMaker((id) => awsPlace(ACCT, REGION, id));
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

/** Cedar statements as ListPolicies returns them: the unconditional permit-all, and a tool-scoped one. */
const PERMIT_ALL = 'permit (principal, action, resource); // TODO: scope per tool';
const SCOPED = `permit (principal is AgentCore::OAuthUser, action == AgentCore::Action::"tickets___open_ticket", resource == AgentCore::Gateway::"${GATEWAY}") when { principal.hasTag("scope") };`;

/** The gateway's policy engine (a guardrail asset) with the one policy given, and the facts the connector reads. */
function policyEngine(statement: string) {
  return asset(POLICY_ENGINE, 'guardrail', 'AWS::BedrockAgentCore::PolicyEngine', {
    policyEngineId: 'support_tools-a1b2c3d4e5',
    status: 'ACTIVE',
    gateways: [{ gatewayArn: GATEWAY, mode: 'ENFORCE' }],
    policies: [
      { policyId: 'p1-a1b2c3d4e5', name: 'p1', status: 'ACTIVE', enforcementMode: 'ACTIVE', statement },
    ],
    facts: { policyCount: 1, permitsAllUnconditionally: statement === PERMIT_ALL },
  });
}

/**
 * A JWT-authorized gateway as GetGateway reports it, with the facts the connector derives: its policy engine (in
 * the mode given, or none; with `statement`, the engine and its one policy too) and its AWS WAF web ACL (or none).
 */
function gateway(mode: 'ENFORCE' | 'LOG_ONLY' | undefined, waf: boolean, statement?: string): Fixture {
  const props = {
    gatewayId: 'gw-support-a1b2c3d4e5',
    status: 'READY',
    authorizerType: 'CUSTOM_JWT',
    protocolType: 'MCP',
    gatewayUrl: `https://gw-support-a1b2c3d4e5.gateway.bedrock-agentcore.${REGION}.amazonaws.com/mcp`,
    roleArn: GATEWAY_ROLE,
    ...(mode ? { policyEngine: { arn: POLICY_ENGINE, mode } } : {}),
    ...(waf ? { webAclArn: WEB_ACL } : {}),
    facts: {
      inboundAuthorizer: 'jwt',
      debugErrors: false,
      policyEngineEnforced: mode === 'ENFORCE',
      ...(statement ? { policyEnginePermitsAll: statement === PERMIT_ALL } : {}),
      webAclAssociated: waf,
    },
  };
  return {
    target: GATEWAY,
    assets: [
      asset(GATEWAY, 'agent-gateway', 'AWS::BedrockAgentCore::Gateway', props),
      asset(GATEWAY_ROLE, 'identity', 'AWS::IAM::Role', {}),
      ...(statement ? [policyEngine(statement)] : []),
    ],
    edges: [
      edge('runs-as', GATEWAY, GATEWAY_ROLE),
      ...(statement && mode ? [edge('guarded-by', GATEWAY, POLICY_ENGINE, { mode })] : []),
    ],
  };
}

export function agentCoreFixtures(def: Def): void {
  def('aispm-agent-gateway-policy-not-enforced', gateway('LOG_ONLY', true), gateway('ENFORCE', true));
  def('aispm-agent-gateway-no-waf', gateway('ENFORCE', false), gateway('ENFORCE', true));
  def(
    'aispm-agent-gateway-policy-permit-all',
    gateway('ENFORCE', true, PERMIT_ALL),
    gateway('ENFORCE', true, SCOPED),
  );
  def('aispm-agent-memory-no-cmk', memory(30, false), memory(30, true));
  def('aispm-agent-memory-long-retention', memory(365, true), memory(30, true));
  def('aispm-agent-token-vault-no-cmk', provider(false), provider(true));
}
