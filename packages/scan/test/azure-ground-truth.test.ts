import type { CloudSim } from '@aispm/cloud-sim';
import type { Manifest } from '@aispm/core';
import { evaluateGraph } from '@aispm/policy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSim, startSmallSim } from './helpers/scan-sim.ts';

/**
 * The Azure AI Foundry part of the ground truth (the whole estate is held to its manifest in ground-truth.test.ts):
 * its risks are planted beside clean twins of the same kind, and the rules judge those twins and pass them rather
 * than skip them.
 */
describe('Azure AI Foundry risks and their clean twins (small estate)', () => {
  let sim: CloudSim;
  let manifest: Manifest;
  let findings: { ruleId: string; assetId: string }[];
  /** Rule id → the assets it judged and passed. */
  let passed: Map<string, string[]>;
  let evaluation: ReturnType<typeof evaluateGraph>;
  let scanned: Awaited<ReturnType<typeof scanSim>>['batch'];

  beforeAll(async () => {
    sim = await startSmallSim('azure');
    manifest = sim.manifest;
    const { batch, errors } = await scanSim('azure', sim, manifest);
    expect(errors).toEqual([]);
    scanned = batch;
    evaluation = evaluateGraph(batch);
    expect(evaluation.errors).toEqual([]);
    passed = new Map(
      [...evaluation.verdicts].map(([ruleId, verdicts]) => [
        ruleId,
        verdicts.filter((v) => v.status === 'pass').map((v) => v.assetId),
      ]),
    );
    findings = [...evaluation.verdicts].flatMap(([ruleId, verdicts]) =>
      verdicts.filter((v) => v.status === 'fail').map((v) => ({ ruleId, assetId: v.assetId })),
    );
  }, 120_000);
  afterAll(async () => {
    await sim?.close();
  });

  it('plants the Foundry risks beside clean twins of the same kind', () => {
    const planted = new Set(manifest.risks.filter((r) => r.provider === 'azure').map((r) => r.concept));
    expect([...planted]).toEqual(
      expect.arrayContaining([
        'agent-tool-shared-key-auth',
        'mcp-server-no-auth',
        'ai-service-threat-protection-disabled',
      ]),
    );
    const clean = new Set(manifest.clean);
    const cleanTypes = new Set(manifest.assets.filter((a) => clean.has(a.id)).map((a) => a.nativeType));
    expect([...cleanTypes]).toEqual(
      expect.arrayContaining([
        'Microsoft.CognitiveServices/accounts',
        'Microsoft.CognitiveServices/accounts/projects',
        'Microsoft.CognitiveServices/accounts/connections',
        'Microsoft.CognitiveServices/accounts/projects/connections#mcp',
      ]),
    );
    // The new rules judged their clean twins and passed them (not merely skipped them).
    const failed = new Set(findings.map((f) => `${f.ruleId}|${f.assetId}`));
    const sharedClean = manifest.assets.filter(
      (a) => clean.has(a.id) && a.nativeType === 'Microsoft.CognitiveServices/accounts/connections',
    );
    expect(sharedClean.filter((a) => failed.has(`aispm-agent-tool-shared-key-auth|${a.id}`))).toEqual([]);
    expect(passed.get('aispm-agent-tool-shared-key-auth')).toEqual(
      expect.arrayContaining(sharedClean.map((a) => a.id)),
    );
    expect(passed.get('aispm-mcp-server-no-auth')?.length).toBeGreaterThan(0);
    expect(passed.get('aispm-ai-service-threat-protection-disabled')?.length).toBeGreaterThan(0);
  });

  it('flags the Foundry agent that grounds on Bing and holds an outbound OpenAPI tool, and passes its twin', () => {
    const planted = manifest.risks
      .filter((r) => r.provider === 'azure' && r.concept === 'agent-injection-exfiltration')
      .map((r) => r.assetId);
    expect(planted.length).toBeGreaterThan(0);
    const flagged = findings
      .filter((f) => f.ruleId === 'aispm-agent-injection-exfiltration')
      .map((f) => f.assetId);
    expect([...new Set(flagged)].sort()).toEqual([...new Set(planted)].sort());
    // The twins ground on Bing too but search only their own index: judged, and passed.
    const twins = manifest.assets.filter(
      (a) =>
        a.nativeType === 'Microsoft.CognitiveServices/accounts/projects/agents' &&
        a.name.endsWith('-researcher') &&
        !planted.includes(a.id),
    );
    expect(twins.length).toBeGreaterThan(0);
    expect(passed.get('aispm-agent-injection-exfiltration')).toEqual(
      expect.arrayContaining(twins.map((a) => a.id)),
    );
  });

  it("flags the new Foundry agents' MCP tools to outside servers without auth or approval, and passes their twins", () => {
    const type = 'Microsoft.CognitiveServices/accounts/projects/agents/tools#mcp';
    const tools = manifest.assets.filter((a) => a.nativeType === type).map((a) => a.id);
    const clean = tools.filter((id) => manifest.clean.includes(id));
    expect(clean.length).toBeGreaterThan(0);
    for (const [ruleId, concept] of [
      ['aispm-mcp-server-no-auth', 'mcp-server-no-auth'],
      ['aispm-mcp-server-no-approval', 'mcp-server-no-approval'],
    ] as const) {
      const planted = manifest.risks
        .filter((r) => r.concept === concept && tools.includes(r.assetId))
        .map((r) => r.assetId);
      expect(planted.length, concept).toBeGreaterThan(0);
      const flagged = findings
        .filter((f) => f.ruleId === ruleId && tools.includes(f.assetId))
        .map((f) => f.assetId);
      expect([...new Set(flagged)].sort()).toEqual([...new Set(planted)].sort());
      // The twins (an authenticated project connection, every call approved) were judged and passed.
      expect(passed.get(ruleId)).toEqual(expect.arrayContaining(clean));
    }
    // The scout that grounds on web search and calls an outside MCP server unapproved is the exfiltration pair too.
    const scouts = manifest.risks.filter(
      (r) => r.concept === 'agent-injection-exfiltration' && r.assetId.includes('-web-scout'),
    );
    expect(scouts.length).toBeGreaterThan(0);
    const exfil = new Set(
      findings.filter((f) => f.ruleId === 'aispm-agent-injection-exfiltration').map((f) => f.assetId),
    );
    for (const r of scouts) expect(exfil.has(r.assetId)).toBe(true);
  });

  it('finds the planted path through a Foundry agent hop for hop: outside principal → project → agent → project identity → RAG documents', () => {
    // The partner group is the scanner's external principal (the manifest plants its role assignment, not an asset).
    const kinds = new Map([...manifest.assets, ...scanned.assets].map((a) => [a.id, a.kind]));
    const planted = manifest.attackPaths.filter(
      (p) => p.provider === 'azure' && p.hops.some((h) => kinds.get(h) === 'agent'),
    );
    expect(planted.length).toBeGreaterThan(0);
    for (const p of planted) {
      expect(p.hops.map((h) => kinds.get(h)).join(' > ')).toBe(
        'external-principal > ml-workspace > agent > identity > data-store',
      );
      const found = evaluation.paths.find(
        (x) => x.hops.map((h) => h.assetId).join(' > ') === p.hops.join(' > '),
      );
      // Each hop named, with the edge that led to it: the agent acts as the project's identity, which reads the store.
      expect(found?.hops.map((h) => `${h.kind} ${h.via ?? 'entry'}`)).toEqual([
        'external-principal entry',
        'ml-workspace can-invoke',
        'agent contains',
        'identity runs-as',
        'data-store can-read',
      ]);
      expect(found?.kind).toBe('theft');
      // The first choke point that cuts it is the planted one: the project, where the foreign group's role is.
      const first = evaluation.chokePoints.find((c) => found && c.paths.includes(found.fingerprint));
      expect(first?.assetId).toBe(p.chokePoint);
    }
  });
  it('flags the agents a partner-tenant group drives through its grant on their project, naming that scope, and passes the agents of projects without one', () => {
    const ruleId = 'aispm-endpoint-external-principal';
    const verdicts = evaluation.verdicts.get(ruleId) ?? [];
    const planted = manifest.risks
      .filter((r) => r.provider === 'azure' && r.concept === 'endpoint-external-principal')
      .map((r) => r.assetId);
    const agentType = 'Microsoft.CognitiveServices/accounts/projects/agents';
    const agents = manifest.assets.filter((a) => a.nativeType === agentType);
    const plantedAgents = agents.filter((a) => planted.includes(a.id)).map((a) => a.id);
    expect(plantedAgents.length).toBeGreaterThan(0);
    // The agent on the planted path is among them.
    const kinds = new Map([...manifest.assets, ...scanned.assets].map((a) => [a.id, a.kind]));
    const pathAgents = manifest.attackPaths
      .filter((p) => p.provider === 'azure')
      .flatMap((p) => p.hops.filter((h) => kinds.get(h) === 'agent'));
    expect(pathAgents.length).toBeGreaterThan(0);
    expect(plantedAgents).toEqual(expect.arrayContaining(pathAgents));
    const flagged = verdicts.filter((v) => v.status === 'fail' && kinds.get(v.assetId) === 'agent');
    expect(flagged.map((v) => v.assetId).sort()).toEqual([...plantedAgents].sort());
    for (const v of flagged) {
      // The evidence names the project the Azure AI User assignment is on: the agent's own container.
      const project = v.assetId.split('/agents/')[0] ?? '';
      const grants = v.evidence.properties.inheritedGrants as { scope: string; roleName?: string }[];
      expect(grants.map((x) => [x.scope, x.roleName])).toEqual([[project.toLowerCase(), 'Azure AI User']]);
      expect(v.message).toContain(`through a grant on ${project.toLowerCase()}`);
      // The account's Cognitive Services OpenAI User grant reaches deployments, not agents: not reported here.
      expect(v.evidence.related).toHaveLength(1);
    }
    // The twins: agents of projects no outsider holds a role on are judged and pass.
    const twins = agents.filter((a) => !planted.includes(a.id)).map((a) => a.id);
    expect(twins.length).toBeGreaterThan(0);
    expect(verdicts.filter((v) => twins.includes(v.assetId)).map((v) => v.status)).toEqual(
      twins.map(() => 'pass'),
    );
  });

  it('does not judge serverless endpoints on customer-managed keys or data capture, which they do not have', () => {
    const type = 'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints';
    const endpoints = new Set(manifest.assets.filter((a) => a.nativeType === type).map((a) => a.id));
    expect(endpoints.size).toBeGreaterThan(0);
    for (const ruleId of ['aispm-endpoint-no-cmk', 'aispm-endpoint-data-capture-disabled'])
      expect((evaluation.verdicts.get(ruleId) ?? []).filter((v) => endpoints.has(v.assetId))).toEqual([]);
  });

  it('flags the serverless endpoint with keys and no content safety, and judges and passes its clean twin', () => {
    const type = 'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints';
    const endpoints = manifest.assets.filter((a) => a.nativeType === type);
    const risky = endpoints.filter((a) => a.name.endsWith('-llama-key')).map((a) => a.id);
    const twins = endpoints.filter((a) => a.name.endsWith('-llama-aad')).map((a) => a.id);
    expect(risky.length).toBeGreaterThan(0);
    expect(twins.length).toBe(risky.length);
    const flagged = (ruleId: string) =>
      [...new Set(findings.filter((f) => f.ruleId === ruleId).map((f) => f.assetId))].sort();
    expect(flagged('aispm-endpoint-key-auth')).toEqual(expect.arrayContaining(risky));
    expect(flagged('aispm-azure-ml-serverless-content-safety-disabled')).toEqual([...risky].sort());
    const clean = new Set(manifest.clean);
    const cleanTwins = twins.filter((id) => clean.has(id));
    expect(cleanTwins.length).toBeGreaterThan(0);
    for (const ruleId of ['aispm-endpoint-key-auth', 'aispm-azure-ml-serverless-content-safety-disabled'])
      expect(passed.get(ruleId)).toEqual(expect.arrayContaining(twins));
    expect(findings.filter((f) => cleanTwins.includes(f.assetId))).toEqual([]);
  });
});
