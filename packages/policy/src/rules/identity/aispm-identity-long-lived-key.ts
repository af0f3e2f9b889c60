import { defineAssetRule } from '../../define.ts';
import { policyStatements } from '../../facts.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';

const AI_ACCESS = ['can-invoke', 'can-read', 'can-write', 'can-admin'] as const;
const AI_ACTION =
  /^(\*|bedrock:|bedrock-agent:|bedrock-agent-runtime:|sagemaker:|aoss:|aiplatform\.|cognitiveservices:)/i;

export default defineAssetRule({
  id: 'aispm-identity-long-lived-key',
  title: 'Identity with long-lived access keys reaches AI assets',
  severity: 'medium',
  rationale:
    'Static access keys leak (repos, laptops, CI logs) and never expire; keys that can invoke models are the raw material of LLM-jacking, and keys that reach training data enable theft and poisoning.',
  remediation: {
    console: [
      "Replace the user's keys with role-based access (IAM Identity Center for people, roles for workloads)",
      'Deactivate and delete the access keys',
      'If a key must stay: rotate it ≤ 90 days and scope its permissions',
    ],
    cli: 'aws iam update-access-key --user-name <u> --access-key-id <AKIA…> --status Inactive',
  },
  references: [REF.iamKeys],
  concepts: ['identity-long-lived-key'],
  appliesTo: { kinds: ['identity'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:bedrock_api_key_no_long_term_credentials'],
  check(identity, g) {
    const allKeys = g.out(identity.id, 'has-key');
    if (allKeys.length === 0) return null;
    const keys = allKeys.filter((e) => {
      const status = g.asset(e.to)?.properties?.status;
      return status === undefined || String(status).toLowerCase() === 'active';
    });
    if (keys.length === 0)
      return {
        fail: false,
        message: 'All access keys are inactive',
        evidence: { edges: edgeEvidence(allKeys) },
      };
    // Access held directly, through groups, or through roles the identity may assume.
    const holders = [identity.id, ...g.out(identity.id, ['member-of', 'can-assume']).map((e) => e.to)];
    const access = holders.flatMap((h) =>
      g.out(h, [...AI_ACCESS]).filter((e) => {
        const target = g.asset(e.to);
        return target ? g.isAiAsset(target) : false;
      }),
    );
    // AI permissions granted by its own or its groups' policies, even where no resource edge was derived.
    const aiActions = holders.flatMap((h) => {
      const holder = g.asset(h);
      if (holder?.kind !== 'identity') return [];
      return policyStatements(holder.properties)
        .filter((st) => st.effect === 'Allow' && !st.notActions)
        .flatMap((st) =>
          st.actions.filter((a) => AI_ACTION.test(a)).map((a) => ({ identity: h, action: a })),
        );
    });
    const fail = access.length > 0 || aiActions.length > 0;
    return {
      fail,
      message: fail
        ? `${keys.length} active key(s) with AI access: ${new Set(access.map((e) => e.to)).size} AI asset(s), ${new Set(aiActions.map((a) => a.action)).size} AI action(s)`
        : 'Keys reach no AI asset',
      evidence: {
        edges: edgeEvidence([...keys, ...access]),
        properties: { aiActions: aiActions.slice(0, 20) },
      },
    };
  },
});
