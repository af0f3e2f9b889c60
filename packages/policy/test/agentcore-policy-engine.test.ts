import { type AssetRecord, edge } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { RULES, RuleGraph } from '../src/index.ts';

/**
 * AgentCore gateways under aispm-agent-gateway-policy-permit-all: an ENFORCE-mode engine holding the unconditional
 * permit fails, a tool-scoped one passes, an engine whose policies could not be read is not evaluated (never
 * "safe"), and a gateway in LOG_ONLY mode (or with no engine) is left to aispm-agent-gateway-policy-not-enforced.
 * The Cedar engine itself is no prompt-screening guardrail, so the content-filter rule does not judge it.
 */
const ACCT = '111122223333';
const GATEWAY = `arn:aws:bedrock-agentcore:us-east-1:${ACCT}:gateway/gw-support-a1b2c3d4e5`;
const ENGINE = `arn:aws:bedrock-agentcore:us-east-1:${ACCT}:policy-engine/pe_support-a1b2c3d4e5`;

const asset = (
  id: string,
  kind: AssetRecord['kind'],
  nativeType: string,
  facts: Record<string, unknown>,
): AssetRecord => ({
  id,
  kind,
  provider: 'aws',
  accountId: ACCT,
  region: 'us-east-1',
  name: id.split('/').pop() ?? id,
  nativeType,
  properties: { facts },
  tags: {},
});

function run(ruleId: string, gateway: Record<string, unknown>, engine: Record<string, unknown> = {}) {
  const rule = RULES.find((r) => r.id === ruleId);
  const graph = new RuleGraph({
    assets: [
      asset(GATEWAY, 'agent-gateway', 'AWS::BedrockAgentCore::Gateway', {
        inboundAuthorizer: 'jwt',
        ...gateway,
      }),
      asset(ENGINE, 'guardrail', 'AWS::BedrockAgentCore::PolicyEngine', engine),
    ],
    edges: [
      edge('guarded-by', GATEWAY, ENGINE, {
        mode: gateway.policyEngineEnforced === true ? 'ENFORCE' : 'LOG_ONLY',
      }),
    ],
  });
  return rule?.evaluate({ graph }) ?? [];
}
const status = (ruleId: string, gateway: Record<string, unknown>, engine?: Record<string, unknown>) =>
  Object.fromEntries(run(ruleId, gateway, engine).map((v) => [v.assetId, v.status]));
const RULE = 'aispm-agent-gateway-policy-permit-all';
const unread = { $unknown: 'AccessDenied: bedrock-agentcore:ListPolicies' };

describe(RULE, () => {
  it('fails an ENFORCE gateway whose engine permits all, passes a scoped one', () => {
    expect(status(RULE, { policyEngineEnforced: true, policyEnginePermitsAll: true })).toEqual({
      [GATEWAY]: 'fail',
    });
    expect(status(RULE, { policyEngineEnforced: true, policyEnginePermitsAll: false })).toEqual({
      [GATEWAY]: 'pass',
    });
  });

  it('is not evaluated when the engine or its policies could not be read, or the gateway itself was not', () => {
    const v = run(RULE, { policyEngineEnforced: true, policyEnginePermitsAll: unread });
    expect(v.map((x) => x.status)).toEqual(['not-evaluated']);
    expect(v[0]?.message).toContain('ListPolicies');
    expect(status(RULE, { policyEngineEnforced: unread, policyEnginePermitsAll: unread })).toEqual({
      [GATEWAY]: 'not-evaluated',
    });
  });

  it('leaves LOG_ONLY gateways and gateways without an engine to the not-enforced rule', () => {
    expect(status(RULE, { policyEngineEnforced: false, policyEnginePermitsAll: true })).toEqual({});
    expect(status(RULE, { policyEngineEnforced: false, policyEnginePermitsAll: unread })).toEqual({});
    expect(status(RULE, { policyEngineEnforced: false })).toEqual({});
    const logOnly = run(
      'aispm-agent-gateway-policy-not-enforced',
      { policyEngineEnforced: false },
      {
        policyCount: 1,
        permitsAllUnconditionally: true,
      },
    );
    expect(logOnly.map((x) => x.status)).toEqual(['fail']);
    expect(logOnly[0]?.message).toContain('LOG_ONLY');
    expect(logOnly[0]?.evidence.properties).toMatchObject({ enginePermitsAllUnconditionally: true });
  });

  it('does not judge a Cedar policy engine as a weak prompt-attack filter', () => {
    expect(
      status('aispm-guardrail-prompt-attack-weak', { policyEngineEnforced: true }, { policyCount: 1 }),
    ).toEqual({});
  });
});
