import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'identity', 'userPolicies' | 'aiPermissions'>({
  id: 'aispm-identity-user-direct-policy',
  title: 'IAM user granted AI permissions by its own policies, not a group or role',
  severity: 'medium',
  rationale:
    "AI access granted policy by policy to individual users escapes the groups and roles it is reviewed through: it is invisible in a group membership review, survives the person's change of team, and usually comes with the user's long-lived access keys. Model invocation, agent and endpoint access should come from groups (people) or roles (workloads) so it is granted, reviewed and revoked in one place.",
  remediation: {
    aws: {
      console: [
        'IAM console → Users → the user → Permissions: note the AI actions its own inline and attached policies grant',
        'Grant them through a group (people) or a role the workload assumes (pipelines, bots), scoped to the models, agents and endpoints it needs',
        "Remove the user's own policies; then replace its access keys with the role (IAM Identity Center or an instance / task role)",
      ],
      cli: 'aws iam delete-user-policy --user-name <user> --policy-name <policy> && aws iam detach-user-policy --user-name <user> --policy-arn <arn>',
      terraform:
        'resource "aws_iam_group_policy" "ai" { group = aws_iam_group.ml.name policy = data.aws_iam_policy_document.ai.json } resource "aws_iam_user_group_membership" "m" { user = "<user>" groups = [aws_iam_group.ml.name] }',
    },
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions',
    REF.bedrockIam,
  ],
  concepts: ['identity-user-direct-policy'],
  appliesTo: { kinds: ['identity'] },
  providers: ['aws'],
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025', 'LLM06:2025'],
    'owasp-llm-2026': ['LLM06:2026', 'LLM03:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012', 'AML.T0040'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:iam_policy_attached_only_to_group_or_roles', 'checkov:CKV_AWS_40'],
  needs: ['userPolicies', 'aiPermissions'],
  check(identity) {
    const own = identity.facts.userPolicies;
    if (own === undefined) return null; // not a user: groups and roles are where permissions belong
    const ai = identity.facts.aiPermissions ?? [];
    const fail = own.length > 0 && ai.length > 0;
    return {
      fail,
      message: fail
        ? `${ai.length} AI permission(s) granted by the user's own policies: ${own.join(', ')}`
        : own.length > 0
          ? "The user's own policies grant no AI permission"
          : 'No policy is attached to the user itself',
      evidence: { properties: { userPolicies: own, aiPermissions: ai.slice(0, 20) } },
    };
  },
});
