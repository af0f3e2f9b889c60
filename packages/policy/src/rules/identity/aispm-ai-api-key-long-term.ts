import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

/** Longest lifetime an exploration key should have: the Bedrock console's short options end at 30 days. */
const MAX_LIFETIME_DAYS = 30;
const GCP_API_KEY = 'apikeys.googleapis.com/Key';

export default defineAssetRule<'access-key', 'active' | 'aiService' | 'expires' | 'lifetimeDays'>({
  id: 'aispm-ai-api-key-long-term',
  title: 'Long-term API key for an AI service',
  severity: 'medium',
  rationale:
    "An AI service's own API key (a long-term Bedrock API key, a Google Cloud API key for the Gemini API or Vertex AI express mode) is a bearer secret: whoever holds it can call the models with the owner's permissions (and bill) from anywhere, and it lives until someone deletes it. Leaked model keys are the raw material of LLM-jacking (resold inference at the owner's expense) and of quiet data exfiltration through prompts. AWS recommends long-term Bedrock API keys for exploration only, with short expiry; workloads should use roles or short-term keys (valid for at most 12 hours). Google Cloud API keys cannot expire at all: Google recommends them for exploration only, restricted and rotated, with service accounts and short-lived credentials for workloads.",
  remediation: {
    aws: {
      console: [
        'IAM console → Users → the user → Security credentials → API keys for Amazon Bedrock',
        'Deactivate, then delete the long-term key; if one is needed for exploration, create it with an expiry of 30 days or less',
        'Applications: call Bedrock with an IAM role, or generate short-term API keys (aws-bedrock-token-generator), which last at most 12 hours',
        'Organisation-wide: deny iam:CreateServiceSpecificCredential for bedrock.amazonaws.com with an SCP, or cap lifetime with the iam:ServiceSpecificCredentialAgeDays condition',
      ],
      cli: 'aws iam update-service-specific-credential --user-name <user> --service-specific-credential-id <ACCA…> --status Inactive && aws iam delete-service-specific-credential --user-name <user> --service-specific-credential-id <ACCA…>',
      terraform:
        'resource "aws_organizations_policy" "no_long_term_bedrock_keys" { name = "deny-long-term-bedrock-api-keys" type = "SERVICE_CONTROL_POLICY" content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "iam:CreateServiceSpecificCredential", Resource = "*", Condition = { StringEquals = { "iam:ServiceSpecificCredentialServiceName" = "bedrock.amazonaws.com" } } }] }) }',
    },
    gcp: {
      console: [
        'APIs & Services → Credentials → API keys: find the key, check who uses it (Metrics by credential), then delete it',
        'Workloads: call Vertex AI (Gemini models included) with an attached service account or Workload Identity Federation and short-lived tokens, not an API key',
        'If a key must stay for exploration: keep it restricted to the one API (API restrictions) and to the callers (IP addresses, referrers or apps), store it in Secret Manager, and delete and recreate it periodically — it never expires by itself',
        'Keys bound to a service account: keep the organisation policy constraint iam.managed.disableServiceAccountApiKeyCreation enforced (the default) so no new bound keys are made',
      ],
      cli: 'gcloud services api-keys list --project=<project> && gcloud services api-keys delete <key-id> --project=<project>  # or, while it must stay: gcloud services api-keys update <key-id> --api-target=service=generativelanguage.googleapis.com --allowed-ips=<cidr>',
      terraform:
        'resource "google_apikeys_key" "gemini_exploration" { name = "gemini-exploration" project = "<project>" restrictions { api_targets { service = "generativelanguage.googleapis.com" } server_key_restrictions { allowed_ips = ["<cidr>"] } } }  # better: no key; a google_service_account with roles/aiplatform.user and Workload Identity',
    },
  },
  references: [REF.bedrockApiKeys, REF.gcpApiKeys],
  concepts: ['ai-api-key-long-term'],
  appliesTo: { kinds: ['access-key'], nativeTypes: ['AWS::IAM::ServiceSpecificCredential', GCP_API_KEY] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'owasp-agentic-2026': ['ASI03'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:bedrock_api_key_no_long_term_credentials'],
  needs: ['active', 'aiService', 'expires', 'lifetimeDays'],
  check(key) {
    const { active, aiService, expires, lifetimeDays } = key.facts;
    // A service credential for some other service (CodeCommit, Keyspaces) is not an AI key.
    if (aiService === undefined || expires === undefined) return null;
    if (active === false) return { fail: false, message: `Inactive ${aiService} API key` };
    const longTerm = !expires || (lifetimeDays !== undefined && lifetimeDays > MAX_LIFETIME_DAYS);
    // A GCP API key has no expiry to set: it is long-term by nature, not by a choice at creation.
    const cannotExpire = key.nativeType === GCP_API_KEY;
    return {
      fail: longTerm,
      message: !expires
        ? cannotExpire
          ? `Active ${aiService} API key: Google Cloud API keys have no expiry, it lives until deleted`
          : `Active ${aiService} API key that never expires`
        : `Active ${aiService} API key valid for ${lifetimeDays ?? 'an unknown number of'} days`,
      evidence: {
        properties: {
          aiService,
          expires,
          ...(lifetimeDays !== undefined ? { lifetimeDays } : {}),
          ...(cannotExpire ? { expiryConfigurable: false } : {}),
        },
      },
    };
  },
});
