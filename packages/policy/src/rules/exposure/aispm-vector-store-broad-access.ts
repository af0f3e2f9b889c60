import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-vector-store-broad-access',
  title: 'Vector store data readable or writable by broad or external principals',
  severity: 'high',
  rationale:
    'Who can read the index can read (inverted) internal documents; who can write it can plant instructions the agent will retrieve and follow (RAG poisoning).',
  remediation: {
    console: [
      'OpenSearch Serverless: Security → Data access policies → remove "*" and foreign-account principals',
      'Grant aoss:ReadDocument / aoss:WriteDocument only to the knowledge-base role and the ingestion pipeline',
    ],
  },
  references: [REF.aossData],
  concepts: ['vector-store-broad-access'],
  appliesTo: { kinds: ['vector-store'] },
  frameworks: {
    'owasp-llm-2025': ['LLM08:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM09:2026', 'LLM02:2026'],
    'owasp-agentic-2026': ['ASI06'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0085.000', 'AML.T0070', 'AML.T0082'],
  },
  gaiRisks: ['INFOSEC', 'PRIV'],
  peers: [],
  check(vs, g) {
    const broad = [
      ...g.externalWith(vs.id, 'can-read'),
      ...g.externalWith(vs.id, 'can-write'),
      ...g.externalWith(vs.id, 'can-admin'),
    ];
    return {
      fail: broad.length > 0,
      message:
        broad.length > 0
          ? `Data accessible to ${[...new Set(broad.map((b) => b.principalId))].join(', ')}`
          : 'No external or wildcard principal has data access',
      evidence: {
        edges: edgeEvidence(broad.flatMap((b) => b.chain)),
        related: [...new Set(broad.map((b) => b.principalId))],
      },
    };
  },
});
