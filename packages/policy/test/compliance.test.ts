import { describe, expect, it } from 'vitest';
import {
  computeCompliance,
  controlStatus,
  FRAMEWORKS,
  RULES,
  summarizeCompliance,
  type Verdict,
} from '../src/index.ts';

function mappedControls(frameworkId: string): Set<string> {
  return new Set(RULES.flatMap((r) => r.frameworks[frameworkId as keyof typeof r.frameworks] ?? []));
}

/** The catalogs are the project's own data; their agreement with the reference file is checked in the conformance suite. */
describe('framework catalogs', () => {
  it.each([
    ['owasp-llm-2025', /^LLM\d\d:2025$/, 10],
    ['owasp-llm-2026', /^LLM\d\d:2026$/, 10],
    ['owasp-ml-2023', /^ML\d\d:2023$/, 10],
    ['owasp-agentic-2026', /^ASI\d\d$/, 10],
    ['nist-ai-600-1', /^(?:GV|MP|MS|MG)-\d+\.\d+-\d{3}$/, 60],
    ['mitre-atlas', /^AML\.T\d{4}(?:\.\d{3})?$/, 20],
    ['eu-ai-act', /^Art\.\d+$/, 23],
    ['iso-42001', /^A\.\d+(?:\.\d+)+$/, 38],
  ] as const)(
    '%s has titled, uniquely identified controls, each mapped to a rule or notEvidenceable with a reason',
    (id, pattern, atLeast) => {
      const catalog = FRAMEWORKS.find((f) => f.id === id);
      const controls = catalog?.controls ?? [];
      expect(catalog?.title.length).toBeGreaterThan(5);
      expect(controls.length).toBeGreaterThanOrEqual(atLeast);
      if (id.startsWith('owasp')) expect(controls.length).toBe(atLeast);
      expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
      const mapped = mappedControls(id);
      for (const c of controls) {
        expect(c.id).toMatch(pattern);
        expect(c.title.length, c.id).toBeGreaterThan(2);
        expect(mapped.has(c.id) !== Boolean(c.notEvidenceable), `${c.id}`).toBe(true);
        if (c.notEvidenceable) expect(c.notEvidenceable.length, c.id).toBeGreaterThan(30);
      }
      if (id === 'nist-ai-600-1') expect(mapped.size).toBeGreaterThanOrEqual(15);
    },
  );
});

describe('computeCompliance', () => {
  it('counts pass / fail per control from the rules mapped to it and keeps not-evidenceable controls with their reason', () => {
    const rule = RULES.find((r) => r.id === 'aispm-data-store-poisonable');
    if (!rule) throw new Error('rule missing');
    const verdict = (status: 'pass' | 'fail'): Verdict => ({
      assetId: 'a',
      status,
      message: '',
      evidence: { properties: {}, edges: [] },
    });
    const verdicts = new Map<string, Verdict[]>([
      [rule.id, [verdict('fail'), verdict('pass'), verdict('pass')]],
    ]);
    const result = computeCompliance(RULES, verdicts);
    const llm = result.find((f) => f.id === 'owasp-llm-2025');
    const llm04 = llm?.controls.find((c) => c.id === 'LLM04:2025');
    expect(llm04?.rules).toContain(rule.id);
    expect(llm04?.status).toBe('fail');
    expect(llm04?.fail).toBe(1);
    expect(llm04?.pass).toBeGreaterThanOrEqual(2);
    const llm09 = llm?.controls.find((c) => c.id === 'LLM09:2025');
    expect(llm09?.status).toBe('no-data');
    const ml = result.find((f) => f.id === 'owasp-ml-2023');
    const ml09 = ml?.controls.find((c) => c.id === 'ML09:2023');
    expect(ml09?.status).toBe('not-evidenceable');
    expect(ml09?.notEvidenceable).toMatch(/transport|application/);
    expect(ml?.summary.controls).toBe(10);
    expect(ml?.summary.notEvidenceable).toBe(1);
    expect(ml?.summary.failing).toBeGreaterThanOrEqual(1);
  });
});

describe('controlStatus (the one compliance function)', () => {
  const evidence = { rules: 2, evaluated: true, notEvaluated: 0, fail: 0, pass: 0 };
  it('never calls a control that could not be evaluated passing', () => {
    expect(controlStatus({ ...evidence, rules: 0, pass: 3 })).toBe('not-evidenceable');
    expect(controlStatus({ ...evidence, evaluated: false, fail: 2, pass: 3 })).toBe('not-evaluated');
    expect(controlStatus({ ...evidence, notEvaluated: 1, pass: 3 })).toBe('not-evaluated');
    expect(controlStatus({ ...evidence, notEvaluated: 1, fail: 1 })).toBe('fail');
    expect(controlStatus({ ...evidence, pass: 1 })).toBe('pass');
    expect(controlStatus(evidence)).toBe('no-data');
  });

  it('marks the controls of a rule that threw not-evaluated, and counts them in the summary', () => {
    const rule = RULES.find((r) => r.id === 'aispm-data-store-poisonable');
    if (!rule) throw new Error('rule missing');
    const pass: Verdict = {
      assetId: 'a',
      status: 'pass',
      message: '',
      evidence: { properties: {}, edges: [] },
    };
    const result = computeCompliance(RULES, new Map([[rule.id, [pass]]]), FRAMEWORKS, new Set([rule.id]));
    const llm = result.find((f) => f.id === 'owasp-llm-2025');
    const llm04 = llm?.controls.find((c) => c.id === 'LLM04:2025');
    expect(llm04?.status).toBe('not-evaluated');
    expect(llm?.summary.notEvaluated).toBeGreaterThanOrEqual(1);
    expect(llm?.summary.passing).toBe(0);
    expect(summarizeCompliance(llm?.controls ?? [])).toEqual(llm?.summary);
  });
});
