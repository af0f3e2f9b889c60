import {
  countFindings,
  type Db,
  finishEvaluation,
  getUsagePolicy,
  loadGovernanceEvidence,
  loadGraph,
  pruneAssetChanges,
  startEvaluation,
  syncAttackPaths,
  syncFindings,
} from '@aispm/db';
import type { ComplianceSummary } from '@aispm/policy';

/** What one evaluation stored: finding counts and changes, verdicts, attack paths and compliance per framework. */
export interface EvaluationSummary {
  evaluationId: string;
  scanId: string | null;
  findings: { bySeverity: Record<string, number>; byStatus: Record<string, number> };
  changes: { opened: number; reopened: number; resolved: number; unsuppressed: number };
  rules: number;
  /** Verdicts by status; `notEvaluated` counts (rule, asset) pairs a needed fact was unknown for. */
  verdicts: { pass: number; fail: number; notEvaluated: number };
  /** The first of those, with the facts that could not be read (absent when every rule could evaluate). */
  notEvaluated?: { ruleId: string; assetId: string; message: string }[];
  attackPaths: number;
  frameworks: Record<string, ComplianceSummary>;
  chokePoints: { assetId: string; cuts: number; paths: string[] }[];
  durationMs: number;
  /** The self-assessment score and maturity stage as of this evaluation: the governance trend. */
  governance: {
    score: number;
    band: string;
    stage: number;
    answers: Record<string, string | null>;
  };
  /** Rules that threw (the others still ran); absent when every rule ran. */
  ruleErrors?: { ruleId: string; error: string }[];
}

/** Days the asset change log is kept when AISPM_CHANGES_RETENTION_DAYS is not set. */
export const DEFAULT_CHANGES_RETENTION_DAYS = 90;

/** Path ids kept per choke point in the stored summary (the count is always exact). */
const CHOKE_PATH_IDS = 50;
/** Not-evaluated verdicts listed in the stored summary (the count is always exact). */
const NOT_EVALUATED_LISTED = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The evaluation service beside the scan pipeline: loads the tenant's graph, runs the (pure) policy engine, and
 * persists findings (with their lifecycle), attack paths and the evaluation summary. Running it twice on an
 * unchanged graph changes no finding status and writes no finding event.
 */
export async function runEvaluation(
  db: Db,
  tenantId: string,
  opts: { scanId?: string; changesRetentionDays?: number } = {},
): Promise<EvaluationSummary> {
  if (!UUID.test(tenantId))
    throw new Error(`tenantId must be a tenant UUID, got ${JSON.stringify(tenantId)}`);
  if (opts.scanId !== undefined && !UUID.test(opts.scanId)) {
    throw new Error(`scanId must be a scan UUID, got ${JSON.stringify(opts.scanId)}`);
  }
  // Loaded on first use, so the processes and commands that never evaluate don't load the rules.
  const { DEFAULT_RULES, assessMaturity, assessSelf, evaluateGraph } = await import('@aispm/policy');
  const started = Date.now();
  const evaluationId = await startEvaluation(db, tenantId, opts.scanId ?? null);
  const graph = await loadGraph(db, tenantId);
  // Shadow-AI rules judge against the tenant's AI usage policy; without one they judge nothing.
  const usagePolicy = (await getUsagePolicy(db, tenantId))?.policy ?? null;
  const result = evaluateGraph(graph, { usagePolicy });
  const now = new Date();
  const changes = await syncFindings(db, tenantId, evaluationId, result.findings, {
    now,
    notEvaluated: result.notEvaluated,
  });
  const stored = await syncAttackPaths(db, tenantId, result.paths, { now });
  const counts = await countFindings(db, tenantId);
  const verdicts = { pass: 0, fail: 0, notEvaluated: 0 };
  const notEvaluated: { ruleId: string; assetId: string; message: string }[] = [];
  for (const [ruleId, list] of result.verdicts) {
    for (const v of list) {
      if (v.status === 'fail') verdicts.fail++;
      else if (v.status === 'pass') verdicts.pass++;
      else {
        verdicts.notEvaluated++;
        if (notEvaluated.length < NOT_EVALUATED_LISTED)
          notEvaluated.push({ ruleId, assetId: v.assetId, message: v.message });
      }
    }
  }
  const evidence = {
    ...(await loadGovernanceEvidence(db, tenantId)),
    evaluation: {
      id: evaluationId,
      finishedAt: now.toISOString(),
      frameworks: result.compliance.map((f) => f.id),
    },
    notEvaluated,
  };
  const assessment = assessSelf(evidence);
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
    verdicts,
    ...(notEvaluated.length > 0 ? { notEvaluated } : {}),
    attackPaths: result.paths.length,
    frameworks: Object.fromEntries(result.compliance.map((f) => [f.id, f.summary])),
    chokePoints: result.chokePoints.map((c) => ({
      assetId: c.assetId,
      cuts: c.cuts,
      paths: c.paths.slice(0, CHOKE_PATH_IDS).map((fp) => stored.ids.get(fp) ?? fp),
    })),
    governance: {
      score: assessment.score,
      band: assessment.band.id,
      stage: assessMaturity(evidence).stage,
      answers: Object.fromEntries(assessment.answers.map((a) => [a.id, a.answer])),
    },
    durationMs: Date.now() - started,
    ...(result.errors.length > 0 ? { ruleErrors: result.errors } : {}),
  };
  await finishEvaluation(db, evaluationId, summary);
  // Drift is kept as changes for a bounded time; pruning here keeps the log's size tied to the scan rhythm.
  await pruneAssetChanges(db, tenantId, opts.changesRetentionDays ?? DEFAULT_CHANGES_RETENTION_DAYS);
  return summary;
}
