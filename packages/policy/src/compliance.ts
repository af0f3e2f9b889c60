import { FRAMEWORKS, type FrameworkCatalog } from './frameworks/index.ts';
import type { Rule, Verdict } from './types.ts';

export interface ControlStatus {
  id: string;
  title: string;
  rules: string[];
  pass: number;
  fail: number;
  /** failing: some mapped rule fails; passing: mapped rules ran and none failed; no-data: mapped but no applicable asset. */
  status: 'failing' | 'passing' | 'no-data' | 'not-evidenceable';
  notEvidenceable?: string;
}

export interface FrameworkStatus {
  id: string;
  title: string;
  controls: ControlStatus[];
  summary: { controls: number; evidenced: number; failing: number; notEvidenceable: number };
}

/** Per framework and control: the rules that evidence it, their pass/fail counts, and what posture cannot evidence. */
export function computeCompliance(
  rules: readonly Rule[],
  verdicts: ReadonlyMap<string, readonly Verdict[]>,
  frameworks: readonly FrameworkCatalog[] = FRAMEWORKS,
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
  const counts = new Map<string, { pass: number; fail: number }>();
  for (const rule of rules) {
    let pass = 0;
    let fail = 0;
    for (const v of verdicts.get(rule.id) ?? []) {
      if (v.status === 'fail') fail++;
      else pass++;
    }
    counts.set(rule.id, { pass, fail });
  }
  return frameworks.map((fw) => {
    const controls: ControlStatus[] = fw.controls.map((c) => {
      const mapped = rulesByControl.get(`${fw.id}|${c.id}`) ?? [];
      if (mapped.length === 0) {
        return {
          id: c.id,
          title: c.title,
          rules: [],
          pass: 0,
          fail: 0,
          status: 'not-evidenceable',
          notEvidenceable: c.notEvidenceable ?? 'no rule maps to this control',
        };
      }
      let pass = 0;
      let fail = 0;
      for (const r of mapped) {
        const n = counts.get(r.id);
        pass += n?.pass ?? 0;
        fail += n?.fail ?? 0;
      }
      const status = fail > 0 ? 'failing' : pass > 0 ? 'passing' : 'no-data';
      return { id: c.id, title: c.title, rules: mapped.map((r) => r.id), pass, fail, status };
    });
    return {
      id: fw.id,
      title: fw.title,
      controls,
      summary: {
        controls: controls.length,
        evidenced: controls.filter((c) => c.status !== 'not-evidenceable').length,
        failing: controls.filter((c) => c.status === 'failing').length,
        notEvidenceable: controls.filter((c) => c.status === 'not-evidenceable').length,
      },
    };
  });
}
