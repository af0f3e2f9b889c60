import { type Db, findingCountsByControl, latestEvaluation } from '@aispm/db';
import type { FrameworkInfo, RuleCatalog } from './services.ts';

export type ControlStatus = 'pass' | 'fail' | 'not-evidenceable' | 'no-data';

export interface ControlPosture {
  id: string;
  title: string;
  status: ControlStatus;
  rules: string[];
  /** Open findings mapped to the control. */
  failing: number;
  suppressed: number;
  /** Mapped rules with no open finding. */
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
 * Per-control status, live from the findings table: a control fails while a finding mapped to it is open,
 * passes once an evaluation ran and none is, and is `not-evidenceable` when no rule can check it. Findings
 * may name a control bare (`LLM03:2025`) or framework-qualified (`owasp-llm:LLM03:2025`); both count.
 */
export async function frameworkPostures(
  db: Db,
  tenantId: string,
  rules: RuleCatalog,
): Promise<FrameworkPosture[]> {
  const frameworks = rules.frameworks();
  if (!frameworks.length) return [];
  const [counts, evaluation] = await Promise.all([
    findingCountsByControl(db, tenantId),
    latestEvaluation(db, tenantId),
  ]);
  return frameworks.map((fw) => posture(fw, counts, evaluation !== null));
}

function posture(
  fw: FrameworkInfo,
  counts: Awaited<ReturnType<typeof findingCountsByControl>>,
  evaluated: boolean,
): FrameworkPosture {
  const controls = fw.controls.map((control): ControlPosture => {
    const rows = [counts.get(control.id), counts.get(`${fw.id}:${control.id}`)].filter(
      (r) => r !== undefined,
    );
    const failing = rows.reduce((n, r) => n + r.open, 0);
    const suppressed = rows.reduce((n, r) => n + r.suppressed, 0);
    const failingRules = new Set(rows.filter((r) => r.open > 0).flatMap((r) => r.rules));
    const status: ControlStatus =
      control.rules.length === 0
        ? 'not-evidenceable'
        : !evaluated
          ? 'no-data'
          : failing > 0
            ? 'fail'
            : 'pass';
    return {
      id: control.id,
      title: control.title,
      status,
      rules: control.rules,
      failing,
      suppressed,
      passing: control.rules.filter((r) => !failingRules.has(r)).length,
      ...(control.reason ? { reason: control.reason } : {}),
    };
  });
  return { id: fw.id, title: fw.title, version: fw.version ?? null, controls };
}
