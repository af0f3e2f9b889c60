import type { AssetRecord } from '@aispm/core';
import { defineAssetRule } from '../../define.ts';
import { edgeEvidence, type RuleGraph } from '../../graph.ts';
import { REF } from '../common.ts';

const AI_ACCESS = ['can-invoke', 'can-read', 'can-write', 'can-admin'] as const;
/** A key not imported is taken as active (it was listed); an imported one is active unless its facts say not. */
function activeKey(key: AssetRecord | undefined, g: RuleGraph): boolean {
  return g.factsOf(key, 'access-key')?.active !== false;
}

/** What AI access an identity has: access edges to AI assets, AI actions in its or its groups' policies, AI roles. */
function aiAccess(g: RuleGraph, identityId: string) {
  const holders = [identityId, ...g.out(identityId, ['member-of', 'can-assume']).map((e) => e.to)];
  const access = holders.flatMap((h) =>
    g.out(h, [...AI_ACCESS]).filter((e) => {
      const target = g.asset(e.to);
      return target ? g.isAiAsset(target) : false;
    }),
  );
  const aiActions = holders.flatMap((h) => {
    const holder = g.asset(h);
    if (holder?.kind !== 'identity') return [];
    // The AI actions its policies allow and the AI roles it holds, as its facts list them.
    const permissions = g.factsOf(holder, 'identity')?.aiPermissions;
    return Array.isArray(permissions) ? permissions.map((action) => ({ identity: h, action })) : [];
  });
  return { access, aiActions };
}

export default defineAssetRule<'identity' | 'access-key'>({
  id: 'aispm-identity-long-lived-key',
  title: 'Identity with long-lived access keys reaches AI assets',
  severity: 'medium',
  rationale:
    'Static access keys leak (repos, laptops, CI logs) and never expire; keys that can invoke models are the raw material of LLM-jacking, and keys that reach training data enable theft and poisoning.',
  remediation: {
    aws: {
      console: [
        "Replace the user's keys with role-based access (IAM Identity Center for people, roles for workloads)",
        'Deactivate and delete the access keys',
        'If a key must stay: rotate it ≤ 90 days and scope its permissions',
      ],
      cli: 'aws iam update-access-key --user-name <u> --access-key-id <AKIA…> --status Inactive',
    },
    azure: {
      console: [
        'Prefer managed identities and Entra ID tokens: turn off local (key) auth on AI services and Search, and shared key access on storage',
        'Remove client secrets from app registrations (Certificates & secrets) in favour of federated credentials',
        'Regenerate any key that must stay and keep it in Key Vault with rotation',
      ],
      cli: 'az cognitiveservices account keys regenerate --name <acct> --resource-group <rg> --key-name Key1 && az resource update --ids <account-id> --set properties.disableLocalAuth=true',
      terraform: 'resource "azurerm_cognitive_account" "ai" { local_auth_enabled = false }',
    },
    gcp: {
      console: [
        'IAM & Admin → Service accounts → the account → Keys: delete the user-managed keys',
        'Use attached service accounts or Workload Identity Federation instead',
        'Enforce the organisation policy iam.disableServiceAccountKeyCreation',
      ],
      cli: 'gcloud iam service-accounts keys delete <key-id> --iam-account=<sa-email>',
      terraform:
        'resource "google_org_policy_policy" "no_sa_keys" { name = "projects/<project>/policies/iam.disableServiceAccountKeyCreation" parent = "projects/<project>" spec { rules { enforce = "TRUE" } } }',
    },
  },
  references: [REF.iamKeys],
  concepts: ['identity-long-lived-key'],
  appliesTo: { kinds: ['identity', 'access-key'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:bedrock_api_key_no_long_term_credentials'],
  check(asset, g) {
    // A key is judged on its own (so the finding can name it) and through the identity that owns it.
    const owner = asset.kind === 'access-key' ? g.in(asset.id, 'has-key')[0]?.from : asset.id;
    if (!owner) return null;
    const allKeys = asset.kind === 'access-key' ? g.in(asset.id, 'has-key') : g.out(owner, 'has-key');
    if (allKeys.length === 0) return null;
    const keys = allKeys.filter((e) => activeKey(g.asset(e.to), g));
    if (keys.length === 0) {
      return { fail: false, message: 'No active long-lived key', evidence: { edges: edgeEvidence(allKeys) } };
    }
    const { access, aiActions } = aiAccess(g, owner);
    const fail = access.length > 0 || aiActions.length > 0;
    return {
      fail,
      message: fail
        ? `${keys.length} active long-lived key(s) with AI access: ${new Set(access.map((e) => e.to)).size} AI asset(s), ${new Set(aiActions.map((a) => a.action)).size} AI permission(s)`
        : 'Keys reach no AI asset',
      evidence: {
        edges: edgeEvidence([...keys, ...access]),
        properties: { aiActions: aiActions.slice(0, 20) },
      },
    };
  },
});
