import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'access-key', 'active' | 'unrestricted'>({
  id: 'aispm-api-key-unrestricted',
  title: 'API key without API restrictions (can call Gemini and every other enabled API)',
  severity: 'medium',
  rationale:
    "A Google Cloud API key without API restrictions is accepted by every API enabled in its project that takes API keys — the Gemini API (generativelanguage.googleapis.com) and Vertex AI express mode included, whenever someone enables them later. A key made for a map or a form is then also a model key: leaked from a web page or a repository it buys inference at the project's expense (LLM-jacking) and reaches whatever those APIs hold. Restricting each key to the APIs it was made for keeps a leak to its purpose.",
  remediation: {
    gcp: {
      console: [
        'APIs & Services → Credentials → API keys → the key → API restrictions: Restrict key, and select only the APIs the application calls',
        'Also set an application restriction (websites, IP addresses, Android or iOS apps) to the callers that use it',
        'Delete keys nobody uses (Metrics by credential shows recent use); for Gemini / Vertex AI from workloads prefer a service account with Workload Identity over any API key',
      ],
      cli: 'gcloud services api-keys update <key-id> --project=<project> --api-target=service=<the-one-api>.googleapis.com  # or delete it: gcloud services api-keys delete <key-id> --project=<project>',
      terraform:
        'resource "google_apikeys_key" "maps" { name = "maps-web" project = "<project>" restrictions { api_targets { service = "maps-backend.googleapis.com" } browser_key_restrictions { allowed_referrers = ["https://www.example.com/*"] } } }',
    },
  },
  references: [REF.gcpApiKeys],
  concepts: ['api-key-unrestricted'],
  appliesTo: { kinds: ['access-key'], nativeTypes: ['apikeys.googleapis.com/Key'] },
  frameworks: {
    'owasp-llm-2025': ['LLM10:2025'],
    'owasp-llm-2026': ['LLM06:2026'],
    'owasp-agentic-2026': ['ASI03'],
    'nist-ai-600-1': ['MS-2.7-001'],
    'mitre-atlas': ['AML.T0055', 'AML.T0012'],
  },
  gaiRisks: ['INFOSEC'],
  peers: ['prowler:apikeys_api_restrictions_configured'],
  needs: ['active', 'unrestricted'],
  check(key) {
    const { active, unrestricted } = key.facts;
    // Only GCP API keys carry the fact; any other access key has nothing to restrict this way.
    if (unrestricted === undefined) return null;
    if (active === false) return { fail: false, message: 'Inactive API key' };
    return {
      fail: unrestricted,
      message: unrestricted
        ? 'API key without API restrictions: it can call every API enabled in the project, Gemini and Vertex AI included'
        : 'API key restricted to named APIs (API targets)',
      evidence: { properties: { unrestricted } },
    };
  },
});
