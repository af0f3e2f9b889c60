import type { AssetRecord } from '@aispm/core';
import { defineAssetRule } from '../../define.ts';
import { edgeEvidence, type RuleGraph } from '../../graph.ts';
import { AGENTCORE_RUNTIME_ENDPOINT, REF } from '../common.ts';

/** Guarded when the surface itself, the model it serves, or the AI service hosting it passes a guardrail. */
function guardEdges(g: RuleGraph, asset: AssetRecord) {
  const direct = g.out(asset.id, 'guarded-by');
  if (direct.length > 0) return direct;
  for (const e of g.out(asset.id, ['serves', 'uses-model'])) {
    const via = g.out(e.to, 'guarded-by');
    if (via.length > 0) return via;
  }
  for (const c of g.in(asset.id, 'contains')) {
    const via = g.out(c.from, 'guarded-by');
    if (via.length > 0) return via;
  }
  return [];
}

/** The endpoint types that may serve either a generative or another model, and say which. */
const AZURE_ML_ONLINE_ENDPOINT = 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints';
const AZURE_ML_SERVERLESS_ENDPOINT = 'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints';

export default defineAssetRule<'agent' | 'provisioned-throughput' | 'inference-endpoint' | 'model'>({
  id: 'aispm-guardrail-missing-on-invocation-path',
  title: 'Generative model reachable from outside the organisation with no guardrail on the path',
  severity: 'high',
  rationale:
    'A model that the internet or outside principals can prompt, with no guardrail / content filter between them and the model, has no runtime defence against prompt injection, jailbreaks or harmful output.',
  remediation: {
    aws: {
      console: [
        'Create a Bedrock guardrail with prompt-attack, content and sensitive-information filters',
        'Attach it to the agent (guardrail configuration) and pass guardrailConfig on every Converse / InvokeModel call; require it with the bedrock:GuardrailIdentifier IAM condition or an account-level enforced guardrail',
        'Or remove the outside reachability (private endpoint, tighter invoke permissions)',
      ],
      cli: 'aws bedrock-agent update-agent --agent-id <id> --guardrail-configuration guardrailIdentifier=<gr>,guardrailVersion=<v> ...',
      terraform:
        'resource "aws_bedrockagent_agent" "a" { guardrail_configuration { guardrail_identifier = aws_bedrock_guardrail.g.guardrail_id guardrail_version = aws_bedrock_guardrail_version.v.version } }',
    },
    azure: {
      console: [
        'Azure AI Foundry → Guardrails + controls → Content filters: create a filter with Prompt Shields (jailbreak and indirect attacks) in blocking mode and harm filters on prompts and completions',
        'Assign it to every deployment on the path (Deployments → Edit → Content filter)',
        'Or remove the outside reachability (private endpoint, key authentication off)',
        'Azure ML / Foundry serverless API endpoints (models as a service) take no content filter resource: redeploy the model as a serverless endpoint with Azure AI Content Safety enabled (contentSafety.contentSafetyStatus Enabled), move the callers and delete the unscreened one',
      ],
      cli: 'az rest --method put --url "https://management.azure.com/<account-id>/raiPolicies/<policy>?api-version=2024-10-01" --body \'{"properties":{"basePolicyName":"Microsoft.DefaultV2","contentFilters":[{"name":"Jailbreak","enabled":true,"blocking":true,"source":"Prompt"},{"name":"Indirect Attack","enabled":true,"blocking":true,"source":"Prompt"}]}}\'',
      terraform:
        'resource "azurerm_cognitive_account_rai_policy" "shields" { name = "prompt-shields" cognitive_account_id = azurerm_cognitive_account.ai.id base_policy_name = "Microsoft.Default" content_filter { name = "Jailbreak" filter_enabled = true block_enabled = true severity_threshold = "High" source = "Prompt" } }',
    },
    gcp: {
      console: [
        'Security → Model Armor → Floor settings: enforce prompt-injection and jailbreak detection for Vertex AI on the project, folder or organisation',
        'Or create a template and screen every call (sanitizeUserPrompt / sanitizeModelResponse)',
        'Or remove the outside reachability (private endpoint, tighter IAM)',
      ],
      cli: 'gcloud model-armor floorsettings update --full-uri=projects/<project>/locations/global/floorSetting --enable-floor-setting-enforcement=true --pi-and-jailbreak-filter-settings-enforcement=enabled --pi-and-jailbreak-filter-settings-confidence-level=medium-and-above',
      terraform:
        'resource "google_model_armor_floorsetting" "floor" { parent = "projects/<project>" location = "global" enable_floor_setting_enforcement = true filter_config { pi_and_jailbreak_filter_settings { filter_enforcement = "ENABLED" confidence_level = "MEDIUM_AND_ABOVE" } } }',
    },
  },
  references: [REF.bedrockGuardrails],
  concepts: ['guardrail-missing'],
  // An AI service account is judged through its deployments (each carries its own content filter).
  appliesTo: { kinds: ['agent', 'provisioned-throughput', 'inference-endpoint', 'model'] },
  needsFor: {
    // Whether outsiders reach an AgentCore runtime depends on its resource policy: unread, not evaluated.
    agent: ['resourcePolicyPrincipals'],
    // Whether an Azure ML online endpoint takes prompts at all: unread (or missing from its record), not evaluated.
    // SageMaker and Vertex AI endpoints never carry the fact and are judged as generative surfaces.
    // A serverless endpoint's catalog model the connector cannot place (generative or an embedding model) likewise.
    // Whether outsiders reach an AgentCore runtime endpoint depends on its own resource policy: unread, likewise.
    'inference-endpoint': {
      facts: ['servesGenerativeModel', 'resourcePolicyPrincipals'],
      carriedBy: {
        servesGenerativeModel: [AZURE_ML_ONLINE_ENDPOINT, AZURE_ML_SERVERLESS_ENDPOINT],
        resourcePolicyPrincipals: [AGENTCORE_RUNTIME_ENDPOINT],
      },
    },
  },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM05:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM10:2026'],
    'nist-ai-600-1': ['MG-3.2-005'],
    'mitre-atlas': ['AML.T0051', 'AML.T0054', 'AML.T0093'],
  },
  gaiRisks: ['INFOSEC', 'DVH'],
  peers: [],
  check(asset, g) {
    // Foundation-model catalogue entries are not an invocation surface of the tenant.
    if (asset.kind === 'model' && asset.nativeType === 'AWS::Bedrock::FoundationModel') return null;
    // A classic scoring endpoint (Azure ML online endpoint over a scikit-learn model) takes features, not prompts:
    // no prompt guardrail is missing there. One whose model cannot be told apart never gets here (`needsFor`).
    if (g.factsOf(asset, 'inference-endpoint')?.servesGenerativeModel === false) return null;
    // A deployment is reached through the AI service account that hosts it.
    const hosts =
      asset.kind === 'model'
        ? g.in(asset.id, 'contains').filter((e) => g.asset(e.from)?.kind === 'ai-service')
        : [];
    const reaches = [g.outsideReach(asset.id), ...hosts.map((h) => g.outsideReach(h.from))];
    const reach = {
      reachable: reaches.some((r) => r.reachable),
      edges: [...hosts, ...reaches.flatMap((r) => r.edges)],
      related: reaches.flatMap((r) => r.related),
    };
    if (!reach.reachable) return null;
    // The platform's own content safety on the endpoint (Azure AI Content Safety on a serverless endpoint) screens
    // prompts and completions with no guardrail resource to point at.
    // Unread (an UnknownFact) it is no verdict here: aispm-azure-ml-serverless-content-safety-disabled says so.
    const screened = g.factsOf(asset, 'inference-endpoint')?.contentSafetyEnabled;
    if (typeof screened === 'object') return null;
    if (screened === true)
      return {
        fail: false,
        message: "Reachable from outside the organisation; the platform's content safety screens its traffic",
        evidence: {
          edges: edgeEvidence(reach.edges),
          related: reach.related,
          properties: { contentSafetyEnabled: true },
        },
      };
    const guards = guardEdges(g, asset);
    return {
      fail: guards.length === 0,
      message:
        guards.length === 0
          ? 'Reachable from outside the organisation and no guardrail is applied'
          : `Guarded by ${guards.map((e) => e.to).join(', ')}`,
      evidence: { edges: edgeEvidence([...reach.edges, ...guards]), related: reach.related },
    };
  },
});
