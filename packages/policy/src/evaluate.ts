import { type AiUsagePolicy, type FindingDraft, type Severity, sha256 } from '@aispm/core';
import {
  type AttackPath,
  type ChokePoint,
  chokePoints,
  crownJewels,
  findAttackPaths,
  type GraphInput,
} from '@aispm/paths';
import { computeCompliance, type FrameworkStatus } from './compliance.ts';
import { FRAMEWORKS } from './frameworks/index.ts';
import { RuleGraph } from './graph.ts';
import { buildRiskContext, riskScore } from './risk.ts';
import { DEFAULT_RULES, RULES } from './rules/index.ts';
import { type Rule, ruleControls, type Verdict } from './types.ts';

export interface GraphEvaluation {
  verdicts: Map<string, Verdict[]>;
  findings: FindingDraft[];
  paths: AttackPath[];
  chokePoints: ChokePoint[];
  compliance: FrameworkStatus[];
  /** Rules that threw: their id and error (the others still ran). */
  errors: { ruleId: string; error: string }[];
  /**
   * Fingerprints of (rule, asset) pairs the rules could not evaluate (a needed fact was unknown): an open finding
   * among them stays open, since nothing shows it is fixed.
   */
  notEvaluated: string[];
}

/** sha256(ruleId + assetId): the identity of a finding across evaluations. */
export function findingFingerprint(ruleId: string, assetId: string): string {
  return sha256(`${ruleId}\u0000${assetId}`);
}

/** Runs every rule, path finding and compliance over an in-memory graph. Pure: no database. */
export function evaluateGraph(
  input: GraphInput | RuleGraph,
  options: { rules?: readonly Rule[]; maxHops?: number; usagePolicy?: AiUsagePolicy | null } = {},
): GraphEvaluation {
  const graph = input instanceof RuleGraph ? input : new RuleGraph(input);
  const rules = options.rules ?? DEFAULT_RULES;
  const verdicts = new Map<string, Verdict[]>();
  const errors: { ruleId: string; error: string }[] = [];
  const context = options.usagePolicy ? { graph, usagePolicy: options.usagePolicy } : { graph };
  for (const rule of rules) {
    try {
      verdicts.set(rule.id, rule.evaluate(context));
    } catch (err) {
      // One broken rule must not hide every other finding; the error is reported in the summary.
      errors.push({ ruleId: rule.id, error: err instanceof Error ? err.message : String(err) });
      verdicts.set(rule.id, []);
    }
  }
  const paths = findAttackPaths(graph, { maxHops: options.maxHops ?? 6 });
  const risk = buildRiskContext(graph, crownJewels(graph), paths);
  const findings: FindingDraft[] = [];
  const notEvaluated: string[] = [];
  for (const rule of rules) {
    const controls = ruleControls(rule);
    for (const v of verdicts.get(rule.id) ?? []) {
      if (v.status === 'not-evaluated') notEvaluated.push(findingFingerprint(rule.id, v.assetId));
      if (v.status !== 'fail') continue;
      const asset = graph.asset(v.assetId);
      if (!asset) continue;
      const { score, reasons } = riskScore(rule.severity as Severity, asset, risk);
      findings.push({
        fingerprint: findingFingerprint(rule.id, asset.id),
        ruleId: rule.id,
        assetId: asset.id,
        provider: asset.provider,
        accountId: asset.accountId,
        region: asset.region,
        severity: rule.severity,
        riskScore: score,
        riskReasons: reasons,
        title: rule.title,
        controls,
        evidence: { message: v.message, ...v.evidence, concepts: rule.concepts },
      });
    }
  }
  return {
    verdicts,
    findings,
    paths,
    chokePoints: chokePoints(paths),
    // Mappings of every rule, verdicts of those that ran: an opt-in rule's controls show as no-data, not unmapped;
    // a rule that threw leaves its controls not evaluated.
    compliance: computeCompliance(RULES, verdicts, FRAMEWORKS, new Set(errors.map((e) => e.ruleId))),
    errors,
    notEvaluated,
  };
}
