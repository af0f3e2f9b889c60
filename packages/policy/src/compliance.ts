import { FRAMEWORKS, type FrameworkCatalog } from './frameworks/index.ts';
import type { Rule, Verdict } from './types.ts';

/**
 * The one status vocabulary of a control, shared by the evaluation summary, the API and the exports:
 * - `fail`: a rule mapped to the control fails on some asset;
 * - `pass`: the mapped rules were evaluated and none fails;
 * - `no-data`: the mapped rules were evaluated but found no asset they apply to;
 * - `not-evaluated`: a mapped rule could not be evaluated (it errored, a fact it needs could not be read, or no
 *   evaluation has run) — never `pass`;
 * - `not-evidenceable`: no rule maps to the control (cloud configuration cannot evidence it).
 */
export const COMPLIANCE_STATUSES = ['fail', 'pass', 'no-data', 'not-evaluated', 'not-evidenceable'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** What is known about the rules mapped to one control. */
export interface ControlEvidence {
  /** Rules mapped to the control. */
  rules: number;
  /** Whether an evaluation has run at all (findings left without one are not evidence). */
  evaluated: boolean;
  /** Mapped rules the evaluation could not evaluate (they errored, or gave a `not-evaluated` verdict). */
  notEvaluated: number;
  /** Failing results of the mapped rules (failing verdicts, or active findings). */
  fail: number;
  /** Passing results of the mapped rules. */
  pass: number;
}

/** The one compliance function: the status of a control from the evidence of its rules. */
export function controlStatus(evidence: ControlEvidence): ComplianceStatus {
  if (evidence.rules === 0) return 'not-evidenceable';
  if (!evidence.evaluated) return 'not-evaluated';
  if (evidence.fail > 0) return 'fail';
  if (evidence.notEvaluated > 0) return 'not-evaluated';
  return evidence.pass > 0 ? 'pass' : 'no-data';
}

export interface ComplianceSummary {
  controls: number;
  /** Controls some rule maps to (everything but `not-evidenceable`). */
  evidenced: number;
  failing: number;
  passing: number;
  noData: number;
  notEvaluated: number;
  notEvidenceable: number;
}

/** Counts a framework's controls by status. */
export function summarizeCompliance(controls: readonly { status: ComplianceStatus }[]): ComplianceSummary {
  const count = (status: ComplianceStatus) => controls.filter((c) => c.status === status).length;
  return {
    controls: controls.length,
    evidenced: controls.length - count('not-evidenceable'),
    failing: count('fail'),
    passing: count('pass'),
    noData: count('no-data'),
    notEvaluated: count('not-evaluated'),
    notEvidenceable: count('not-evidenceable'),
  };
}

export interface ControlStatus {
  id: string;
  title: string;
  rules: string[];
  pass: number;
  fail: number;
  status: ComplianceStatus;
  notEvidenceable?: string;
}

export interface FrameworkStatus {
  id: string;
  title: string;
  controls: ControlStatus[];
  summary: ComplianceSummary;
}

/**
 * Per framework and control: the rules that evidence it, their pass/fail counts, and what posture cannot evidence.
 * `notEvaluated` names rules that ran but could not be evaluated (they threw); their controls are not `pass`, nor
 * are those of rules with a `not-evaluated` verdict (a fact they need could not be read).
 */
export function computeCompliance(
  rules: readonly Rule[],
  verdicts: ReadonlyMap<string, readonly Verdict[]>,
  frameworks: readonly FrameworkCatalog[] = FRAMEWORKS,
  notEvaluated: ReadonlySet<string> = new Set(),
): FrameworkStatus[] {
  const rulesByControl = new Map<string, Rule[]>();
  for (const rule of rules) {
    for (const [fw, ids] of Object.entries(rule.frameworks)) {
      for (const id of ids ?? []) {
        const key = `${fw}|${id}`;
        const list = rulesByControl.get(key);
        if (list) list.push(rule);
        else rulesByControl.set(key, [rule]);
      }
    }
  }
  const counts = new Map<string, { pass: number; fail: number; notEvaluated: number }>();
  for (const rule of rules) {
    let pass = 0;
    let fail = 0;
    let notEvaluatedVerdicts = 0;
    for (const v of verdicts.get(rule.id) ?? []) {
      if (v.status === 'fail') fail++;
      else if (v.status === 'pass') pass++;
      else notEvaluatedVerdicts++;
    }
    counts.set(rule.id, { pass, fail, notEvaluated: notEvaluatedVerdicts });
  }
  return frameworks.map((fw) => {
    const controls: ControlStatus[] = fw.controls.map((c) => {
      const mapped = rulesByControl.get(`${fw.id}|${c.id}`) ?? [];
      let pass = 0;
      let fail = 0;
      for (const r of mapped) {
        const n = counts.get(r.id);
        pass += n?.pass ?? 0;
        fail += n?.fail ?? 0;
      }
      const status = controlStatus({
        rules: mapped.length,
        evaluated: true,
        // An asset the rule could not evaluate keeps the control from passing (a failure elsewhere still fails it).
        notEvaluated: mapped.filter(
          (r) => notEvaluated.has(r.id) || (counts.get(r.id)?.notEvaluated ?? 0) > 0,
        ).length,
        fail,
        pass,
      });
      return {
        id: c.id,
        title: c.title,
        rules: mapped.map((r) => r.id),
        pass,
        fail,
        status,
        ...(status === 'not-evidenceable'
          ? { notEvidenceable: c.notEvidenceable ?? 'no rule maps to this control' }
          : {}),
      };
    });
    return { id: fw.id, title: fw.title, controls, summary: summarizeCompliance(controls) };
  });
}
