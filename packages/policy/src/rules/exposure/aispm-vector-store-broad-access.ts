import { defineAssetRule } from '../../define.ts';
import { edgeEvidence, type RuleGraph } from '../../graph.ts';
import type { FactAsset } from '../../types.ts';
import { REF } from '../common.ts';

const DATA_PERMISSION = /^aoss:(\*|.*Document|.*Index)/i;

/**
 * Principals in the store's own data access policies (OpenSearch Serverless `dataAccessPolicies`) that are
 * broad: "*", a whole account (`:root`), or an account outside the organisation.
 */
function broadPolicyPrincipals(
  vs: FactAsset<'vector-store', 'dataAccessPolicies'>,
  g: RuleGraph,
): { policy: string; principal: string; permissions: string[] }[] {
  const orgAccounts = new Set([vs.accountId, ...g.ofKind('account').map((a) => a.accountId)]);
  const out: { policy: string; principal: string; permissions: string[] }[] = [];
  for (const { policy, principals, permissions } of vs.facts.dataAccessPolicies ?? []) {
    if (!permissions.some((x) => DATA_PERMISSION.test(x))) continue;
    for (const principal of principals) {
      const account = /^arn:aws:iam::(\d{12}):/.exec(principal)?.[1];
      const broad =
        principal === '*' ||
        principal.endsWith(':root') ||
        (account !== undefined && !orgAccounts.has(account));
      if (broad) out.push({ policy, principal, permissions });
    }
  }
  return out;
}

export default defineAssetRule<'vector-store', 'dataAccessPolicies'>({
  id: 'aispm-vector-store-broad-access',
  title: 'Vector store data readable or writable by broad or external principals',
  severity: 'high',
  rationale:
    'Who can read the index can read (inverted) internal documents; who can write it can plant instructions the agent will retrieve and follow (RAG poisoning).',
  remediation: {
    aws: {
      console: [
        'OpenSearch Serverless: Security → Data access policies → remove "*" and foreign-account principals',
        'Grant aoss:ReadDocument / aoss:WriteDocument only to the knowledge-base role and the ingestion pipeline',
      ],
    },
    azure: {
      console: [
        'Azure AI Search → Access control (IAM): remove Search Index Data Reader / Contributor from guest, foreign-tenant and broad groups',
        'Grant them only to the agent or application identities and the indexer; turn API keys off',
      ],
      cli: 'az role assignment delete --assignee <principal-id> --role "Search Index Data Contributor" --scope <search-service-id>',
    },
    gcp: {
      console: [
        'Vertex AI Vector Search: remove outside members, allUsers and allAuthenticatedUsers from roles/aiplatform.user and roles/aiplatform.admin',
        'Serve the index from a private (Private Service Connect) index endpoint only the application reaches',
      ],
      cli: 'gcloud projects remove-iam-policy-binding <project> --member=<member> --role=roles/aiplatform.user',
    },
  },
  references: [REF.aossData],
  concepts: ['vector-store-broad-access'],
  appliesTo: { kinds: ['vector-store'] },
  // Read from the facts below: when one could not be read the verdict is not-evaluated, never a pass.
  needs: ['dataAccessPolicies'],
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
    const policyGrants = broadPolicyPrincipals(vs, g);
    const broad = [
      ...g.externalWith(vs.id, 'can-read'),
      ...g.externalWith(vs.id, 'can-write'),
      ...g.externalWith(vs.id, 'can-admin'),
    ];
    if (policyGrants.length > 0) {
      return {
        fail: true,
        message: `Data access policy grants ${policyGrants.map((p) => `${p.permissions.join('/')} to ${p.principal}`).join(', ')}`,
        evidence: {
          properties: { dataAccessPolicies: policyGrants },
          edges: edgeEvidence(broad.flatMap((b) => b.chain)),
        },
      };
    }
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
