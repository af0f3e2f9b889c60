import { describe, expect, it } from 'vitest';
import { scanAwsSim } from './helpers/aws-sim.ts';

const facts = (a: { properties: Record<string, unknown> } | undefined) =>
  (a?.properties.facts ?? {}) as Record<string, unknown>;

describe('AWS connector: Bedrock AgentCore where reads are denied', () => {
  it('keeps gateways and browsers whose Get is denied, from their list entries, with what the Get adds unknown', async () => {
    const { sim, result } = await scanAwsSim({
      seed: 7,
      denied: ['bedrock-agentcore:GetGateway', 'bedrock-agentcore:GetBrowser'],
    });
    try {
      expect(result.errors).toEqual([]);
      const of = (nativeType: string) => sim.manifest.assets.filter((a) => a.nativeType === nativeType);
      const gateways = of('AWS::BedrockAgentCore::Gateway');
      const browsers = of('AWS::BedrockAgentCore::BrowserCustom');
      expect(gateways.length).toBeGreaterThan(0);
      expect(browsers.length).toBeGreaterThan(0);
      const open = new Set(
        sim.manifest.risks.filter((r) => r.concept === 'agent-gateway-no-authorizer').map((r) => r.assetId),
      );
      expect(open.size).toBeGreaterThan(0);
      for (const g of gateways) {
        const got = result.graph.assetsById.get(g.id);
        // The list entry names the authorizer, so an open gateway is still known to be open.
        expect(facts(got).inboundAuthorizer, g.id).toEqual(
          open.has(g.id) ? 'none' : expect.stringMatching(/iam|jwt/),
        );
        // What only the Get reports (exception level, policy engine, web ACL) is unknown, never false.
        for (const fact of ['debugErrors', 'policyEngineEnforced', 'webAclAssociated'])
          expect(facts(got)[fact], `${g.id} ${fact}`).toMatchObject({
            $unknown: expect.stringContaining('GetGateway'),
          });
        // Targets are listed and read on their own: still there, still wired to the gateway.
        const targets = sim.manifest.edges.filter((e) => e.kind === 'uses-tool' && e.from === g.id);
        expect(targets.length).toBe(3);
        for (const t of targets)
          expect(result.graph.edgesByKey.has(`uses-tool|${g.id}|${t.to}`), t.to).toBe(true);
      }
      for (const b of browsers) {
        const got = facts(result.graph.assetsById.get(b.id));
        expect(got.toolType).toBe('browser');
        expect(got.sessionRecording).toMatchObject({ $unknown: expect.any(String) });
        expect(got.networkMode).toMatchObject({ $unknown: expect.any(String) });
      }
      const denied = result.gaps.filter((g) => g.service === 'bedrock-agentcore');
      expect(new Set(denied.map((g) => `${g.scope} ${g.permission}`))).toEqual(
        new Set(['item bedrock-agentcore:GetGateway', 'item bedrock-agentcore:GetBrowser']),
      );
      expect(denied.reduce((n, g) => n + g.count, 0)).toBe(gateways.length + browsers.length);
    } finally {
      await sim.close();
    }
  });
});

describe('AWS connector: AgentCore memory and token vault where reads are denied', () => {
  it('keeps memories and credential providers, with their encryption and retention unknown (gaps, never false)', async () => {
    const { sim, result } = await scanAwsSim({
      seed: 7,
      denied: ['bedrock-agentcore:GetMemory', 'bedrock-agentcore:GetTokenVault'],
    });
    try {
      expect(result.errors).toEqual([]);
      const of = (nativeType: string) => sim.manifest.assets.filter((a) => a.nativeType === nativeType);
      const memories = of('AWS::BedrockAgentCore::Memory');
      const providers = [
        ...of('AWS::BedrockAgentCore::ApiKeyCredentialProvider'),
        ...of('AWS::BedrockAgentCore::OAuth2CredentialProvider'),
      ];
      expect(memories.length).toBeGreaterThan(0);
      expect(providers.length).toBeGreaterThan(0);
      for (const m of memories) {
        const got = result.graph.assetsById.get(m.id);
        expect(got?.kind).toBe('knowledge-base');
        expect(facts(got).encryption, m.id).toMatchObject({ $unknown: expect.stringContaining('GetMemory') });
        expect(facts(got).eventRetentionDays).toMatchObject({ $unknown: expect.any(String) });
      }
      for (const p of providers) {
        const got = result.graph.assetsById.get(p.id);
        expect(got?.kind).toBe('access-key');
        expect(facts(got).encryption, p.id).toMatchObject({
          $unknown: expect.stringContaining('GetTokenVault'),
        });
        expect([...result.graph.edgesByKey.keys()].some((k) => k.startsWith(`encrypted-by|${p.id}|`))).toBe(
          false,
        );
      }
      const denied = result.gaps.filter((g) => g.service === 'bedrock-agentcore');
      expect(new Set(denied.map((g) => `${g.scope} ${g.permission}`))).toEqual(
        new Set(['item bedrock-agentcore:GetMemory', 'item bedrock-agentcore:GetTokenVault']),
      );
      // Workload identities are read in full.
      for (const w of of('AWS::BedrockAgentCore::WorkloadIdentity'))
        expect(result.graph.assetsById.get(w.id)?.kind).toBe('identity');
    } finally {
      await sim.close();
    }
  });
});

describe('AWS connector: AgentCore resource-based policies', () => {
  const isPolicyHolder = (nativeType: string) =>
    nativeType.startsWith('AWS::BedrockAgentCore::Runtime') ||
    nativeType === 'AWS::BedrockAgentCore::Gateway' ||
    nativeType === 'AWS::BedrockAgentCore::Memory';

  it('reads who a runtime lets in: the planted outside account invokes it, a missing policy is an empty list', async () => {
    const { sim, result } = await scanAwsSim({ seed: 7 });
    try {
      expect(result.errors).toEqual([]);
      const planted = sim.manifest.risks.filter(
        (r) => r.concept === 'endpoint-external-principal' && r.assetId.includes(':bedrock-agentcore:'),
      );
      expect(planted.length).toBeGreaterThan(0);
      for (const r of planted) {
        const runtime = result.graph.assetsById.get(r.assetId);
        const principals = facts(runtime).resourcePolicyPrincipals as string[];
        expect(principals).toHaveLength(1);
        const outside = /arn:aws:iam::(\d{12}):root/.exec(principals[0] ?? '')?.[1];
        expect(result.graph.edgesByKey.has(`can-invoke|aispm:external:aws:${outside}|${r.assetId}`)).toBe(
          true,
        );
      }
      const holders = sim.manifest.assets.filter((a) => isPolicyHolder(a.nativeType));
      for (const a of holders)
        expect(Array.isArray(facts(result.graph.assetsById.get(a.id)).resourcePolicyPrincipals), a.id).toBe(
          true,
        );
      expect(result.gaps.filter((g) => g.operation === 'GetResourcePolicy')).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('leaves who may invoke unknown when GetResourcePolicy is denied (a gap, never "nobody")', async () => {
    const { sim, result } = await scanAwsSim({ seed: 7, denied: ['bedrock-agentcore:GetResourcePolicy'] });
    try {
      expect(result.errors).toEqual([]);
      const holders = sim.manifest.assets.filter((a) => isPolicyHolder(a.nativeType));
      expect(holders.length).toBeGreaterThan(0);
      for (const a of holders)
        expect(facts(result.graph.assetsById.get(a.id)).resourcePolicyPrincipals, a.id).toMatchObject({
          $unknown: expect.stringContaining('bedrock-agentcore:GetResourcePolicy'),
        });
      const gaps = result.gaps.filter((g) => g.operation === 'GetResourcePolicy');
      expect(gaps.reduce((n, g) => n + g.count, 0)).toBe(holders.length);
      expect(
        result.graph.edgeList.filter(
          (e) => e.from.startsWith('aispm:external:') && e.to.includes(':bedrock-agentcore:'),
        ),
      ).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});

describe('AWS connector: AgentCore runtime endpoints and memory resource policies', () => {
  it("reads each runtime's endpoints (serves → runtime, status and versions) and the planted open endpoint and memory", async () => {
    const { sim, result } = await scanAwsSim({ seed: 7 });
    try {
      expect(result.errors).toEqual([]);
      const endpoints = sim.manifest.assets.filter(
        (a) => a.nativeType === 'AWS::BedrockAgentCore::RuntimeEndpoint',
      );
      const runtimes = sim.manifest.assets.filter(
        (a) =>
          a.nativeType.startsWith('AWS::BedrockAgentCore::Runtime#') ||
          a.nativeType === 'AWS::BedrockAgentCore::Runtime',
      );
      expect(endpoints.length).toBeGreaterThan(runtimes.length);
      for (const e of endpoints) {
        const got = result.graph.assetsById.get(e.id);
        expect(got?.kind, e.id).toBe('inference-endpoint');
        expect(got?.properties).toMatchObject({ status: 'READY', liveVersion: '1' });
        const runtime = e.id.split('/runtime-endpoint/')[0];
        expect(result.graph.edgesByKey.has(`serves|${e.id}|${runtime}`), e.id).toBe(true);
      }
      const endpointRisks = sim.manifest.risks.filter((r) => r.assetId.includes('/runtime-endpoint/'));
      expect(endpointRisks.length).toBeGreaterThan(0);
      for (const r of endpointRisks) {
        const outside = (
          facts(result.graph.assetsById.get(r.assetId)).resourcePolicyPrincipals as string[]
        )[0];
        const account = /arn:aws:iam::(\d{12}):root/.exec(outside ?? '')?.[1];
        expect(result.graph.edgesByKey.has(`can-invoke|aispm:external:aws:${account}|${r.assetId}`)).toBe(
          true,
        );
      }
      const memoryRisks = sim.manifest.risks.filter(
        (r) => r.concept === 'data-store-external-read' && r.assetId.includes(':memory/'),
      );
      expect(memoryRisks.length).toBeGreaterThan(0);
      for (const r of memoryRisks) {
        expect(facts(result.graph.assetsById.get(r.assetId)).resourcePolicyPrincipals).toEqual(['*']);
        for (const kind of ['can-read', 'can-write'])
          expect(result.graph.edgesByKey.has(`${kind}|aispm:external:aws:*|${r.assetId}`), kind).toBe(true);
      }
      // The owner-only twins: no outside principal reaches them.
      const twins = sim.manifest.assets.filter(
        (a) =>
          sim.manifest.clean.includes(a.id) &&
          (a.nativeType === 'AWS::BedrockAgentCore::Memory' ||
            a.nativeType === 'AWS::BedrockAgentCore::RuntimeEndpoint'),
      );
      expect(twins.length).toBeGreaterThan(0);
      expect(
        result.graph.edgeList.filter(
          (e) => e.from.startsWith('aispm:external:') && twins.some((t) => t.id === e.to),
        ),
      ).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('records a denied ListAgentRuntimeEndpoints as a gap and keeps the runtimes', async () => {
    const { sim, result } = await scanAwsSim({
      seed: 7,
      denied: ['bedrock-agentcore:ListAgentRuntimeEndpoints'],
    });
    try {
      expect(result.errors).toEqual([]);
      const runtimes = sim.manifest.assets.filter(
        (a) =>
          a.nativeType.startsWith('AWS::BedrockAgentCore::Runtime#') ||
          a.nativeType === 'AWS::BedrockAgentCore::Runtime',
      );
      for (const r of runtimes) expect(result.graph.assetsById.has(r.id), r.id).toBe(true);
      expect(
        [...result.graph.assetsById.values()].filter(
          (a) => a.nativeType === 'AWS::BedrockAgentCore::RuntimeEndpoint',
        ),
      ).toEqual([]);
      const gaps = result.gaps.filter((g) => g.operation === 'ListAgentRuntimeEndpoints');
      expect(gaps.map((g) => `${g.scope} ${g.permission}`)).toContain(
        'list bedrock-agentcore:ListAgentRuntimeEndpoints',
      );
      expect(gaps.reduce((n, g) => n + g.count, 0)).toBe(runtimes.length);
    } finally {
      await sim.close();
    }
  });
});

describe('AWS connector: AgentCore gateway policy engine and WAF', () => {
  it('reads whether a policy engine enforces tool calls and a web ACL fronts the gateway, as planted', async () => {
    const { sim, result } = await scanAwsSim({ seed: 7 });
    try {
      expect(result.errors).toEqual([]);
      const planted = (concept: string) =>
        new Set(sim.manifest.risks.filter((r) => r.concept === concept).map((r) => r.assetId));
      const unenforced = planted('agent-gateway-policy-not-enforced');
      const noWaf = planted('agent-gateway-no-waf');
      const gateways = sim.manifest.assets.filter((a) => a.nativeType === 'AWS::BedrockAgentCore::Gateway');
      const got = gateways.map((g) => facts(result.graph.assetsById.get(g.id)));
      expect(got.map((f) => f.policyEngineEnforced)).toEqual(gateways.map((g) => !unenforced.has(g.id)));
      expect(got.map((f) => f.webAclAssociated)).toEqual(gateways.map((g) => !noWaf.has(g.id)));
      // The estate has both sides of each.
      expect(new Set(got.map((f) => f.policyEngineEnforced))).toEqual(new Set([true, false]));
      expect(new Set(got.map((f) => f.webAclAssociated))).toEqual(new Set([true, false]));
    } finally {
      await sim.close();
    }
  });
});
