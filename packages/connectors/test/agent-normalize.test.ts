import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeAgentCore, runtimeArnOfEndpoint } from '../src/aws/agentcore/normalize.ts';
import { normalizeModelArmor } from '../src/gcp/model-armor/normalize.ts';
import type { GcpNormalizeScope } from '../src/gcp/service.ts';

const gcpScope = JSON.parse(
  readFileSync(new URL('./fixtures/gcp/scope.json', import.meta.url), 'utf8'),
) as GcpNormalizeScope;
const facts = (b: { assets: { properties: Record<string, unknown> }[] }, i = 0) =>
  b.assets[i]?.properties.facts as Record<string, unknown>;

describe('Model Armor floor setting normalizer', () => {
  const name = `projects/${gcpScope.projectId}/locations/global/floorSetting`;
  it('reads an inspect-and-block floor setting on Vertex AI as enforced, with its filter strengths', () => {
    const b = normalizeModelArmor(
      [
        {
          name,
          filterConfig: {
            piAndJailbreakFilterSettings: { filterEnforcement: 'ENABLED', confidenceLevel: 'LOW_AND_ABOVE' },
            sdpSettings: { basicConfig: { filterEnforcement: 'ENABLED' } },
          },
          enableFloorSettingEnforcement: true,
          integratedServices: ['AI_PLATFORM'],
          aiPlatformFloorSetting: { inspectAndBlock: true },
        },
      ],
      gcpScope,
    );
    expect(b.assets[0]).toMatchObject({
      kind: 'guardrail',
      region: 'global',
      nativeType: 'modelarmor.googleapis.com/FloorSetting',
    });
    expect(facts(b)).toMatchObject({
      promptAttackFilter: 'high',
      sensitiveInformationFilter: true,
      enforcedOnInvocations: true,
    });
    expect(b.edges.map((e) => e.kind)).toEqual(['contains']);
  });
  it('calls inspect-only, not-integrated and never-configured floor settings not enforced', () => {
    const inspectOnly = {
      name,
      enableFloorSettingEnforcement: true,
      integratedServices: ['AI_PLATFORM'],
      aiPlatformFloorSetting: { inspectOnly: true },
    };
    const otherService = {
      name,
      enableFloorSettingEnforcement: true,
      integratedServices: ['GOOGLE_MCP_SERVER'],
      aiPlatformFloorSetting: { inspectAndBlock: true },
    };
    for (const raw of [inspectOnly, otherService, { name }]) {
      const f = facts(normalizeModelArmor([raw], gcpScope));
      expect(f.enforcedOnInvocations, JSON.stringify(raw)).toBe(false);
      expect(f.promptAttackFilter).toBe('none');
    }
  });
  it('reports the malicious URL filter and whether any responsible-AI (harmful content) category is filtered', () => {
    const configured = facts(
      normalizeModelArmor(
        [
          {
            name,
            filterConfig: {
              raiSettings: {
                raiFilters: [{ filterType: 'HATE_SPEECH', confidenceLevel: 'MEDIUM_AND_ABOVE' }],
              },
              maliciousUriFilterSettings: { filterEnforcement: 'ENABLED' },
            },
          },
        ],
        gcpScope,
      ),
    );
    expect(configured).toMatchObject({ maliciousUrlFilter: true, harmfulContentFilter: true });
    const bare = {
      name,
      filterConfig: {
        piAndJailbreakFilterSettings: { filterEnforcement: 'ENABLED', confidenceLevel: 'HIGH' },
        maliciousUriFilterSettings: { filterEnforcement: 'DISABLED' },
        raiSettings: { raiFilters: [] },
      },
    };
    // A floor setting never configured filters nothing either.
    for (const raw of [bare, { name }]) {
      expect(facts(normalizeModelArmor([raw], gcpScope)), JSON.stringify(raw)).toMatchObject({
        maliciousUrlFilter: false,
        harmfulContentFilter: false,
      });
    }
  });
});

describe('AgentCore normalizer', () => {
  const scope = { accountId: '111111111111', region: 'us-east-1' };
  const runtime = 'arn:aws:bedrock-agentcore:us-east-1:111111111111:runtime/mcp_docs-abc123';
  it('finds the runtime an MCP-server target invokes from its URL-encoded ARN, and nothing in other URLs', () => {
    expect(
      runtimeArnOfEndpoint(
        `https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/${encodeURIComponent(runtime)}/invocations?qualifier=DEFAULT`,
      ),
    ).toBe(runtime);
    expect(runtimeArnOfEndpoint('https://mcp.example.com/mcp')).toBeUndefined();
    expect(runtimeArnOfEndpoint('https://x.example.com/runtimes/not-an-arn/invocations')).toBeUndefined();
  });
  it('links an agent to the gateway its environment names, and judges targets by how they authenticate', () => {
    const gatewayArn = 'arn:aws:bedrock-agentcore:us-east-1:111111111111:gateway/gw-1';
    const b = normalizeAgentCore(
      {
        runtimes: [
          {
            runtime: {
              agentRuntimeArn: 'arn:aws:bedrock-agentcore:us-east-1:111111111111:runtime/agent-1',
              agentRuntimeName: 'agent',
              roleArn: 'arn:aws:iam::111111111111:role/agent',
              networkConfiguration: { networkMode: 'PUBLIC' },
              protocolConfiguration: { serverProtocol: 'HTTP' },
              environmentVariables: {
                GATEWAY_URL: 'https://gw-1.gateway/mcp',
                OPENAI_API_KEY: `sk-proj-${'a'.repeat(40)}`,
              },
            } as never,
          },
        ],
        gateways: [
          {
            gateway: {
              gatewayArn,
              gatewayId: 'gw-1',
              name: 'gw',
              gatewayUrl: 'https://gw-1.gateway/mcp',
              authorizerType: 'NONE',
            } as never,
            targets: [
              {
                target: {
                  targetId: 'T1',
                  name: 'crm',
                  targetConfiguration: { mcp: { openApiSchema: { s3: { uri: 's3://b/crm.json' } } } },
                  credentialProviderConfigurations: [{ credentialProviderType: 'API_KEY' }],
                } as never,
              },
            ],
          },
        ],
        codeInterpreters: [],
        browsers: [],
      },
      scope,
    );
    const agent = b.assets.find((a) => a.kind === 'agent');
    expect(agent?.properties.facts).toMatchObject({
      privateNetwork: false,
      guardrailId: { $unknown: expect.any(String) },
    });
    expect(
      (agent?.properties.environmentVariables as Record<string, string> | undefined)?.OPENAI_API_KEY,
    ).toMatch(/«redacted:/);
    expect(b.edges.map((e) => `${e.kind} ${e.from} ${e.to}`)).toEqual(
      expect.arrayContaining([
        `uses-tool ${agent?.id} ${gatewayArn}`,
        `exposed-to-internet aispm:internet ${gatewayArn}`,
        `uses-tool ${gatewayArn} ${gatewayArn}/target/T1`,
      ]),
    );
    expect(b.assets.find((a) => a.kind === 'agent-tool')?.properties.facts).toEqual({
      secretFindings: [],
      toolType: 'api',
      credentialType: 'api-key',
    });
    expect(b.assets.some((a) => a.kind === 'internet')).toBe(true);
  });
});
