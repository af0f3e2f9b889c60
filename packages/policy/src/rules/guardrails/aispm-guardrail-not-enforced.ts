import { defineAssetRule } from '../../define.ts';
import { edgeEvidence } from '../../graph.ts';
import { REF } from '../common.ts';
import { bedrockInvokers } from './bedrock-invokers.ts';

export default defineAssetRule<'guardrail', 'enforcedOnInvocations'>({
  id: 'aispm-guardrail-not-enforced',
  title: 'Model invocations are not held to an enforced guardrail',
  severity: 'high',
  rationale:
    "A guardrail that callers attach themselves protects only the callers who remember to: any application, notebook or agent that invokes a model directly skips it, and so does an attacker holding an invoke permission. The platform's own enforcement (Bedrock's account-level enforced guardrails, a Model Armor floor setting that inspects and blocks Vertex AI traffic) screens every invocation in the account or project for prompt injection, jailbreaks and sensitive data, whatever the caller does.",
  remediation: {
    aws: {
      console: [
        'Bedrock console → Guardrails → create (or pick) a guardrail with prompt-attack filtering (High) and sensitive-information filters, and publish a version',
        'Bedrock console → Guardrails → Enforced guardrails (account) → Add: the guardrail version, all models, comprehensive content guarding',
        'For every account at once: AWS Organizations → Policies → Bedrock policies → attach an enforced-guardrail policy to the root or the AI OUs',
        'Or require a guardrail in IAM: add a condition on bedrock:GuardrailIdentifier to every statement that allows bedrock:InvokeModel / Converse, so a call without the guardrail is denied',
      ],
      cli: 'aws bedrock put-enforced-guardrail-configuration --guardrail-inference-config \'{"guardrailIdentifier":"<guardrail-arn>","guardrailVersion":"<n>","selectiveContentGuarding":{"system":"COMPREHENSIVE","messages":"COMPREHENSIVE"}}\' --region <region>',
      terraform:
        '# no provider resource yet: run the CLI above from a terraform_data / null_resource local-exec, or attach an AWS Organizations Bedrock policy (aws_organizations_policy type = "BEDROCK_POLICY") enforcing the guardrail',
    },
    gcp: {
      console: [
        'Security → Model Armor → Floor settings (project, folder or organization)',
        'Set the filters: prompt injection and jailbreak detection (Medium and above), malicious URL detection, sensitive data protection, responsible-AI categories',
        'Integrated services → Vertex AI → Inspect and block (not Inspect only), with Cloud Logging on; turn floor setting enforcement on',
      ],
      cli: 'gcloud model-armor floorsettings update --full-uri=projects/<project>/locations/global/floorSetting --enable-floor-setting-enforcement=true --add-integrated-services=VERTEX_AI --vertex-ai-enforcement-type=INSPECT_AND_BLOCK --pi-and-jailbreak-filter-settings-enforcement=enabled --pi-and-jailbreak-filter-settings-confidence-level=medium-and-above --malicious-uri-filter-settings-enforcement=enabled',
      terraform:
        'resource "google_model_armor_floorsetting" "fs" { parent = "projects/<project>" location = "global" enable_floor_setting_enforcement = true integrated_services = ["AI_PLATFORM"] ai_platform_floor_setting { inspect_and_block = true enable_cloud_logging = true } filter_config { pi_and_jailbreak_filter_settings { filter_enforcement = "ENABLED" confidence_level = "MEDIUM_AND_ABOVE" } malicious_uri_filter_settings { filter_enforcement = "ENABLED" } } }',
    },
  },
  references: [REF.bedrockEnforcedGuardrails, REF.modelArmorFloor],
  concepts: ['guardrail-not-enforced'],
  appliesTo: {
    kinds: ['guardrail'],
    nativeTypes: ['AWS::Bedrock::EnforcedGuardrailConfiguration', 'modelarmor.googleapis.com/FloorSetting'],
  },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM02:2026'],
    'owasp-agentic-2026': ['ASI01'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0051', 'AML.T0054'],
  },
  gaiRisks: ['INFOSEC', 'DVH'],
  peers: [],
  needs: ['enforcedOnInvocations'],
  check(guardrail, g) {
    const enforced = guardrail.facts.enforcedOnInvocations;
    if (enforced === undefined) return null;
    if (enforced)
      return {
        fail: false,
        message: 'Every model invocation in scope is screened (inspect and block)',
        evidence: { properties: { enforcedOnInvocations: enforced } },
      };
    // Without platform enforcement, IAM can still require one: every Bedrock invoke permission of the account in
    // the region conditioned on bedrock:GuardrailIdentifier means no call goes out unguarded.
    const invokers =
      guardrail.provider === 'aws' ? bedrockInvokers(g, guardrail.accountId, guardrail.region) : undefined;
    const unguarded = invokers?.filter((i) => !i.requiresGuardrail) ?? [];
    if (invokers && invokers.length > 0 && unguarded.length === 0)
      return {
        fail: false,
        message: `Not enforced by Bedrock, but all ${invokers.length} invoke permission(s) in the region require a guardrail (bedrock:GuardrailIdentifier)`,
        evidence: {
          edges: edgeEvidence(invokers.map((i) => i.edge)),
          properties: { enforcedOnInvocations: false, iamGuardrailCondition: true },
        },
      };
    const principals = [...new Set(unguarded.map((i) => i.edge.from))];
    return {
      fail: true,
      message:
        principals.length > 0
          ? `Model invocations in scope are not screened by an enforced guardrail, and ${principals.length} principal(s) can invoke models without naming one (no bedrock:GuardrailIdentifier condition)`
          : 'Model invocations in scope are not screened by an enforced guardrail (none configured, enforcement off, or inspect only)',
      evidence: {
        edges: edgeEvidence(unguarded.slice(0, 20).map((i) => i.edge)),
        related: principals.slice(0, 20),
        properties: { enforcedOnInvocations: false },
      },
    };
  },
});
