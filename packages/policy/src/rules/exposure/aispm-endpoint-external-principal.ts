import { defineAssetRule } from '../../define.ts';
import { edgeEvidence, type InheritedReach } from '../../graph.ts';
import { REF } from '../common.ts';

/**
 * Whether a grant on a host reaches the agents it hosts. An Azure role assignment records its role's data actions:
 * it does when one of them covers the Agent Service's data plane (`Microsoft.CognitiveServices/*` as Azure AI User
 * holds, `…/accounts/AIServices/agents/…`), not when they stay on the Azure OpenAI data plane (Cognitive Services
 * OpenAI User: `…/accounts/OpenAI/…`), which invokes deployments, not agents. A grant that records no data actions
 * (another cloud's access edge) is taken as the graph draws it.
 */
function drivesAgents(reach: InheritedReach): boolean {
  const dataActions = reach.chain.at(-1)?.properties?.dataActions;
  if (!Array.isArray(dataActions)) return true;
  return dataActions.some((raw) => {
    if (typeof raw !== 'string') return false;
    const a = raw.toLowerCase();
    if (a.includes('/agents/')) return true;
    const pattern = new RegExp(`^${a.replace(/[.+^${}()|[\]\\/-]/g, '\\$&').replace(/\*/g, '.*')}$`);
    return pattern.test(AGENT_DATA_ACTION);
  });
}

/** A data action of the Foundry Agent Service (creating threads and runs on an agent). */
const AGENT_DATA_ACTION = 'microsoft.cognitiveservices/accounts/aiservices/agents/write';

/** Agents and the AgentCore resources around them (runtimes, their endpoints and gateways carry resource-based policies). */
type AgentKind = 'agent' | 'mcp-server' | 'agent-gateway';

export default defineAssetRule<
  'inference-endpoint' | 'model' | 'provisioned-throughput' | 'ai-service' | AgentKind
>({
  id: 'aispm-endpoint-external-principal',
  title: 'Inference endpoint, model or agent invocable by a principal outside the organisation',
  severity: 'high',
  rationale:
    'A principal outside the organisation (a foreign account, a wildcard trust, a federated identity) that can invoke the model or agent — directly, through a resource policy that names it (an AgentCore runtime, runtime endpoint or gateway), by assuming a role that can, or, for an agent, through a grant on the AI service or workspace that hosts it (an Azure AI Foundry project or account: role assignments there are inherited by its agents) — may extract the model, infer its training data, drive the agent and its tools, leak data through it, or run up its cost.',
  remediation: {
    aws: {
      console: [
        'Find the access chain in the finding evidence (trust policy → role → invoke permission, or a resource policy)',
        'Remove the external principal from the trust policy, or require aws:PrincipalOrgID / sts:ExternalId conditions',
        'AgentCore runtime, runtime endpoint or gateway: Bedrock AgentCore console → the runtime (its Endpoints tab for an endpoint, e.g. DEFAULT or a named one) or the gateway → Resource-based policy: remove foreign-account and "*" principals, or require aws:PrincipalOrgID',
        "A runtime endpoint has a policy of its own beside the runtime's: review both (list them with aws bedrock-agentcore-control list-agent-runtime-endpoints --agent-runtime-id <id>)",
        'Scope the invoke permission to the identities that need it',
      ],
      cli: 'aws bedrock-agentcore-control delete-resource-policy --resource-arn <runtime-or-endpoint-or-gateway-arn>   # an endpoint ARN is <runtime-arn>/runtime-endpoint/<name>; or put-resource-policy --resource-arn <arn> --policy file://own-org-only.json; for a role: aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json',
      terraform:
        'resource "aws_bedrockagentcore_resource_policy" "p" { resource_arn = aws_bedrockagentcore_agent_runtime.a.agent_runtime_arn policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "bedrock-agentcore:InvokeAgentRuntime", Resource = "*", Condition = { StringEquals = { "aws:PrincipalOrgID" = "<org-id>" } } }] }) }',
    },
    azure: {
      console: [
        'Follow the access chain in the finding evidence (guest or foreign-tenant principal → role assignment → endpoint, AI account or Foundry project); for an agent, the evidence names the scope of the inherited grant (inheritedGrants)',
        'Remove the role assignment at that scope (Foundry project or account → Access control (IAM) → Role assignments), or the foreign service principal from the tenant (Entra ID → Enterprise applications)',
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
  // An AgentCore runtime's, runtime endpoint's or gateway's resource policy draws who outside may invoke it:
  // unread, not evaluated. Other inference endpoints never carry the fact and are judged as before.
  needsFor: {
    'inference-endpoint': ['resourcePolicyPrincipals'],
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
    // An agent is driven through the project (or account) that hosts it: a grant there is a grant on the agent.
    const inherited =
      asset.kind === 'agent' ? g.externalThroughHosts(asset.id, 'can-invoke').filter(drivesAgents) : [];
    const principals = [...new Set([...external, ...inherited].map((r) => r.principalId))];
    const through = (id: string) =>
      [...new Set(inherited.filter((r) => r.principalId === id).map((r) => r.scope))].join(', ');
    return {
      fail: principals.length > 0,
      message:
        principals.length > 0
          ? `Invocable by ${principals
              .map((p) =>
                external.some((r) => r.principalId === p) || !through(p)
                  ? p
                  : `${p} (through a grant on ${through(p)})`,
              )
              .join(', ')}`
          : 'No principal outside the organisation can invoke it',
      evidence: {
        edges: edgeEvidence([
          ...external.flatMap((r) => r.chain),
          ...inherited.flatMap((r) => [...r.chain, ...r.path]),
        ]),
        related: principals,
        ...(inherited.length > 0
          ? {
              properties: {
                inheritedGrants: inherited.map((r) => ({
                  principal: r.principalId,
                  scope: r.scope,
                  host: r.host,
                  ...(typeof r.chain.at(-1)?.properties?.roleName === 'string'
                    ? { roleName: r.chain.at(-1)?.properties?.roleName }
                    : {}),
                })),
              },
            }
          : {}),
      },
    };
  },
});
