import { defineAssetRule } from '../../define.ts';
import { edgeEvidence, type PrincipalReach } from '../../graph.ts';
import { REF } from '../common.ts';

/** What each access edge a guardrail's resource policy draws lets its holder do. */
const USES = { 'can-admin': 'change or delete', 'can-read': 'read', 'can-invoke': 'apply' } as const;

export default defineAssetRule<'guardrail'>({
  id: 'aispm-guardrail-policy-external-access',
  title: 'Guardrail whose resource policy lets principals outside the organisation use, read or change it',
  severity: 'medium',
  rationale:
    "A Bedrock guardrail's resource-based policy is how it is shared, and AWS documents it for sharing inside your own account and organisation (bedrock:ApplyGuardrail for organisation-enforced guardrails, bedrock:GetGuardrail to read it). A grant to a foreign account or to everyone hands your safety control to outsiders: GetGuardrail discloses its whole configuration (denied topics, blocked words, PII types, filter strengths), the map an attacker needs to phrase prompts that slip past it, and ApplyGuardrail turns it into an oracle on which to test bypasses before using them against your applications. A policy that also grants the management actions (UpdateGuardrail, DeleteGuardrail, CreateGuardrailVersion, PutResourcePolicy, or bedrock:*) would let someone outside switch the control off.",
  remediation: {
    aws: {
      console: [
        'Bedrock console → Guardrails → the guardrail → its detail page → Resource-based policy',
        'Remove statements whose Principal is a foreign account or "*" without an aws:PrincipalOrgID (or aws:PrincipalOrgPaths) condition naming your organisation',
        'Grant only bedrock:ApplyGuardrail (and bedrock:GetGuardrail where a member account must read it): never Update / Delete / CreateGuardrailVersion / PutResourcePolicy or bedrock:*',
        'If the guardrail is enforced for the organisation, check from a member account that ApplyGuardrail still succeeds before saving',
      ],
      cli: 'aws bedrock put-resource-policy --resource-arn <guardrail-arn> --resource-policy \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"bedrock:ApplyGuardrail","Resource":"<guardrail-arn>","Condition":{"StringEquals":{"aws:PrincipalOrgID":"<org-id>"}}}]}\' --region <region>   # or, if nothing outside the account needs it: aws bedrock delete-resource-policy --resource-arn <guardrail-arn>',
      terraform:
        'resource "terraform_data" "guardrail_policy" { input = aws_bedrock_guardrail.g.guardrail_arn provisioner "local-exec" { command = join(" ", ["aws bedrock put-resource-policy --resource-arn", self.input, "--resource-policy file://org-apply-only.json"]) } }   # org-apply-only.json: Principal AWS "*", Action bedrock:ApplyGuardrail, Condition StringEquals aws:PrincipalOrgID = <org-id>',
    },
  },
  references: [REF.bedrockGuardrailResourcePolicy, REF.bedrockEnforcedGuardrails, REF.iamTrust],
  concepts: ['guardrail-policy-external-access'],
  appliesTo: { kinds: ['guardrail'], nativeTypes: ['AWS::Bedrock::Guardrail'] },
  // The resource policy draws who outside may apply, read or change it: unread (denied), not evaluated.
  needsFor: { guardrail: ['resourcePolicyPrincipals'] },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM07:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM08:2026'],
    'owasp-agentic-2026': ['ASI03', 'ASI01'],
    'nist-ai-600-1': ['MS-2.6-007', 'MS-2.7-009', 'GV-6.1-007'],
    'mitre-atlas': ['AML.T0054', 'AML.T0051', 'AML.T0081'],
  },
  gaiRisks: ['INFOSEC', 'DVH'],
  peers: [],
  check(guardrail, g) {
    // Only what the guardrail's own policy grants: an outsider named by it or `*` (direct edges). Outsiders acting
    // through an inside role they assume are the role's trust findings, not this policy's.
    const reach = (Object.keys(USES) as (keyof typeof USES)[]).map((kind) => ({
      kind,
      external: g.externalWith(guardrail.id, kind).filter((r: PrincipalReach) => r.chain.length === 1),
    }));
    const granted = reach.filter((r) => r.external.length > 0);
    const principals = [...new Set(granted.flatMap((r) => r.external.map((e) => e.principalId)))];
    return {
      fail: granted.length > 0,
      message:
        granted.length > 0
          ? `${principals.join(', ')} may ${granted.map((r) => USES[r.kind]).join(', ')} the guardrail through its resource policy`
          : 'Its resource policy lets no principal outside the organisation apply, read or change it',
      evidence: {
        edges: edgeEvidence(granted.flatMap((r) => r.external.flatMap((e) => e.chain))),
        related: principals,
        properties: { resourcePolicyPrincipals: guardrail.facts.resourcePolicyPrincipals },
      },
    };
  },
});
