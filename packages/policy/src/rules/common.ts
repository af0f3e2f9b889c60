import {
  type AssetKind,
  type FactKey,
  type FactsOf,
  isUnknownFact,
  type RiskConcept,
  type Severity,
} from '@aispm/core';
import { defineAssetRule } from '../define.ts';
import { edgeEvidence, type RuleGraph } from '../graph.ts';
import type { FactAsset, FrameworkId, GaiRisk, Remediation, Rule } from '../types.ts';

export const REF = {
  bedrockLogging: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html',
  bedrockGuardrails: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails.html',
  bedrockEncryption: 'https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-custom-job.html',
  bedrockAgents: 'https://docs.aws.amazon.com/bedrock/latest/userguide/agents.html',
  bedrockApiKeys: 'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html',
  gcpApiKeys: 'https://cloud.google.com/docs/authentication/api-keys-best-practices',
  agentCoreGatewayAuth:
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-inbound-auth.html',
  agentCoreGatewayDebug: 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-debug.html',
  agentCorePolicyModes:
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/policy-enforcement-modes.html',
  agentCorePolicyGateway:
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/update-gateway-with-policy.html',
  agentCoreGatewayWaf: 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-waf.html',
  agentCorePolicyCedar:
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/policy-understanding-cedar.html',
  agentCorePolicyScope: 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/policy-scope.html',
  bedrockEnforcedGuardrails:
    'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-enforcements.html',
  bedrockGuardrailResourcePolicy:
    'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-resource-based-policies.html',
  azurePromptShields:
    'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-filter-prompt-shields',
  modelArmorFloor: 'https://cloud.google.com/security-command-center/docs/model-armor-floor-settings',
  agentCoreVpc: 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/agentcore-vpc.html',
  agentCoreResourcePolicy:
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/resource-based-policies.html',
  agentCoreCodeInterpreter:
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/code-interpreter-tool.html',
  agentCoreBrowserRecording:
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/browser-recording.html',
  agentCoreMemory: 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/memory.html',
  agentCoreMemoryEncryption:
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/memory-encryption.html',
  agentCoreTokenVaultEncryption:
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/identity-data-protection.html',
  agentCoreOutboundAuth:
    'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-outbound-auth.html',
  bedrockKbEncryption: 'https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-kb.html',
  bedrockIam: 'https://docs.aws.amazon.com/bedrock/latest/userguide/security-iam.html',
  sagemakerNotebook:
    'https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html',
  sagemakerRoot: 'https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-root-access.html',
  sagemakerIsolation: 'https://docs.aws.amazon.com/sagemaker/latest/dg/mkt-algo-model-internet-free.html',
  sagemakerEncryption: 'https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html',
  sagemakerInterContainer: 'https://docs.aws.amazon.com/sagemaker/latest/dg/train-encrypt.html',
  sagemakerVpc: 'https://docs.aws.amazon.com/sagemaker/latest/dg/infrastructure-give-access.html',
  sagemakerCapture: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html',
  sagemakerDomain: 'https://docs.aws.amazon.com/sagemaker/latest/dg/onboard-sso-users.html',
  sagemakerLifecycle: 'https://docs.aws.amazon.com/sagemaker/latest/dg/notebook-lifecycle-config.html',
  s3Public: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  s3Versioning: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
  s3Logging: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
  kmsRotation: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
  iamTrust: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  iamPassRole: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
  iamKeys: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
  aossNetwork: 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-network.html',
  aossData:
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-data-access.html',
  aossEncryption:
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-encryption.html',
  owaspLlm: 'https://genai.owasp.org/llm-top-10/',
  owaspMl: 'https://owasp.org/www-project-machine-learning-security-top-10/',
  owaspAgentic: 'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
  hfSecurity: 'https://huggingface.co/docs/hub/security-pickle',
  atlas: 'https://atlas.mitre.org/',
} as const;

/** Framework mappings shared by every "not encrypted with a customer-managed key" rule. */
const CMK_FRAMEWORKS: Partial<Record<FrameworkId, string[]>> = {
  'owasp-llm-2025': ['LLM02:2025'],
  'owasp-llm-2026': ['LLM02:2026'],
  'owasp-ml-2023': ['ML05:2023'],
  'nist-ai-600-1': ['MS-2.7-001'],
  'mitre-atlas': ['AML.T0035', 'AML.T0025'],
};

/**
 * Azure ML serverless API endpoints (models as a service, `…/workspaces/{w}/serverlessEndpoints/{e}`): the catalog
 * model runs on Microsoft's infrastructure, not in the subscription, and the resource's settings are only authMode,
 * contentSafety and modelSettings (ARM ServerlessEndpointProperties). Microsoft documents no customer-managed key for
 * the endpoint and Azure ML's data collector only for managed and Kubernetes online endpoints
 * (https://learn.microsoft.com/azure/machine-learning/concept-data-collection): rules about those settings do not
 * judge these endpoints.
 */
export const AZURE_ML_SERVERLESS_ENDPOINT =
  'Microsoft.MachineLearningServices/workspaces/serverlessEndpoints';

/**
 * A Bedrock AgentCore runtime endpoint (DEFAULT or named): the address callers invoke an agent runtime through,
 * serving one of its versions. It holds no model, storage or capture setting of its own (ListAgentRuntimeEndpoints
 * reports a name, versions, status and description), so rules about those settings do not judge it; the runtime
 * behind it (its `serves` edge) is judged for them. Its resource-based policy is judged like the runtime's.
 */
export const AGENTCORE_RUNTIME_ENDPOINT = 'AWS::BedrockAgentCore::RuntimeEndpoint';

/** The kinds that report customer-managed-key encryption (the facts every "no CMK" rule reads). */
export type CmkKind = {
  [K in AssetKind]: 'encryption' | 'customerKeyId' extends FactKey<K> ? K : never;
}[AssetKind];

export interface CmkRuleSpec<K extends CmkKind, N extends FactKey<K>> {
  id: string;
  title: string;
  kinds: readonly K[];
  nativeTypes?: string[];
  what: string;
  severity?: Severity;
  peers?: string[];
  references: string[];
  remediation: Remediation;
  concepts?: RiskConcept[];
  /** Only assets this returns true for are checked (e.g. only stores that hold AI data); asked after `needs`. */
  applies?: (asset: FactAsset<K, N>, g: RuleGraph) => boolean;
  /** Facts `applies` / `providerOwned` read besides the encryption facts (unread: not evaluated, never a pass). */
  needs?: readonly N[];
  /** True when the asset says the provider's own key encrypts it (e.g. an OpenSearch Serverless AWS-owned key). */
  providerOwned?: (asset: FactAsset<K, N>) => boolean;
  /**
   * Native types on which a customer-managed key does not exist as a setting at all: the rule does not judge them
   * (no verdict, not "not evaluated"), and `why` is added to the rationale.
   */
  notApplicable?: { nativeTypes: readonly string[]; why: string };
  frameworks?: Partial<Record<FrameworkId, string[]>>;
  gaiRisks?: GaiRisk[];
}

/**
 * "X is not encrypted with a customer-managed key", for any kind that reports encryption: the `encryption` fact
 * or an encrypted-by edge to a customer key, else a customer key named in the resource's own configuration.
 */
export function cmkRule<const K extends CmkKind, const N extends FactKey<K> = never>(
  spec: CmkRuleSpec<K, N>,
): Rule {
  // The encryption facts are every CmkKind's (its definition says so); TypeScript cannot see it through K.
  const needs = ['encryption', 'customerKeyId', ...(spec.needs ?? [])] as unknown as readonly N[];
  return defineAssetRule<K, N>({
    id: spec.id,
    title: spec.title,
    severity: spec.severity ?? 'medium',
    rationale: `${spec.what} encrypted only with a provider-owned key cannot be access-controlled, audited or crypto-shredded by you: anyone who gets the storage gets the data, and key-policy separation of duties is lost.${spec.notApplicable ? ` ${spec.notApplicable.why}` : ''}`,
    remediation: spec.remediation,
    references: spec.references,
    concepts: spec.concepts ?? ['no-cmk-encryption'],
    appliesTo: { kinds: spec.kinds, ...(spec.nativeTypes ? { nativeTypes: spec.nativeTypes } : {}) },
    frameworks: spec.frameworks ?? CMK_FRAMEWORKS,
    gaiRisks: spec.gaiRisks ?? ['INFOSEC', 'PRIV'],
    peers: spec.peers ?? [],
    needs,
    ...(spec.notApplicable
      ? { scope: (asset) => !spec.notApplicable?.nativeTypes.includes(asset.nativeType) }
      : {}),
    check(asset, g) {
      if (spec.applies && !spec.applies(asset, g)) return null;
      if (spec.providerOwned?.(asset)) {
        return {
          fail: true,
          message: `${spec.what} is encrypted with a provider-owned key`,
          evidence: { properties: { providerOwnedKey: true } },
        };
      }
      const enc = g.cmk(asset);
      if (enc.cmk) {
        return {
          fail: false,
          message: `${spec.what} is encrypted with customer-managed key ${enc.keyId ?? ''}`.trim(),
          evidence: {
            edges: edgeEvidence(enc.edges),
            properties: { encryption: { cmk: true, keyId: enc.keyId } },
          },
        };
      }
      const { customerKeyId } = asset.facts as FactsOf<CmkKind> as { customerKeyId?: string };
      if (customerKeyId) {
        return {
          fail: false,
          message: `${spec.what} names customer key ${customerKeyId}`,
          evidence: { properties: { customerKeyId } },
        };
      }
      return {
        fail: true,
        message: `${spec.what} is not encrypted with a customer-managed key`,
        evidence: { edges: edgeEvidence(enc.edges), properties: { encryption: { cmk: false } } },
      };
    },
  });
}

/**
 * A store that holds AI data itself, or a storage account holding containers (as the CMK rule reads it: on Azure
 * the account, not the container, carries TLS, shared-key and infrastructure-encryption settings, and lineage
 * reaches the containers).
 */
export function holdsAiData(
  g: RuleGraph,
  store: { id: string; facts: { dataClassification?: unknown } },
): boolean {
  const storeId = store.id;
  return (
    // A container listing that could not be read: what the account holds is unknown, so the rule stays in scope
    // (and, needing dataClassification, is not evaluated rather than passing).
    isUnknownFact(store.facts.dataClassification) ||
    g.isAiDataStore(storeId) ||
    g.out(storeId, 'contains').some((e) => g.isAiDataStore(e.to) || g.asset(e.to)?.kind === 'data-store')
  );
}
