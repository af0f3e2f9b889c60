import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent'>({
  id: 'aispm-agent-excessive-agency',
  title: "Agent's tools run as identities that can write or delete data",
  severity: 'high',
  rationale:
    'An agent can be steered by anything it reads (indirect prompt injection). When the functions behind its tools run as roles that can write, delete or administer data stores, a manipulated plan turns into data destruction or tampering.',
  remediation: {
    aws: {
      console: [
        'Scope each action-group function role to read-only on the resources the tool needs',
        'Move write operations behind a human confirmation step (Bedrock "user confirmation" on the action group)',
        'Split write-capable tools into a separate agent reachable only by trusted callers',
      ],
    },
    azure: {
      console: [
        'Azure portal → the managed identity of the Foundry project / tool function → Azure role assignments',
        'Replace Owner, Contributor and Storage Blob Data Contributor with reader roles scoped to the resources the tool reads',
        'Put write-capable tools behind a human approval step (e.g. a Logic App approval) or in a separate agent only trusted callers reach',
      ],
      cli: 'az role assignment delete --assignee <principal-id> --role "Storage Blob Data Contributor" --scope <scope> && az role assignment create --assignee <principal-id> --role "Storage Blob Data Reader" --scope <container-id>',
      terraform:
        'resource "azurerm_role_assignment" "r" { scope = azurerm_storage_container.docs.id role_definition_name = "Storage Blob Data Reader" principal_id = azurerm_user_assigned_identity.agent.principal_id }',
    },
    gcp: {
      console: [
        'IAM & Admin → IAM → the service account the Agent Engine agent or its tool function runs as',
        'Remove roles/editor, roles/storage.admin and roles/storage.objectAdmin; grant roles/storage.objectViewer on the buckets the tool reads',
        'Keep write tools behind human confirmation in the agent framework, or in a separate agent',
      ],
      cli: 'gcloud projects remove-iam-policy-binding <project> --member=serviceAccount:<sa-email> --role=roles/storage.objectAdmin && gcloud storage buckets add-iam-policy-binding gs://<bucket> --member=serviceAccount:<sa-email> --role=roles/storage.objectViewer',
      terraform:
        'resource "google_storage_bucket_iam_member" "tool_read" { bucket = google_storage_bucket.docs.name role = "roles/storage.objectViewer" member = google_service_account.agent.member }',
    },
  },
  references: [REF.bedrockAgents, REF.owaspAgentic],
  concepts: ['agent-excessive-agency'],
  appliesTo: { kinds: ['agent'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-agentic-2026': ['ASI02', 'ASI03'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0053', 'AML.T0086'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  check(agent, g) {
    const identities = g.agentIdentities(agent.id);
    if (identities.length === 0) return null;
    // Only what the agent's identities are granted: a bucket writable by everyone is the bucket's finding.
    const writes = g.agentWriteGrants(agent.id);
    const pathEdges = [
      ...g.out(agent.id, ['uses-tool', 'runs-as']),
      ...g.out(agent.id, 'uses-tool').flatMap((t) => g.out(t.to, 'implemented-by')),
      ...g
        .out(agent.id, 'uses-tool')
        .flatMap((t) => g.out(t.to, 'implemented-by').flatMap((f) => g.out(f.to, 'runs-as'))),
    ];
    return {
      fail: writes.length > 0,
      message:
        writes.length > 0
          ? `Agent can write to ${[...new Set(writes.map((w) => w.edge.to))].join(', ')} through ${[...new Set(writes.map((w) => w.identity.identityId))].join(', ')}`
          : 'Agent identities are read-only',
      evidence: {
        edges: edgeEvidence([...pathEdges, ...writes.map((w) => w.edge)]),
        related: [...new Set(writes.map((w) => w.edge.to))],
      },
    };
  },
});
