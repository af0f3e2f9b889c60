import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'agent'>({
  id: 'aispm-aws-bedrock-agent-role-shared',
  title: 'Agent service role is shared with other agents',
  severity: 'medium',
  rationale:
    'A role shared by several agents holds the union of their permissions: one hijacked agent can do whatever any of them may, and their actions cannot be told apart in CloudTrail.',
  remediation: {
    aws: {
      console: [
        "IAM console → create one service role per agent, scoped to that agent's models, knowledge bases and action-group functions",
        'Bedrock console → the agent → Edit → Agent resource role → choose its own role',
      ],
      cli: 'aws bedrock-agent update-agent --agent-id <id> --agent-resource-role-arn <dedicated-role-arn> ...',
    },
    azure: {
      console: [
        'Managed Identities → Create: one user-assigned identity per agent / Foundry project',
        "Attach it to that agent's project, grant it only that agent's roles and remove the shared identity",
      ],
      cli: 'az identity create --name <agent>-identity --resource-group <rg>',
      terraform:
        'resource "azurerm_user_assigned_identity" "agent" { name = "<agent>-identity" resource_group_name = azurerm_resource_group.rg.name location = azurerm_resource_group.rg.location }',
    },
    gcp: {
      console: [
        'IAM & Admin → Service accounts → create one service account per agent',
        "Redeploy the Agent Engine agent with that service account and grant it only that agent's roles",
      ],
      cli: 'gcloud iam service-accounts create <agent>-sa --display-name="<agent> agent"',
      terraform:
        'resource "google_service_account" "agent" { account_id = "<agent>-sa" display_name = "<agent> agent" }',
    },
  },
  references: [REF.bedrockAgents],
  concepts: [],
  appliesTo: { kinds: ['agent'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-agentic-2026': ['ASI03'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0053'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:bedrock_agent_role_not_shared_across_agents'],
  check(agent, g) {
    const roles = g.out(agent.id, 'runs-as');
    if (roles.length === 0) return null;
    // Agents that share an identity because their platform gives them none of their own are not the misconfiguration
    // this rule is about: Foundry agents act with their project's identity, which the project itself also runs as.
    const platformIdentity = (identity: string, other: string) =>
      g
        .in(agent.id, 'contains')
        .some(
          (parent) =>
            g.in(other, 'contains').some((c) => c.from === parent.from) &&
            g.out(parent.from, 'runs-as').some((r) => r.to === identity),
        );
    const sharers = roles.flatMap((r) =>
      g
        .in(r.to, 'runs-as')
        .filter(
          (e) => e.from !== agent.id && g.asset(e.from)?.kind === 'agent' && !platformIdentity(r.to, e.from),
        ),
    );
    const ownParents = new Set(g.in(agent.id, 'contains').map((c) => c.from));
    const asItsParent = roles.some((r) => g.in(r.to, 'runs-as').some((e) => ownParents.has(e.from)));
    return {
      fail: sharers.length > 0,
      message:
        sharers.length > 0
          ? `Role ${roles[0]?.to} is also used by ${sharers.map((s) => s.from).join(', ')}`
          : asItsParent
            ? `Runs as ${roles[0]?.to}, the identity of its project, as every agent of the project does; no other agent shares it`
            : 'Agent has its own role',
      evidence: { edges: edgeEvidence([...roles, ...sharers]) },
    };
  },
});
