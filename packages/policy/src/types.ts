import type {
  AiUsagePolicy,
  AssetKind,
  AssetRecord,
  FactKey,
  FactsOf,
  Provider,
  RiskConcept,
  Severity,
  UnknownFact,
} from '@aispm/core';
import type { RuleGraph } from './graph.ts';

export const FRAMEWORK_IDS = [
  'owasp-llm-2025',
  'owasp-llm-2026',
  'owasp-ml-2023',
  'owasp-agentic-2026',
  'nist-ai-600-1',
  'mitre-atlas',
  'eu-ai-act',
  'iso-42001',
] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** NIST AI 600-1 §2 GAI risk categories, by the short codes of the reference file. */
export const GAI_RISKS = {
  CBRN: 'CBRN Information or Capabilities',
  CONF: 'Confabulation',
  DVH: 'Dangerous, Violent, or Hateful Content',
  PRIV: 'Data Privacy',
  ENV: 'Environmental Impacts',
  BIAS: 'Harmful Bias or Homogenization',
  HAIC: 'Human-AI Configuration',
  INTEG: 'Information Integrity',
  INFOSEC: 'Information Security',
  IP: 'Intellectual Property',
  OBSC: 'Obscene, Degrading, and/or Abusive Content',
  VCCI: 'Value Chain and Component Integration',
} as const;
export type GaiRisk = keyof typeof GAI_RISKS;

/** How to fix a finding on one cloud: console steps, a CLI command and a Terraform sketch. */
export interface RemediationSteps {
  console: string[];
  cli?: string;
  terraform?: string;
}

/**
 * Remediation per cloud, keyed by provider: every provider the rule applies to has its own text (a test checks
 * it), so a GCP finding never shows SageMaker steps.
 */
export type Remediation = Partial<Record<Provider, RemediationSteps>>;

export interface EvidenceEdge {
  id: string;
  kind: string;
  from: string;
  to: string;
  properties?: Record<string, unknown>;
}

/** What made a verdict: the properties read and the edges followed. */
export interface Evidence {
  properties: Record<string, unknown>;
  edges: EvidenceEdge[];
  /** Further assets the verdict relied on (e.g. the external principal, the sensitive bucket). */
  related?: string[];
}

/**
 * `not-evaluated`: a fact the rule needs could not be read (an UnknownFact); the verdict names it and why. It is
 * never a pass: it does not resolve an open finding and does not count as passing in compliance.
 */
export const VERDICT_STATUSES = ['pass', 'fail', 'not-evaluated'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export interface Verdict {
  assetId: string;
  status: VerdictStatus;
  message: string;
  evidence: Evidence;
}

export interface RuleContext {
  graph: RuleGraph;
  /** The tenant's AI usage policy; absent when none is configured (shadow-AI rules then judge nothing). */
  usagePolicy?: AiUsagePolicy;
}

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  rationale: string;
  remediation: Remediation;
  references: string[];
  /** The ground-truth risk concepts this rule detects. */
  concepts: RiskConcept[];
  appliesTo: { kinds: AssetKind[]; nativeTypes?: string[] };
  /**
   * The clouds the rule judges, when narrower than those its kinds / native types exist on (see
   * `ruleProviders`); assets of other clouds are not evaluated.
   */
  providers?: Provider[];
  /** Control ids per framework, exactly as in the framework catalogs. */
  frameworks: Partial<Record<FrameworkId, string[]>>;
  /** NIST AI 600-1 GAI risk categories the rule speaks to. */
  gaiRisks: GaiRisk[];
  /**
   * false for peer checks that are hygiene or availability rather than risk (they would flag estates the
   * ground truth calls clean): they keep their fixtures and mappings and run only when asked for.
   */
  enabledByDefault?: boolean;
  /** The same check in peer tools: `prowler:<check_id>`, `cloudsploit:<plugin path>`. */
  peers: string[];
  /** The facts the rule needs (its `needs`: unread, `not-evaluated`); listed beside each fact in FACTS.md. */
  readsFacts?: readonly string[];
  /** The facts only one of its kinds needs (its `needsFor`), by kind; listed beside that kind's fact in FACTS.md. */
  readsFactsFor?: Partial<Record<AssetKind, readonly string[]>>;
  evaluate(ctx: RuleContext): Verdict[];
}

/** The outcome of checking one asset: `null` when the rule does not apply to it after all. */
export type AssetCheck = { fail: boolean; message: string; evidence?: Partial<Evidence> } | null;

/**
 * The facts a rule's check sees: every fact of its kind(s); those it declared in `needs` narrowed to their value
 * (or absent), since the engine reports `not-evaluated` instead of calling the check when one is an UnknownFact.
 */
export type CheckedFacts<K extends AssetKind, N extends FactKey<K>> = {
  [P in keyof FactsOf<K>]: P extends N ? Exclude<FactsOf<K>[P], UnknownFact> : FactsOf<K>[P];
};

/** An asset as a typed rule's check sees it: the record (raw properties stay there for evidence) plus its facts. */
export type FactAsset<K extends AssetKind, N extends FactKey<K> = never> = AssetRecord & {
  kind: K;
  facts: CheckedFacts<K, N>;
};

export type AssetRuleSpec<K extends AssetKind = AssetKind, N extends FactKey<K> = never> = Omit<
  Rule,
  'evaluate' | 'appliesTo' | 'readsFacts'
> & {
  appliesTo: { kinds: readonly K[]; nativeTypes?: string[] };
  /**
   * Which assets of those kinds the rule judges at all, when that is a question of the graph (e.g. only stores
   * that hold AI data). Asked before `needs`, so an unread fact of an asset the rule does not judge is no verdict.
   */
  scope?(asset: FactAsset<K>, g: RuleGraph): boolean;
  /** The facts the check reads; when one is an UnknownFact the verdict is `not-evaluated` and the check is not run. */
  needs?: readonly N[];
  /**
   * Facts that only one of the rule's kinds needs, typed against that kind's own facts (which `needs`, limited to
   * the facts every kind shares, cannot name): `{ 'inference-endpoint': ['servesGenerativeModel'] }`. See KindNeeds.
   */
  needsFor?: NeedsFor<K>;
  check(asset: FactAsset<K, N>, g: RuleGraph, ctx: RuleContext): AssetCheck;
};

/**
 * What one kind of a rule needs. A list of that kind's facts: on each asset of the kind, one that is an UnknownFact
 * gives `not-evaluated` (as for `needs`), while an absent one is judged without (the resource has no such thing).
 * `{ facts, carriedBy }`: the same, and on the native types named in `carriedBy` — those whose connector always
 * reports the facts — an absent fact is unread too (a record from before the fact existed), so `not-evaluated`.
 * Assets of other types that never carry the fact are judged as before.
 */
export type KindNeeds<P extends AssetKind> =
  | readonly FactKey<P>[]
  | {
      readonly facts: readonly FactKey<P>[];
      /** The carrying native types, for every fact listed, or per fact (a fact not named: none carries it). */
      readonly carriedBy: readonly string[] | { readonly [F in FactKey<P>]?: readonly string[] };
    };

/** Per kind of K, the facts that kind alone needs (a kind outside K, or a fact it does not have, fails to typecheck). */
export type NeedsFor<K extends AssetKind> = { readonly [P in K]?: KindNeeds<P> };

/** Every control id a rule maps to, across frameworks (the finding's `controls` column). */
export function ruleControls(rule: Rule): string[] {
  return Object.values(rule.frameworks).flatMap((ids) => ids ?? []);
}
