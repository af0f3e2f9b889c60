import type { AssetRecord, EdgeRecord } from '@aispm/core';
import { describe, expect, it } from 'vitest';
import { RULES, RuleGraph } from '../src/index.ts';

/**
 * AgentCore runtimes and gateways under aispm-endpoint-external-principal: a resource policy that lets an outside
 * account invoke them fails (the access analysis draws the can-invoke edge), a policy naming only the own account
 * passes, and an unread policy (GetResourcePolicy denied) is not evaluated rather than "nobody outside".
 */
const ACCT = '111122223333';
const OUTSIDER = 'aispm:external:aws:999999999999';
const RUNTIME = `arn:aws:bedrock-agentcore:us-east-1:${ACCT}:runtime/agent_support-a1b2c3d4e5`;
const GATEWAY = `arn:aws:bedrock-agentcore:us-east-1:${ACCT}:gateway/gw-support-a1b2c3d4e5`;
const MCP = `arn:aws:bedrock-agentcore:us-east-1:${ACCT}:runtime/mcp_support-a1b2c3d4e5`;

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
const unread = { $unknown: 'AccessDenied: bedrock-agentcore:GetResourcePolicy' };

function verdicts(ruleId: string, principals: unknown, edges: EdgeRecord[] = []) {
  const rule = RULES.find((r) => r.id === ruleId);
  const graph = new RuleGraph({
    assets: [
      asset(RUNTIME, 'agent', 'AWS::BedrockAgentCore::Runtime', { resourcePolicyPrincipals: principals }),
      asset(GATEWAY, 'agent-gateway', 'AWS::BedrockAgentCore::Gateway', {
        inboundAuthorizer: 'iam',
        resourcePolicyPrincipals: principals,
      }),
      asset(MCP, 'mcp-server', 'AWS::BedrockAgentCore::Runtime#mcp', {
        resourcePolicyPrincipals: principals,
      }),
      { ...asset(OUTSIDER, 'external-principal', 'aispm::ExternalPrincipal', {}), region: 'global' },
    ],
    edges,
  });
  return Object.fromEntries((rule?.evaluate({ graph }) ?? []).map((v) => [v.assetId, v.status]));
}

const invoke = (to: string, action: string): EdgeRecord => ({
  kind: 'can-invoke',
  from: OUTSIDER,
  to,
  properties: { actions: [action], via: 'resource', externalAccount: '999999999999' },
});

describe('AgentCore resource policies under aispm-endpoint-external-principal', () => {
  it('fails a runtime, MCP server and gateway an outside account may invoke through their policy', () => {
    const outside = [`arn:aws:iam::999999999999:root`];
    expect(
      verdicts('aispm-endpoint-external-principal', outside, [
        invoke(RUNTIME, 'bedrock-agentcore:InvokeAgentRuntime'),
        invoke(MCP, 'bedrock-agentcore:InvokeAgentRuntime'),
        invoke(GATEWAY, 'bedrock-agentcore:InvokeGateway'),
      ]),
    ).toEqual({ [RUNTIME]: 'fail', [MCP]: 'fail', [GATEWAY]: 'fail' });
  });

  it('passes them when the policy names only the own account, or there is none', () => {
    for (const principals of [[`arn:aws:iam::${ACCT}:root`], []])
      expect(verdicts('aispm-endpoint-external-principal', principals)).toEqual({
        [RUNTIME]: 'pass',
        [MCP]: 'pass',
        [GATEWAY]: 'pass',
      });
  });

  it('does not evaluate them when the policy could not be read, nor the guardrail-on-path rule', () => {
    expect(verdicts('aispm-endpoint-external-principal', unread)).toEqual({
      [RUNTIME]: 'not-evaluated',
      [MCP]: 'not-evaluated',
      [GATEWAY]: 'not-evaluated',
    });
    expect(verdicts('aispm-guardrail-missing-on-invocation-path', unread)).toEqual({
      [RUNTIME]: 'not-evaluated',
    });
  });
});

/**
 * A runtime endpoint (an inference endpoint serving the runtime) under aispm-endpoint-external-principal, and an
 * agent memory under aispm-data-store-external-read: judged by their own resource policies as runtimes are.
 */
describe('AgentCore runtime endpoints and memories under the resource-policy rules', () => {
  const ENDPOINT = `${RUNTIME}/runtime-endpoint/prod`;
  const MEMORY = `arn:aws:bedrock-agentcore:us-east-1:${ACCT}:memory/mem_support-a1b2c3d4e5`;
  const PUBLIC = 'aispm:external:aws:*';

  function judge(principals: unknown, edges: EdgeRecord[] = []) {
    const graph = new RuleGraph({
      assets: [
        asset(ENDPOINT, 'inference-endpoint', 'AWS::BedrockAgentCore::RuntimeEndpoint', {
          resourcePolicyPrincipals: principals,
        }),
        asset(MEMORY, 'knowledge-base', 'AWS::BedrockAgentCore::Memory', {
          resourcePolicyPrincipals: principals,
        }),
        { ...asset(OUTSIDER, 'external-principal', 'aispm::ExternalPrincipal', {}), region: 'global' },
        { ...asset(PUBLIC, 'external-principal', 'aispm::ExternalPrincipal', {}), region: 'global' },
      ],
      edges: [{ kind: 'serves', from: ENDPOINT, to: RUNTIME, properties: {} }, ...edges],
    });
    const of = (id: string) => RULES.find((r) => r.id === id)?.evaluate({ graph }) ?? [];
    return Object.fromEntries(
      [
        ...of('aispm-endpoint-external-principal'),
        ...of('aispm-data-store-external-read'),
        ...of('aispm-endpoint-data-capture-disabled'),
        ...of('aispm-endpoint-no-cmk'),
      ].map((v) => [v.assetId, v.status]),
    );
  }

  it('fails an endpoint an outside account may invoke and a memory everyone may read or write', () => {
    expect(
      judge(
        ['*'],
        [
          invoke(ENDPOINT, 'bedrock-agentcore:InvokeAgentRuntime'),
          {
            kind: 'can-write',
            from: PUBLIC,
            to: MEMORY,
            properties: { actions: ['bedrock-agentcore:CreateEvent'], public: true },
          },
        ],
      ),
    ).toEqual({ [ENDPOINT]: 'fail', [MEMORY]: 'fail' });
  });

  it('passes the owner-only twins, and never judges an endpoint for capture or a key it cannot have', () => {
    expect(judge([`arn:aws:iam::${ACCT}:root`])).toEqual({ [ENDPOINT]: 'pass', [MEMORY]: 'pass' });
  });

  it('does not evaluate them when GetResourcePolicy was denied', () => {
    expect(judge(unread)).toEqual({ [ENDPOINT]: 'not-evaluated', [MEMORY]: 'not-evaluated' });
  });
});
