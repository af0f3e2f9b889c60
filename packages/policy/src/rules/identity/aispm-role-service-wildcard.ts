import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

/** A whole service's actions (`s3:*`). */
const SERVICE_WILDCARD = /^[a-z0-9-]+:\*$/i;
/** Wildcards of the AI services themselves (and `*`) are aispm-role-ai-wildcard-actions' to judge. */
const AI_WILDCARD = /^(\*|bedrock(-agent|-agentcore)?:\*|sagemaker:\*|aoss:\*)$/i;

export default defineAssetRule<'identity', 'wildcardStatements'>({
  id: 'aispm-role-service-wildcard',
  title: 'AI workload identity allowed every action of a non-AI service',
  severity: 'high',
  rationale:
    'A training job, endpoint, notebook or agent tool runs with its identity: if that identity may do every action of a service (s3:*, iam:*, kms:*, or everything but a few with NotAction), anyone who steers the workload (a poisoned dependency, an injected prompt, a notebook user) can delete or poison every bucket, grant itself more, or decrypt what the keys protect, far beyond the data the workload needs.',
  remediation: {
    aws: {
      console: [
        'IAM console → Roles → the role → Permissions: find the statements the finding names (service wildcard or NotAction)',
        'Replace each with the actions the workload uses (IAM Access Analyzer can generate a policy from CloudTrail activity) on the resources it needs',
        'Add a permissions boundary to workload roles so a later edit cannot widen them again',
      ],
      cli: 'aws accessanalyzer start-policy-generation --policy-generation-details principalArn=<role-arn> --cloud-trail-details \'{"trails":[{"cloudTrailArn":"<trail-arn>","allRegions":true}],"accessRole":"<analyzer-role-arn>","startTime":"<iso-date>"}\' && aws iam put-role-policy --role-name <role> --policy-name <policy> --policy-document file://least-privilege.json',
      terraform:
        'data "aws_iam_policy_document" "job" { statement { actions = ["s3:GetObject", "s3:ListBucket"] resources = [aws_s3_bucket.training.arn, "arn:aws:s3:::<training-bucket>/*"] } } resource "aws_iam_role_policy" "job" { role = aws_iam_role.job.id policy = data.aws_iam_policy_document.job.json }',
    },
  },
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    REF.iamPassRole,
  ],
  concepts: ['identity-service-wildcard'],
  appliesTo: { kinds: ['identity'] },
  providers: ['aws'],
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'owasp-ml-2023': ['ML02:2023', 'ML05:2023'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012', 'AML.T0020'],
  },
  gaiRisks: ['INFOSEC', 'INTEG'],
  peers: [],
  // The identities AI workloads run as: where a steered workload's reach is decided.
  scope: (identity, g) =>
    g.in(identity.id, 'runs-as').some((e) => {
      const from = g.asset(e.from);
      return from !== undefined && (g.isAiAsset(from) || g.in(from.id, 'implemented-by').length > 0);
    }),
  needs: ['wildcardStatements'],
  check(identity, g) {
    const broad = (identity.facts.wildcardStatements ?? [])
      .map((s) => ({
        source: s.source,
        notAction: s.notAction === true,
        actions: s.notAction
          ? s.actions
          : s.actions.filter((a) => SERVICE_WILDCARD.test(a) && !AI_WILDCARD.test(a)),
      }))
      .filter((s) => s.notAction || s.actions.length > 0);
    const workloads = g.in(identity.id, 'runs-as');
    return {
      fail: broad.length > 0,
      message:
        broad.length > 0
          ? `Allows ${broad.map((s) => (s.notAction ? `everything but ${s.actions.join(', ')}` : s.actions.join(', '))).join('; ')}`
          : 'No non-AI service wildcard or NotAction',
      evidence: { edges: edgeEvidence(workloads), properties: { wildcardStatements: broad.slice(0, 20) } },
    };
  },
});
