import { defineAssetRule } from '../../define.ts';
import { policyStatements } from '../../facts.ts';
import { REF } from '../common.ts';

export default defineAssetRule({
  id: 'aispm-role-passrole-wildcard',
  title: 'Identity can pass any role to AI services (iam:PassRole on *)',
  severity: 'high',
  rationale:
    'PassRole on * lets the identity start a training job, notebook or agent running as any role in the account — an escalation to the most privileged role there.',
  remediation: {
    console: [
      'IAM console → the identity → Permissions',
      'Limit iam:PassRole to the specific execution-role ARNs, with an iam:PassedToService condition (sagemaker.amazonaws.com / bedrock.amazonaws.com)',
    ],
  },
  references: [REF.iamPassRole],
  concepts: ['role-passrole-wildcard'],
  appliesTo: { kinds: ['identity'] },
  frameworks: {
    'owasp-llm-2025': ['LLM06:2025'],
    'owasp-llm-2026': ['LLM03:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: [],
  check(identity) {
    const neutral = identity.properties.passRoleWildcard;
    const statements = policyStatements(identity.properties).filter(
      (s) =>
        s.effect === 'Allow' &&
        !s.notActions &&
        s.actions.some((a) => /^(\*|iam:\*|iam:passrole|iam:pass\*)$/i.test(a)) &&
        s.resources.some((r) => r === '*' || r.endsWith(':role/*')),
    );
    const fail = neutral === true || statements.length > 0;
    return {
      fail,
      message: fail ? 'iam:PassRole is allowed on any role' : 'PassRole is scoped',
      evidence: {
        properties: {
          statements: statements.map((s) => ({
            source: s.source,
            actions: s.actions,
            resources: s.resources,
          })),
        },
      },
    };
  },
});
