import type { AssetRecord } from '@aispm/core';
import type { IndexedEdge } from '@aispm/paths';
import { defineAssetRule } from '../../define.ts';
import { edgeEvidence, type RuleGraph } from '../../graph.ts';

/** Assets that put a model in front of callers: endpoints / throughput that serve it, agents and KBs that use it. */
function consumers(g: RuleGraph, model: AssetRecord): { asset: AssetRecord; edge: IndexedEdge }[] {
  return [
    ...g.neighbours(model.id, { kinds: ['serves', 'uses-model'], direction: 'in' }),
    ...g
      .neighbours(model.id, { kinds: ['contains'], direction: 'in' })
      .filter((n) => n.asset.kind === 'ai-service'),
  ];
}

export default defineAssetRule<'model'>({
  id: 'aispm-sensitive-model-internet-facing',
  title: 'Model trained on sensitive data is served to an internet-facing consumer',
  severity: 'high',
  rationale:
    'Models memorise training data. A model fine-tuned on data classified confidential / PII that the internet or outside principals can query is exposed to training-data extraction, membership inference and model inversion.',
  remediation: {
    aws: {
      console: [
        'Remove outside reachability from the serving endpoint / agent (private networking, scoped invoke permissions)',
        'Or retrain on de-identified data, and add output PII filtering (guardrail sensitive-information filter)',
      ],
    },
    azure: {
      console: [
        'Disable public network access on the serving endpoint / AI account and reach it through a private endpoint',
        'Or retrain on de-identified data and filter PII out of responses (Azure AI Language PII detection, content filters)',
      ],
      cli: 'az ml online-endpoint update --name <ep> --resource-group <rg> --workspace-name <ws> --set public_network_access=disabled',
    },
    gcp: {
      console: [
        'Serve the model from a private (Private Service Connect) endpoint and remove broad aiplatform.user grants',
        'Or retrain on de-identified data (Sensitive Data Protection) and screen responses with a Model Armor sensitive-data filter',
      ],
      cli: 'gcloud model-armor templates create <template> --location=<region> --basic-config-filter-enforcement=enabled',
    },
  },
  references: ['https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/'],
  concepts: ['sensitive-model-internet-facing'],
  appliesTo: { kinds: ['model'] },
  frameworks: {
    'owasp-llm-2025': ['LLM02:2025'],
    'owasp-llm-2026': ['LLM02:2026'],
    'owasp-ml-2023': ['ML03:2023', 'ML04:2023'],
    'nist-ai-600-1': ['MS-2.2-002', 'MS-2.7-001'],
    'mitre-atlas': ['AML.T0024.000', 'AML.T0024.001', 'AML.T0057'],
  },
  gaiRisks: ['PRIV'],
  peers: [],
  check(model, g) {
    const training = g.out(model.id, 'trained-on');
    const sensitive = training.filter((e) => {
      const store = g.asset(e.to);
      return store ? g.isSensitive(store) : false;
    });
    if (sensitive.length === 0) return null;
    const reach = [{ asset: model, edge: undefined as IndexedEdge | undefined }, ...consumers(g, model)].map(
      (c) => ({
        ...c,
        outside: g.outsideReach(c.asset.id),
      }),
    );
    const facing = reach.filter((r) => r.outside.reachable);
    return {
      fail: facing.length > 0,
      message:
        facing.length > 0
          ? `Trained on ${sensitive.map((e) => e.to).join(', ')} and reachable from outside through ${facing.map((f) => f.asset.id).join(', ')}`
          : 'Trained on sensitive data but not reachable from outside',
      evidence: {
        edges: edgeEvidence([
          ...sensitive,
          ...facing.flatMap((f) => (f.edge ? [f.edge] : [])),
          ...facing.flatMap((f) => f.outside.edges),
        ]),
        related: [...sensitive.map((e) => e.to), ...facing.map((f) => f.asset.id)],
        properties: {
          trainingDataTags: Object.fromEntries(sensitive.map((e) => [e.to, g.asset(e.to)?.tags ?? {}])),
        },
      },
    };
  },
});
