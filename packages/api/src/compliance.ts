import { type Db, findingCountsByRule, latestEvaluation } from '@aispm/db';
import { type ComplianceStatus, controlStatus } from '@aispm/policy';
import { badRequest } from './errors.ts';
import type { FrameworkInfo, RuleCatalog } from './services.ts';

export type ControlStatus = ComplianceStatus;

export interface ControlPosture {
  id: string;
  title: string;
  status: ControlStatus;
  rules: string[];
  /** Active (open or reopened) findings of the rules mapped to the control. */
  failing: number;
  suppressed: number;
  /** Mapped rules with no active finding. */
  passing: number;
  reason?: string;
}

export interface FrameworkPosture {
  id: string;
  title: string;
  version: string | null;
  controls: ControlPosture[];
}

/**
 * Per-control status, live from the findings table, by the policy engine's one compliance function: a control
 * fails while a finding of a rule mapped to it is active, passes once an evaluation ran and none is, is
 * `not-evaluated` before any evaluation (or while a mapped rule errored in the last one), and `not-evidenceable`
 * when no rule checks it.
 * Counting by rule (not by the findings' bare control ids) keeps frameworks that reuse an id apart.
 */
export async function frameworkPostures(
  db: Db,
  tenantId: string,
  rules: RuleCatalog,
): Promise<FrameworkPosture[]> {
  const frameworks = rules.frameworks();
  if (!frameworks.length) return [];
  const [counts, evaluation] = await Promise.all([
    findingCountsByRule(db, tenantId),
    latestEvaluation(db, tenantId),
  ]);
  const errored = evaluation ? erroredRules(evaluation.summary) : new Set<string>();
  return frameworks.map((fw) => posture(fw, counts, evaluation !== null, (ruleId) => errored.has(ruleId)));
}

/** Rules that threw in an evaluation (its summary's `ruleErrors`). */
export function erroredRules(summary: Record<string, unknown>): Set<string> {
  const errors = Array.isArray(summary.ruleErrors) ? (summary.ruleErrors as unknown[]) : [];
  return new Set(
    errors.flatMap((e) =>
      e && typeof e === 'object' && typeof (e as { ruleId?: unknown }).ruleId === 'string'
        ? [(e as { ruleId: string }).ruleId]
        : [],
    ),
  );
}

function posture(
  fw: FrameworkInfo,
  counts: Map<string, { open: number; suppressed: number }>,
  evaluated: boolean,
  errored: (ruleId: string) => boolean,
): FrameworkPosture {
  const controls = fw.controls.map((control): ControlPosture => {
    const failing = control.rules.reduce((n, r) => n + (counts.get(r)?.open ?? 0), 0);
    const suppressed = control.rules.reduce((n, r) => n + (counts.get(r)?.suppressed ?? 0), 0);
    const passing = control.rules.filter((r) => (counts.get(r)?.open ?? 0) === 0).length;
    const status = controlStatus({
      rules: control.rules.length,
      evaluated,
      notEvaluated: control.rules.filter(errored).length,
      fail: failing,
      pass: passing,
    });
    return {
      id: control.id,
      title: control.title,
      status,
      rules: control.rules,
      failing,
      suppressed,
      passing,
      ...(control.reason ? { reason: control.reason } : {}),
    };
  });
  return { id: fw.id, title: fw.title, version: fw.version ?? null, controls };
}

/** A framework of the catalog by id; an unknown id is a 400 naming the known ones. */
export function frameworkOf(rules: RuleCatalog, id: string): FrameworkInfo {
  const fw = rules.frameworks().find((f) => f.id === id);
  if (!fw) {
    const known = rules.frameworks().map((f) => f.id);
    throw badRequest(`framework: unknown framework "${id}" (one of ${known.join(', ') || 'none'})`);
  }
  return fw;
}

/** The rules mapped to any control of the framework: their findings are the framework's. */
export function frameworkRules(fw: FrameworkInfo): string[] {
  return [...new Set(fw.controls.flatMap((c) => c.rules))];
}
