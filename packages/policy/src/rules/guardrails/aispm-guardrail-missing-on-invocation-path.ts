import type { AssetRecord } from '@aispm/core';
import { defineAssetRule } from '../../define.ts';
import { edgeEvidence, type RuleGraph } from '../../graph.ts';
import { REF } from '../common.ts';

/** Guarded when the surface itself, the model it serves, or the AI service hosting it passes a guardrail. */
function guardEdges(g: RuleGraph, asset: AssetRecord) {
  const direct = g.out(asset.id, 'guarded-by');
  if (direct.length > 0) return direct;
  for (const e of g.out(asset.id, ['serves', 'uses-model'])) {
    const via = g.out(e.to, 'guarded-by');
    if (via.length > 0) return via;
  }
  for (const c of g.in(asset.id, 'contains')) {
    const via = g.out(c.from, 'guarded-by');
    if (via.length > 0) return via;
  }
  return [];
}

export default defineAssetRule({
  id: 'aispm-guardrail-missing-on-invocation-path',
  title: 'Generative model reachable from outside the organisation with no guardrail on the path',
  severity: 'high',
  rationale:
    'A model that the internet or outside principals can prompt, with no guardrail / content filter between them and the model, has no runtime defence against prompt injection, jailbreaks or harmful output.',
  remediation: {
    console: [
      'Create a guardrail / content filter with prompt-attack, content and PII filters',
      'Attach it to the invocation surface (agent guardrail, Converse guardrailConfig, Azure content filter on the deployment, Model Armor template)',
      'Or remove the outside reachability (private endpoint, tighter invoke permissions)',
    ],
  },
  references: [REF.bedrockGuardrails],
  concepts: ['guardrail-missing'],
  // An AI service account is judged through its deployments (each carries its own content filter).
  appliesTo: { kinds: ['agent', 'provisioned-throughput', 'inference-endpoint', 'model'] },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM05:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM10:2026'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0051', 'AML.T0054', 'AML.T0093'],
  },
  gaiRisks: ['INFOSEC', 'DVH'],
  peers: [],
  check(asset, g) {
    // Foundation-model catalogue entries are not an invocation surface of the tenant.
    if (asset.kind === 'model' && asset.nativeType === 'AWS::Bedrock::FoundationModel') return null;
    // A deployment is reached through the AI service account that hosts it.
    const hosts =
      asset.kind === 'model'
        ? g.in(asset.id, 'contains').filter((e) => g.asset(e.from)?.kind === 'ai-service')
        : [];
    const reaches = [g.outsideReach(asset.id), ...hosts.map((h) => g.outsideReach(h.from))];
    const reach = {
      reachable: reaches.some((r) => r.reachable),
      edges: [...hosts, ...reaches.flatMap((r) => r.edges)],
      related: reaches.flatMap((r) => r.related),
    };
    if (!reach.reachable) return null;
    const guards = guardEdges(g, asset);
    return {
      fail: guards.length === 0,
      message:
        guards.length === 0
          ? 'Reachable from outside the organisation and no guardrail is applied'
          : `Guarded by ${guards.map((e) => e.to).join(', ')}`,
      evidence: { edges: edgeEvidence([...reach.edges, ...guards]), related: reach.related },
    };
  },
});
