import { createHash } from 'node:crypto';
import type { Severity } from '@aispm/core';
import {
  countFindings,
  type Db,
  type FindingDraft,
  finishEvaluation,
  loadGraph,
  startEvaluation,
  syncAttackPaths,
  syncFindings,
} from '@aispm/db';
import {
  type AttackPath,
  type ChokePoint,
  chokePoints,
  crownJewels,
  findAttackPaths,
  type GraphInput,
} from '@aispm/paths';
import { computeCompliance, type FrameworkStatus } from './compliance.ts';
import { RuleGraph } from './graph.ts';
import { buildRiskContext, riskScore } from './risk.ts';
import { DEFAULT_RULES, RULES } from './rules/index.ts';
import { type Rule, ruleControls, type Verdict } from './types.ts';

export interface EvaluationSummary {
  evaluationId: string;
  scanId: string | null;
  findings: { bySeverity: Record<string, number>; byStatus: Record<string, number> };
  changes: { opened: number; reopened: number; resolved: number; unsuppressed: number };
  rules: number;
  verdicts: { pass: number; fail: number };
  attackPaths: number;
  frameworks: Record<string, { controls: number; evidenced: number; failing: number }>;
  chokePoints: { assetId: string; cuts: number; paths: string[] }[];
  durationMs: number;
}

export interface GraphEvaluation {
  verdicts: Map<string, Verdict[]>;
  findings: FindingDraft[];
  paths: AttackPath[];
  chokePoints: ChokePoint[];
  compliance: FrameworkStatus[];
  /** Rules that threw: their id and error (the others still ran). */
  errors: { ruleId: string; error: string }[];
}

/** sha256(ruleId + assetId): the identity of a finding across evaluations. */
export function findingFingerprint(ruleId: string, assetId: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${assetId}`).digest('hex');
}

/** Runs every rule, path finding and compliance over an in-memory graph. Pure: no database. */
export function evaluateGraph(
  input: GraphInput | RuleGraph,
  options: { rules?: readonly Rule[]; maxHops?: number } = {},
): GraphEvaluation {
  const graph = input instanceof RuleGraph ? input : new RuleGraph(input);
  const rules = options.rules ?? DEFAULT_RULES;
  const verdicts = new Map<string, Verdict[]>();
  const errors: { ruleId: string; error: string }[] = [];
  for (const rule of rules) {
    try {
      verdicts.set(rule.id, rule.evaluate({ graph }));
    } catch (err) {
      // One broken rule must not hide every other finding; the error is reported in the summary.
      errors.push({ ruleId: rule.id, error: err instanceof Error ? err.message : String(err) });
      verdicts.set(rule.id, []);
    }
  }
  const paths = findAttackPaths(graph, { maxHops: options.maxHops ?? 6 });
  const risk = buildRiskContext(graph, crownJewels(graph), paths);
  const findings: FindingDraft[] = [];
  for (const rule of rules) {
    const controls = ruleControls(rule);
    for (const v of verdicts.get(rule.id) ?? []) {
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
    // Mappings of every rule, verdicts of those that ran: an opt-in rule's controls show as no-data, not unmapped.
    compliance: computeCompliance(RULES, verdicts),
    errors,
  };
}

/** Path ids kept per choke point in the stored summary (the count is always exact). */
const CHOKE_PATH_IDS = 50;

/**
 * Loads the tenant's graph, runs every rule, finds attack paths and choke points, and persists findings
 * (with their lifecycle), attack paths and the evaluation summary. Running it twice on an unchanged graph
 * changes no finding status and writes no finding event.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function runEvaluation(
  db: Db,
  tenantId: string,
  opts: { scanId?: string } = {},
): Promise<EvaluationSummary> {
  if (!UUID.test(tenantId))
    throw new Error(`tenantId must be a tenant UUID, got ${JSON.stringify(tenantId)}`);
  if (opts.scanId !== undefined && !UUID.test(opts.scanId)) {
    throw new Error(`scanId must be a scan UUID, got ${JSON.stringify(opts.scanId)}`);
  }
  const started = Date.now();
  const evaluationId = await startEvaluation(db, tenantId, opts.scanId ?? null);
  const graph = await loadGraph(db, tenantId);
  const result = evaluateGraph(graph);
  const now = new Date();
  const changes = await syncFindings(db, tenantId, evaluationId, result.findings, { now });
  const stored = await syncAttackPaths(
    db,
    tenantId,
    result.paths.map((p) => ({ ...p, hops: p.hops })),
    { now },
  );
  const counts = await countFindings(db, tenantId);
  let pass = 0;
  let fail = 0;
  for (const list of result.verdicts.values()) for (const v of list) v.status === 'fail' ? fail++ : pass++;
  const summary: EvaluationSummary = {
    evaluationId,
    scanId: opts.scanId ?? null,
    findings: counts,
    changes: {
      opened: changes.opened,
      reopened: changes.reopened,
      resolved: changes.resolved,
      unsuppressed: changes.unsuppressed,
    },
    rules: DEFAULT_RULES.length,
    verdicts: { pass, fail },
    attackPaths: result.paths.length,
    frameworks: Object.fromEntries(
      result.compliance.map((f) => [
        f.id,
        { controls: f.summary.controls, evidenced: f.summary.evidenced, failing: f.summary.failing },
      ]),
    ),
    chokePoints: result.chokePoints.map((c) => ({
      assetId: c.assetId,
      cuts: c.cuts,
      paths: c.paths.slice(0, CHOKE_PATH_IDS).map((fp) => stored.ids.get(fp) ?? fp),
    })),
    durationMs: Date.now() - started,
  };
  const persisted = result.errors.length > 0 ? { ...summary, ruleErrors: result.errors } : summary;
  await finishEvaluation(db, evaluationId, persisted);
  return persisted;
}
