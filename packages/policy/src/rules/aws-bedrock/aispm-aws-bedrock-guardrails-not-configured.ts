import { defineAssetRule } from '../../define.ts';
import { REF } from '../common.ts';

export default defineAssetRule<'logging-config'>({
  id: 'aispm-aws-bedrock-guardrails-not-configured',
  title: 'No Bedrock guardrail exists in an account and region',
  severity: 'medium',
  rationale:
    'With no guardrail defined, no application in the region can be filtering prompts and responses through Bedrock Guardrails: prompt attacks, harmful content and PII pass straight through.',
  remediation: {
    aws: {
      console: [
        'Bedrock console → Guardrails → Create guardrail',
        'Enable content filters (including Prompt attacks), denied topics and sensitive-information filters',
        'Attach the guardrail to agents and to InvokeModel / Converse calls',
      ],
      cli: 'aws bedrock create-guardrail --name <n> --blocked-input-messaging ... --content-policy-config \'{"filtersConfig":[{"type":"PROMPT_ATTACK","inputStrength":"HIGH","outputStrength":"NONE"}]}\'',
    },
  },
  references: [REF.bedrockGuardrails],
  concepts: ['guardrail-missing'],
  // The invocation-logging configuration is the one asset emitted for every account and region.
  appliesTo: {
    kinds: ['logging-config'],
    nativeTypes: ['AWS::Bedrock::ModelInvocationLoggingConfiguration'],
  },
  frameworks: {
    'owasp-llm-2025': ['LLM01:2025', 'LLM02:2025'],
    'owasp-llm-2026': ['LLM01:2026', 'LLM02:2026'],
    'nist-ai-600-1': ['MG-3.2-005', 'GV-3.2-003'],
    'mitre-atlas': ['AML.T0051', 'AML.T0054'],
  },
  gaiRisks: ['INFOSEC', 'DVH'],
  enabledByDefault: false,
  peers: ['prowler:bedrock_guardrails_configured'],
  check(asset, g) {
    const guardrails = g.ofKind('guardrail').filter(
      (gr) =>
        gr.provider === 'aws' &&
        gr.accountId === asset.accountId &&
        gr.region === asset.region &&
        // An AgentCore Policy engine authorizes tool calls; it is no Bedrock guardrail on model traffic.
        gr.nativeType !== 'AWS::BedrockAgentCore::PolicyEngine',
    );
    // Only regions where Bedrock is actually used: some model, agent or knowledge base lives here.
    const used = ['agent', 'knowledge-base', 'provisioned-throughput'].some((k) =>
      g.ofKind(k).some((a) => a.accountId === asset.accountId && a.region === asset.region),
    );
    if (!used && guardrails.length === 0) return null;
    return {
      fail: guardrails.length === 0,
      message:
        guardrails.length === 0
          ? `No guardrail is defined in account ${asset.accountId} region ${asset.region}`
          : `${guardrails.length} guardrail(s) defined in ${asset.region}`,
      evidence: { properties: { guardrails: guardrails.map((gr) => gr.id) } },
    };
  },
});
