import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';

export default defineAssetRule<'identity', 'primitiveRoles' | 'serviceIdentity'>({
  id: 'aispm-identity-primitive-role',
  title: 'AI workload identity holds Owner / Editor / administrator roles',
  severity: 'high',
  rationale:
    'A notebook, training job, endpoint or agent running as an administrator turns any code execution in the workload (a malicious model file, a prompt-injected tool call) into full control of the account or project.',
  remediation: {
    aws: {
      console: [
        'Give the workload a dedicated identity with only the data and service permissions it uses',
        'Remove Owner / Editor / AdministratorAccess from the current one',
      ],
    },
    azure: {
      console: [
        'Azure portal → the subscription or resource group → Access control (IAM) → Role assignments',
        "Remove Owner / Contributor from the workload's managed identity and grant narrow roles (e.g. Storage Blob Data Reader, Cognitive Services OpenAI User) at resource scope",
      ],
      cli: 'az role assignment delete --assignee <principal-id> --role Contributor --scope /subscriptions/<subscription-id>',
      terraform:
        'resource "azurerm_role_assignment" "r" { scope = azurerm_cognitive_account.ai.id role_definition_name = "Cognitive Services OpenAI User" principal_id = azurerm_user_assigned_identity.workload.principal_id }',
    },
    gcp: {
      console: [
        'IAM & Admin → IAM → the service account: remove the basic roles roles/owner and roles/editor',
        'Grant predefined roles for what it uses (roles/aiplatform.user, roles/storage.objectViewer on its buckets)',
        'Turn off automatic Editor grants to default service accounts (iam.automaticIamGrantsForDefaultServiceAccounts)',
      ],
      cli: 'gcloud projects remove-iam-policy-binding <project> --member=serviceAccount:<sa-email> --role=roles/editor',
      terraform:
        'resource "google_project_iam_member" "m" { project = "<project>" role = "roles/aiplatform.user" member = google_service_account.agent.member }',
    },
  },
  references: [
    'https://cloud.google.com/iam/docs/understanding-roles#basic',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
  ],
  concepts: ['identity-primitive-role'],
  appliesTo: { kinds: ['identity'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  needs: ['primitiveRoles', 'serviceIdentity'],
  check(identity, g) {
    const workloads = g.in(identity.id, 'runs-as').filter((e) => {
      const a = g.asset(e.from);
      return a ? g.isAiAsset(a) || a.kind === 'function' : false;
    });
    // Service identities are workloads by definition; AWS roles count only when a workload runs as them.
    if (workloads.length === 0 && identity.facts.serviceIdentity !== true) return null;
    const roles = identity.facts.primitiveRoles ?? [];
    return {
      fail: roles.length > 0,
      message:
        roles.length > 0
          ? `Workload identity holds ${roles.join(', ')}`
          : 'No primitive / administrator role',
      evidence: { properties: { primitiveRoles: roles }, edges: edgeEvidence(workloads) },
    };
  },
});
