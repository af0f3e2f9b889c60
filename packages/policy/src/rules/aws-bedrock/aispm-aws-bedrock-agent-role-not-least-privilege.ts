import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent'>({
  id: 'aispm-aws-bedrock-agent-role-not-least-privilege',
  title: 'Agent service role allows wildcard actions',
  severity: 'high',
  rationale:
    'The agent role should allow InvokeModel on its model and Retrieve on its knowledge bases, nothing more; service-wide wildcards let a hijacked agent create, change or read anything in the service.',
  remediation: {
    aws: {
      console: [
        'IAM console → the agent role → Permissions',
        "Replace wildcard statements with bedrock:InvokeModel on the agent's model ARN and bedrock:Retrieve on its knowledge-base ARNs",
      ],
    },
    azure: {
      console: [
        "Azure portal → the agent's managed identity → Azure role assignments",
        'Replace Owner, Contributor and Cognitive Services Contributor with Cognitive Services OpenAI User on its one account and Search Index Data Reader on its index',
      ],
      cli: 'az role assignment create --assignee <principal-id> --role "Cognitive Services OpenAI User" --scope <account-id> && az role assignment delete --assignee <principal-id> --role Contributor',
      terraform:
        'resource "azurerm_role_assignment" "r" { scope = azurerm_cognitive_account.ai.id role_definition_name = "Cognitive Services OpenAI User" principal_id = azurerm_user_assigned_identity.agent.principal_id }',
    },
    gcp: {
      console: [
        "IAM & Admin → IAM → the agent's service account: remove roles/aiplatform.admin, roles/editor and roles/owner",
        'Grant roles/aiplatform.user (or a custom role with the predict permissions it uses) and read-only roles on its data stores',
      ],
      cli: 'gcloud projects remove-iam-policy-binding <project> --member=serviceAccount:<sa-email> --role=roles/aiplatform.admin && gcloud projects add-iam-policy-binding <project> --member=serviceAccount:<sa-email> --role=roles/aiplatform.user',
      terraform:
        'resource "google_project_iam_member" "m" { project = "<project>" role = "roles/aiplatform.user" member = google_service_account.agent.member }',
    },
  },
  references: [REF.bedrockAgents, REF.bedrockIam],
  concepts: ['role-ai-wildcard-actions'],
  appliesTo: { kinds: ['agent'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-agentic-2026': ['ASI03'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0053', 'AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:bedrock_agent_role_least_privilege'],
  check(agent, g) {
    const roles = g.out(agent.id, 'runs-as');
    if (roles.length === 0) return null;
    // The roles' allowed service-wide wildcards (`*`, `svc:*`) and NotAction statements, as their facts list them.
    const wild = roles.flatMap((r) => {
      const statements = g.factsOf(g.asset(r.to), 'identity')?.wildcardStatements;
      return Array.isArray(statements)
        ? statements.map((s) => ({ role: r.to, actions: s.actions, source: s.source }))
        : [];
    });
    return {
      fail: wild.length > 0,
      message:
        wild.length > 0
          ? `Agent role allows ${[...new Set(wild.flatMap((w) => w.actions))].join(', ')}`
          : 'Agent role has no wildcard actions',
      evidence: { edges: edgeEvidence(roles), properties: { wildcardStatements: wild } },
    };
  },
});
