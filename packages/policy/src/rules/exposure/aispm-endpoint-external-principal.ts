import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<
  'inference-endpoint' | 'model' | 'agent' | 'provisioned-throughput' | 'ai-service'
>({
  id: 'aispm-endpoint-external-principal',
  title: 'Inference endpoint, model or agent invocable by a principal outside the organisation',
  severity: 'high',
  rationale:
    'A principal outside the organisation (a foreign account, a wildcard trust, a federated identity) that can invoke the model — directly or by assuming a role that can — may extract the model, infer its training data, leak data through it, or run up its cost.',
  remediation: {
    aws: {
      console: [
        'Find the access chain in the finding evidence (trust policy → role → invoke permission)',
        'Remove the external principal from the trust policy, or require aws:PrincipalOrgID / sts:ExternalId conditions',
        'Scope the invoke permission to the identities that need it',
      ],
    },
    azure: {
      console: [
        'Follow the access chain in the finding evidence (guest or foreign-tenant principal → role assignment → endpoint or AI account)',
        'Remove the role assignment, or the foreign service principal from the tenant (Entra ID → Enterprise applications)',
        'Grant invoke roles (Cognitive Services OpenAI User, AzureML Data Scientist) only to your own identities at resource scope',
      ],
      cli: 'az role assignment delete --assignee <foreign-principal-id> --scope <resource-id>',
    },
    gcp: {
      console: [
        'Follow the access chain in the finding evidence (outside member → IAM binding → endpoint or service account)',
        'Remove the binding for the outside member (roles/aiplatform.user, Service Account User / Token Creator)',
        'Enforce Domain restricted sharing (iam.allowedPolicyMemberDomains) on the organisation',
      ],
      cli: 'gcloud projects remove-iam-policy-binding <project> --member=<outside-member> --role=roles/aiplatform.user',
    },
  },
  references: [REF.iamTrust, REF.bedrockIam],
  concepts: ['endpoint-external-principal'],
  appliesTo: { kinds: ['inference-endpoint', 'model', 'agent', 'provisioned-throughput', 'ai-service'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM06:2026', 'LLM02:2026'],
    'owasp-ml-2023': ['ML05:2023', 'ML03:2023', 'ML04:2023'],
    'nist-ai-600-1': ['MS-2.7-001', 'GV-6.1-007'],
    'mitre-atlas': ['AML.T0040', 'AML.T0024', 'AML.T0012'],
  },
  gaiRisks: ['INFOSEC', 'PRIV', 'IP'],
  peers: [],
  check(asset, g) {
    if (asset.kind === 'model' && asset.nativeType === 'AWS::Bedrock::FoundationModel') return null;
    const external = g.externalWith(asset.id, 'can-invoke');
    return {
      fail: external.length > 0,
      message:
        external.length > 0
          ? `Invocable by ${external.map((r) => r.principalId).join(', ')}`
          : 'No principal outside the organisation can invoke it',
      evidence: {
        edges: edgeEvidence(external.flatMap((r) => r.chain)),
        related: external.map((r) => r.principalId),
      },
    };
  },
});
