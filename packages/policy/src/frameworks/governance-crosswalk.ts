import type { RiskConcept } from '@aispm/core';
import type { Rule } from '../types.ts';

/**
 * The governance frameworks (EU AI Act, ISO/IEC 42001 Annex A) speak of obligations, not misconfigurations, so a
 * rule is mapped to them through what it detects: each risk concept carries the articles and Annex A controls its
 * evidence bears on. Keyed by concept (not by rule), a new rule that detects a known concept is mapped without
 * anyone remembering to; the few peer checks that declare no concept are mapped by rule id. A test fails when a
 * rule ends up with no mapping to either framework.
 *
 * Article 15 (accuracy, robustness and cybersecurity) is where most posture evidence lands; Articles 10 (data
 * governance), 12 / 19 / 26 (record-keeping and logs), 14 (human oversight) and 25 (value chain) take the rest.
 * On the ISO side: A.4.x (documented resources), A.6.2.5 / A.6.2.6 / A.6.2.8 (deployment, operation and
 * monitoring, event logs), A.7.x (data), A.9.x (responsible use) and A.10.3 (suppliers).
 */
export interface GovernanceMapping {
  'eu-ai-act': string[];
  'iso-42001': string[];
}

const NETWORK: GovernanceMapping = { 'eu-ai-act': ['Art.15'], 'iso-42001': ['A.4.5', 'A.6.2.5'] };
const COMPUTE: GovernanceMapping = { 'eu-ai-act': ['Art.15'], 'iso-42001': ['A.4.5'] };
const DATA: GovernanceMapping = { 'eu-ai-act': ['Art.10', 'Art.15'], 'iso-42001': ['A.4.3'] };
const TOOLING: GovernanceMapping = { 'eu-ai-act': ['Art.15'], 'iso-42001': ['A.4.4'] };
const GUARDRAIL: GovernanceMapping = { 'eu-ai-act': ['Art.15'], 'iso-42001': ['A.9.2', 'A.6.2.6'] };
const SUPPLY_CHAIN: GovernanceMapping = {
  'eu-ai-act': ['Art.15', 'Art.25'],
  'iso-42001': ['A.10.3', 'A.4.4'],
};

export const CONCEPT_CROSSWALK: Record<RiskConcept, GovernanceMapping> = {
  'endpoint-public-access': NETWORK,
  'endpoint-external-principal': NETWORK,
  'vector-store-public-network': DATA,
  'vector-store-broad-access': DATA,
  'vector-store-key-auth': DATA,
  'endpoint-key-auth': COMPUTE,
  'ml-datastore-stored-credential': DATA,
  'ai-service-public-network': NETWORK,
  'ai-service-local-auth': COMPUTE,
  'data-store-public': { 'eu-ai-act': ['Art.10', 'Art.15'], 'iso-42001': ['A.4.3', 'A.7.2'] },
  'data-store-broad-write': { 'eu-ai-act': ['Art.10', 'Art.15'], 'iso-42001': ['A.7.4', 'A.7.5'] },
  'data-store-external-read': DATA,
  'sensitive-model-internet-facing': NETWORK,
  'no-cmk-encryption': COMPUTE,
  'key-rotation-disabled': COMPUTE,
  'invocation-logging-disabled': {
    'eu-ai-act': ['Art.12', 'Art.19', 'Art.26'],
    'iso-42001': ['A.6.2.6', 'A.6.2.8'],
  },
  'data-capture-disabled': { 'eu-ai-act': ['Art.12', 'Art.26'], 'iso-42001': ['A.6.2.6'] },
  'data-store-versioning-disabled': { 'eu-ai-act': ['Art.10'], 'iso-42001': ['A.7.5'] },
  'data-store-access-logging-disabled': {
    'eu-ai-act': ['Art.10', 'Art.12'],
    'iso-42001': ['A.6.2.8', 'A.7.5'],
  },
  'guardrail-missing': GUARDRAIL,
  'guardrail-weak': GUARDRAIL,
  'notebook-direct-internet': TOOLING,
  'notebook-root-access': TOOLING,
  'notebook-no-vpc': TOOLING,
  'training-no-network-isolation': COMPUTE,
  'training-no-inter-container-encryption': COMPUTE,
  'role-ai-wildcard-actions': COMPUTE,
  'role-passrole-wildcard': COMPUTE,
  'role-cross-account-trust': COMPUTE,
  'role-wildcard-trust': COMPUTE,
  'identity-long-lived-key': COMPUTE,
  'ai-api-key-long-term': COMPUTE,
  'api-key-unrestricted': COMPUTE,
  'identity-primitive-role': COMPUTE,
  'secret-in-agent-instructions': TOOLING,
  'secret-in-notebook-startup': TOOLING,
  'model-unpinned-public-source': SUPPLY_CHAIN,
  'model-pickle-artifact': SUPPLY_CHAIN,
  // An agent that can act beyond its need, or without a guardrail, is a human-oversight question as well.
  'agent-excessive-agency': { 'eu-ai-act': ['Art.14', 'Art.15'], 'iso-42001': ['A.9.2', 'A.9.4'] },
  'agent-injection-exfiltration': { 'eu-ai-act': ['Art.14', 'Art.15'], 'iso-42001': ['A.9.2', 'A.9.4'] },
  'agent-no-guardrail': { 'eu-ai-act': ['Art.14', 'Art.15'], 'iso-42001': ['A.9.2', 'A.6.2.6'] },
  'agent-gateway-no-authorizer': NETWORK,
  'guardrail-not-enforced': GUARDRAIL,
  'guardrail-indirect-attack-unscreened': GUARDRAIL,
  'agent-gateway-debug-errors': NETWORK,
  // Which tools an agent may call, with which arguments, decided outside the model: human-defined limits on agency.
  'agent-gateway-policy-not-enforced': { 'eu-ai-act': ['Art.14', 'Art.15'], 'iso-42001': ['A.9.2', 'A.9.4'] },
  'agent-gateway-policy-permit-all': { 'eu-ai-act': ['Art.14', 'Art.15'], 'iso-42001': ['A.9.2', 'A.9.4'] },
  'agent-gateway-no-waf': NETWORK,
  'agent-runtime-public-network': NETWORK,
  'agent-code-interpreter-public-network': NETWORK,
  // What an agent did on the web on someone's behalf is a record a human overseer needs.
  'agent-browser-session-unrecorded': { 'eu-ai-act': ['Art.12', 'Art.14'], 'iso-42001': ['A.6.2.8'] },
  'agent-tool-static-credential': TOOLING,
  // Conversation transcripts kept past their purpose: data governance (minimisation) of the system's own data.
  'agent-memory-long-retention': { 'eu-ai-act': ['Art.10'], 'iso-42001': ['A.7.2', 'A.4.3'] },
  'data-store-insecure-transport': DATA,
  'data-store-soft-delete-disabled': { 'eu-ai-act': ['Art.10'], 'iso-42001': ['A.7.5'] },
  'data-store-weak-tls': DATA,
  'data-store-shared-key-access': DATA,
  'data-store-no-infrastructure-encryption': DATA,
  'data-store-uniform-access-disabled': DATA,
  // A registry is where promoted models come from: a value-chain (supplier) control as much as a network one.
  'model-registry-public-network': SUPPLY_CHAIN,
  'ai-service-outbound-unrestricted': NETWORK,
  'notebook-ssh-public': TOOLING,
  'notebook-local-auth': TOOLING,
  'training-interactive-shell': COMPUTE,
  'identity-user-direct-policy': COMPUTE,
  'identity-service-wildcard': COMPUTE,
  'workload-default-service-account': COMPUTE,
  'agent-tool-no-private-network': NETWORK,
  'guardrail-malicious-url-unfiltered': GUARDRAIL,
  'guardrail-harmful-content-unfiltered': GUARDRAIL,
  // Who may use, read or change the safety control: a guardrail question and an access one.
  'guardrail-policy-external-access': GUARDRAIL,
  'agent-tool-shared-key-auth': TOOLING,
  'mcp-server-no-auth': { 'eu-ai-act': ['Art.15', 'Art.25'], 'iso-42001': ['A.4.4', 'A.10.3'] },
  // Human oversight of what the agent does through an outside system, and the tool's own security.
  'mcp-server-no-approval': { 'eu-ai-act': ['Art.14', 'Art.15'], 'iso-42001': ['A.4.4', 'A.10.3'] },
  // Threat detection is monitoring of the system in operation, and the logs an incident needs.
  'ai-service-threat-protection-disabled': {
    'eu-ai-act': ['Art.15', 'Art.26'],
    'iso-42001': ['A.6.2.6', 'A.6.2.8'],
  },
};

/** Peer checks that declare no risk concept (hygiene, documentation), mapped one by one. */
export const RULE_CROSSWALK: Record<string, GovernanceMapping> = {
  'aispm-aws-bedrock-agent-role-shared': COMPUTE,
  'aispm-aws-bedrock-custom-model-untagged': { 'eu-ai-act': ['Art.11'], 'iso-42001': ['A.4.2'] },
  'aispm-aws-bedrock-guardrail-contextual-grounding-disabled': GUARDRAIL,
  'aispm-aws-bedrock-guardrail-sensitive-info-filter-disabled': GUARDRAIL,
  'aispm-aws-bedrock-invocation-logs-not-encrypted': {
    'eu-ai-act': ['Art.12', 'Art.15'],
    'iso-42001': ['A.6.2.8'],
  },
  'aispm-aws-sagemaker-domain-sso-not-configured': TOOLING,
  'aispm-aws-sagemaker-endpoint-single-instance': COMPUTE,
  // Shadow AI: AI outside the organisation's AI policy (A.2.2) and its approved, documented resources (A.4.2).
  'aispm-shadow-ai-account-not-approved': {
    'eu-ai-act': ['Art.26'],
    'iso-42001': ['A.2.2', 'A.4.2', 'A.9.2'],
  },
  'aispm-shadow-ai-region-not-approved': { 'eu-ai-act': ['Art.26'], 'iso-42001': ['A.2.2', 'A.9.2'] },
  // An unapproved model is also an unvetted supplier (A.10.3) along the value chain (Art. 25).
  'aispm-shadow-ai-unapproved-model': { 'eu-ai-act': ['Art.25', 'Art.26'], 'iso-42001': ['A.2.2', 'A.10.3'] },
  // Deployers assign oversight to named, competent people (Art. 26(2)); roles and responsibilities (A.3.2).
  'aispm-shadow-ai-no-owner': { 'eu-ai-act': ['Art.26'], 'iso-42001': ['A.3.2', 'A.4.2'] },
};

/** The rule with its EU AI Act and ISO/IEC 42001 controls added from the crosswalk (sorted, without repeats). */
export function withGovernanceMappings(rule: Rule): Rule {
  const mappings = [...rule.concepts.map((c) => CONCEPT_CROSSWALK[c]), RULE_CROSSWALK[rule.id]].filter(
    (m): m is GovernanceMapping => m !== undefined,
  );
  if (mappings.length === 0) return rule;
  const union = (key: keyof GovernanceMapping) =>
    [...new Set(mappings.flatMap((m) => m[key]))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return {
    ...rule,
    frameworks: { ...rule.frameworks, 'eu-ai-act': union('eu-ai-act'), 'iso-42001': union('iso-42001') },
  };
}
