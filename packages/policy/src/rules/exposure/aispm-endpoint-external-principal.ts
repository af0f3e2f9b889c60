import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

/** Agents and the AgentCore resources around them (runtimes and gateways carry resource-based policies). */
type AgentKind = 'agent' | 'mcp-server' | 'agent-gateway';

export default defineAssetRule<
  'inference-endpoint' | 'model' | 'provisioned-throughput' | 'ai-service' | AgentKind
>({
  id: 'aispm-endpoint-external-principal',
  title: 'Inference endpoint, model or agent invocable by a principal outside the organisation',
  severity: 'high',
  rationale:
    'A principal outside the organisation (a foreign account, a wildcard trust, a federated identity) that can invoke the model or agent — directly, through a resource policy that names it (an AgentCore runtime or gateway), or by assuming a role that can — may extract the model, infer its training data, drive the agent and its tools, leak data through it, or run up its cost.',
  remediation: {
    aws: {
      console: [
        'Find the access chain in the finding evidence (trust policy → role → invoke permission, or a resource policy)',
        'Remove the external principal from the trust policy, or require aws:PrincipalOrgID / sts:ExternalId conditions',
        'AgentCore runtime or gateway: Bedrock AgentCore console → the runtime (or gateway) → Resource-based policy: remove foreign-account and "*" principals, or require aws:PrincipalOrgID',
        'Scope the invoke permission to the identities that need it',
      ],
      cli: 'aws bedrock-agentcore-control delete-resource-policy --resource-arn <runtime-or-gateway-arn>   # or put-resource-policy --resource-arn <arn> --policy file://own-org-only.json; for a role: aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json',
      terraform:
        'resource "aws_bedrockagentcore_resource_policy" "p" { resource_arn = aws_bedrockagentcore_agent_runtime.a.agent_runtime_arn policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "bedrock-agentcore:InvokeAgentRuntime", Resource = "*", Condition = { StringEquals = { "aws:PrincipalOrgID" = "<org-id>" } } }] }) }',
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
  references: [REF.iamTrust, REF.bedrockIam, REF.agentCoreResourcePolicy],
  concepts: ['endpoint-external-principal'],
  appliesTo: {
    kinds: [
      'inference-endpoint',
      'model',
      'agent',
      'provisioned-throughput',
      'ai-service',
      'mcp-server',
      'agent-gateway',
    ],
  },
  // An AgentCore runtime's or gateway's resource policy draws who outside may invoke it: unread, not evaluated.
  needsFor: {
    agent: ['resourcePolicyPrincipals'],
    'mcp-server': ['resourcePolicyPrincipals'],
    'agent-gateway': ['resourcePolicyPrincipals'],
  },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM06:2026', 'LLM02:2026'],
    'owasp-agentic-2026': ['ASI03', 'ASI07'],
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
