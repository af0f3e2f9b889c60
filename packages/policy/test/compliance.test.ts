import { readFileSync } from 'node:fs';
import { sharedPath } from '@aispm/testing';
import { describe, expect, it } from 'vitest';
import { computeCompliance, FRAMEWORKS, RULES, type Verdict } from '../src/index.ts';

const reference = readFileSync(sharedPath('reference', 'frameworks.md'), 'utf8');

function mappedControls(frameworkId: string): Set<string> {
  return new Set(RULES.flatMap((r) => r.frameworks[frameworkId as keyof typeof r.frameworks] ?? []));
}

describe('framework catalogs', () => {
  it.each([
    ['owasp-llm-2025', /\bLLM\d\d:2025\b/g, 10],
    ['owasp-llm-2026', /\bLLM\d\d:2026\b/g, 10],
    ['owasp-ml-2023', /\bML\d\d:2023\b/g, 10],
    // table rows only: the notes also name draft ids (ASI16) that are not part of the release
    ['owasp-agentic-2026', /(?<=^\| )ASI\d\d(?= \|)/gm, 10],
  ] as const)(
    '%s lists every item of the reference, each mapped to a rule or notEvidenceable with a reason',
    (id, pattern, n) => {
      const catalog = FRAMEWORKS.find((f) => f.id === id);
      const inReference = new Set([...reference.matchAll(pattern)].map((m) => m[0]));
      expect(inReference.size).toBe(n);
      expect(new Set(catalog?.controls.map((c) => c.id))).toEqual(inReference);
      const mapped = mappedControls(id);
      for (const c of catalog?.controls ?? []) {
        // exactly one of: a rule evidences it, or the catalog says why posture cannot
        expect(mapped.has(c.id) !== Boolean(c.notEvidenceable), `${c.id}`).toBe(true);
        if (c.notEvidenceable) expect(c.notEvidenceable.length, c.id).toBeGreaterThan(30);
      }
    },
  );

  it('covers every NIST AI 600-1 action listed in the reference file', () => {
    const section = reference.slice(reference.indexOf('### 3.3'), reference.indexOf('## 4. NIST AI RMF'));
    const actions = new Set(
      [...section.matchAll(/^\| ((?:GV|MP|MS|MG)-\d+\.\d+-\d{3}) \|/gm)].map((m) => m[1]),
    );
    expect(actions.size).toBeGreaterThan(60);
    const catalog = FRAMEWORKS.find((f) => f.id === 'nist-ai-600-1');
    expect(new Set(catalog?.controls.map((c) => c.id))).toEqual(actions);
    const mapped = mappedControls('nist-ai-600-1');
    for (const c of catalog?.controls ?? [])
      expect(mapped.has(c.id) !== Boolean(c.notEvidenceable), c.id).toBe(true);
    expect(mapped.size).toBeGreaterThanOrEqual(15);
  });
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
    expect(llm04?.status).toBe('failing');
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
