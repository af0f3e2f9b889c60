import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'guardrail', 'maliciousUrlFilter'>({
  id: 'aispm-guardrail-malicious-url-unfiltered',
  title: 'Guardrail does not screen prompts and responses for malicious URLs',
  severity: 'medium',
  rationale:
    "Injected instructions and poisoned documents often carry links: a model that passes a phishing or malware URL on to a user, or an agent that fetches one, turns a prompt injection into credential theft or code execution. Model Armor's malicious URL filter checks URLs in prompts and responses against threat intelligence; a floor setting without it lets them through every Vertex AI call it governs.",
  remediation: {
    gcp: {
      console: [
        'Security → Model Armor → Floor settings (or the template the application uses) → Edit',
        'Malicious URL detection → Enabled → Save',
        'Keep the floor setting in "Inspect and block" for Vertex AI so detections are enforced, not only logged',
      ],
      cli: 'gcloud model-armor floorsettings update --full-uri=projects/<project>/locations/global/floorSetting --malicious-uri-filter-settings-enforcement=enabled',
      terraform:
        'resource "google_model_armor_floorsetting" "floor" { parent = "projects/<project>" location = "global" filter_config { malicious_uri_filter_settings { filter_enforcement = "ENABLED" } } }',
    },
  },
  references: [
    REF.modelArmorFloor,
    'https://cloud.google.com/security-command-center/docs/model-armor-overview',
  ],
  concepts: ['guardrail-malicious-url-unfiltered'],
  appliesTo: { kinds: ['guardrail'] },
  providers: ['gcp'],
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM05:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM10:2026'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0051.001'],
  },
  gaiRisks: ['INFOSEC', 'INTEG'],
  peers: [],
  needs: ['maliciousUrlFilter'],
  check(guardrail) {
    const on = guardrail.facts.maliciousUrlFilter;
    if (on === undefined) return null; // this guardrail has no URL screening to configure
    return {
      fail: !on,
      message: on ? 'Malicious URL detection is on' : 'Malicious URL detection is off',
      evidence: { properties: { maliciousUrlFilter: on } },
    };
  },
});
