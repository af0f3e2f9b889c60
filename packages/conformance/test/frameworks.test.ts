import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FRAMEWORKS, RULES } from '@aispm/policy';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { referenceDir, standardPath } from '../src/standards.ts';

/** The framework catalogs (the project's own data) against the reference file and MITRE's ATLAS data. */
const reference = readFileSync(resolve(referenceDir(), 'frameworks.md'), 'utf8');

describe('framework catalogs against the reference', () => {
  it.each([
    ['owasp-llm-2025', /\bLLM\d\d:2025\b/g],
    ['owasp-llm-2026', /\bLLM\d\d:2026\b/g],
    ['owasp-ml-2023', /\bML\d\d:2023\b/g],
    // table rows only: the notes also name draft ids (ASI16) that are not part of the release
    ['owasp-agentic-2026', /(?<=^\| )ASI\d\d(?= \|)/gm],
  ] as const)('%s lists exactly the items of the reference', (id, pattern) => {
    const catalog = FRAMEWORKS.find((f) => f.id === id);
    const inReference = new Set([...reference.matchAll(pattern)].map((m) => m[0]));
    expect(inReference.size).toBe(10);
    expect(new Set(catalog?.controls.map((c) => c.id))).toEqual(inReference);
  });

  it('covers every NIST AI 600-1 action listed in the reference file', () => {
    const section = reference.slice(reference.indexOf('### 3.3'), reference.indexOf('## 4. NIST AI RMF'));
    const actions = new Set(
      [...section.matchAll(/^\| ((?:GV|MP|MS|MG)-\d+\.\d+-\d{3}) \|/gm)].map((m) => m[1]),
    );
    expect(actions.size).toBeGreaterThan(60);
    const catalog = FRAMEWORKS.find((f) => f.id === 'nist-ai-600-1');
    expect(new Set(catalog?.controls.map((c) => c.id))).toEqual(actions);
  });

  it('lists every EU AI Act article of the reference table, under its official title', () => {
    const section = reference.slice(reference.indexOf('### 7a. EU AI Act'), reference.indexOf('### 7b.'));
    const articles = new Map(
      [...section.matchAll(/^\| (\d+) \| ([^|]+?) \|/gm)].map((m) => [`Art.${m[1]}`, m[2]]),
    );
    expect(articles.size).toBeGreaterThanOrEqual(20);
    const catalog = FRAMEWORKS.find((f) => f.id === 'eu-ai-act');
    expect(new Map(catalog?.controls.map((c) => [c.id, c.title]))).toEqual(articles);
  });

  it('lists the 38 ISO/IEC 42001 Annex A controls of the reference', () => {
    const section = reference.slice(
      reference.indexOf('### 7b. ISO/IEC 42001'),
      reference.indexOf('## 8. Prowler'),
    );
    const controls = new Set([...section.matchAll(/^\s+- (A\.\d+(?:\.\d+)+) [^:\n]+$/gm)].map((m) => m[1]));
    expect(controls.size).toBe(38);
    const catalog = FRAMEWORKS.find((f) => f.id === 'iso-42001');
    expect(new Set(catalog?.controls.map((c) => c.id))).toEqual(controls);
  });
});

describe('MITRE ATLAS 5.6.1', () => {
  const atlas = yaml.load(readFileSync(standardPath('mitre-atlas-5.6.1', 'ATLAS.yaml'), 'utf8')) as {
    matrices: { techniques: { id: string; name: string }[] }[];
  };
  const techniques = new Map(atlas.matrices.flatMap((m) => m.techniques.map((t) => [t.id, t.name] as const)));

  it('knows every technique id the rules and the catalog use, under the catalog title', () => {
    expect(techniques.size).toBeGreaterThan(100);
    for (const r of RULES)
      for (const id of r.frameworks['mitre-atlas'] ?? [])
        expect(techniques.has(id), `${r.id}: ${id}`).toBe(true);
    for (const c of FRAMEWORKS.find((f) => f.id === 'mitre-atlas')?.controls ?? [])
      expect(techniques.get(c.id), c.id).toBe(c.title);
  });
});
