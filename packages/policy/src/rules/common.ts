import type { AssetKind, AssetRecord, RiskConcept, Severity } from '@aispm/core';
import { defineAssetRule } from '../define.ts';
import { get } from '../facts.ts';
import { edgeEvidence, type RuleGraph } from '../graph.ts';
import type { FrameworkId, GaiRisk, Remediation, Rule } from '../types.ts';

export const REF = {
  bedrockLogging: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html',
  bedrockGuardrails: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails.html',
  bedrockEncryption: 'https://docs.aws.amazon.com/bedrock/latest/userguide/encryption-custom-job.html',
  bedrockAgents: 'https://docs.aws.amazon.com/bedrock/latest/userguide/agents.html',
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

export interface CmkRuleSpec {
  id: string;
  title: string;
  kinds: AssetKind[];
  nativeTypes?: string[];
  what: string;
  severity?: Severity;
  peers?: string[];
  references: string[];
  remediation: Remediation;
  concepts?: RiskConcept[];
  /** Only assets this returns true for are checked (e.g. only stores that hold AI data). */
  applies?: (asset: AssetRecord, g: RuleGraph) => boolean;
  /** Facts `applies` depends on: when one could not be read the rule is not evaluated (never a silent pass). */
  needs?: readonly string[];
  /** Extra AWS fields that name a customer key when no encrypted-by edge exists. */
  keyFields?: string[];
  /** A field that, when true, says the provider's own key is used (e.g. an OSS encryption policy's AWSOwnedKey). */
  providerOwnedFlag?: string;
  frameworks?: Partial<Record<FrameworkId, string[]>>;
  gaiRisks?: GaiRisk[];
}

/** "X is not encrypted with a customer-managed key", for any kind: the encrypted-by edge or a key field. */
export function cmkRule(spec: CmkRuleSpec): Rule {
  return defineAssetRule({
    id: spec.id,
    title: spec.title,
    severity: spec.severity ?? 'medium',
    rationale: `${spec.what} encrypted only with a provider-owned key cannot be access-controlled, audited or crypto-shredded by you: anyone who gets the storage gets the data, and key-policy separation of duties is lost.`,
    remediation: spec.remediation,
    references: spec.references,
    concepts: spec.concepts ?? ['no-cmk-encryption'],
    appliesTo: { kinds: spec.kinds, ...(spec.nativeTypes ? { nativeTypes: spec.nativeTypes } : {}) },
    frameworks: spec.frameworks ?? CMK_FRAMEWORKS,
    gaiRisks: spec.gaiRisks ?? ['INFOSEC', 'PRIV'],
    peers: spec.peers ?? [],
    // The spec is shared by many kinds, so its fact names are checked by the kinds' schemas at run time.
    ...(spec.needs ? { needs: spec.needs as never[] } : {}),
    check(asset, g) {
      if (spec.applies && !spec.applies(asset, g)) return null;
      const providerOwned = spec.providerOwnedFlag
        ? get(asset.properties, spec.providerOwnedFlag) === true
        : false;
      if (providerOwned) {
        return {
          fail: true,
          message: `${spec.what} is encrypted with a provider-owned key`,
          evidence: { properties: { [spec.providerOwnedFlag ?? '']: true } },
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
      for (const field of spec.keyFields ?? []) {
        const v = keyField(asset.properties, field);
        if (typeof v === 'string' && v.length > 0) {
          return {
            fail: false,
            message: `${spec.what} names customer key ${v}`,
            evidence: { properties: { [field]: v } },
          };
        }
      }
      return {
        fail: true,
        message: `${spec.what} is not encrypted with a customer-managed key`,
        evidence: { edges: edgeEvidence(enc.edges), properties: { encryption: { cmk: false } } },
      };
    },
  });
}

/** A key field's value; `list[].field` names a key only when every element of the list has one. */
function keyField(properties: Record<string, unknown>, field: string): string | undefined {
  const [listPath, inner] = field.split('[].');
  if (inner === undefined) {
    const v = get(properties, field);
    // 'auto' is how OpenSearch Serverless reports an AWS-owned key.
    return typeof v === 'string' && v.length > 0 && v !== 'auto' ? v : undefined;
  }
  const list = get(properties, listPath ?? '');
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const keys = list.map((x) => get(x, inner));
  return keys.every((k) => typeof k === 'string' && k.length > 0) ? String(keys[0]) : undefined;
}
