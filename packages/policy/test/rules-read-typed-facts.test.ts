import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const rulesDir = join(dirname(fileURLToPath(import.meta.url)), '../src/rules');

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? ruleFiles(join(dir, d.name)) : d.name.startsWith('aispm-') ? [join(dir, d.name)] : [],
  );
}

/** The raw-property readers of @aispm/core: connectors derive facts with them, rules never call them. */
const RAW_READERS =
  /\b(get|pick|truthy|nonEmpty|policyStatements|secretDetections|environmentNames|attachedPolicyNames)\(/;

describe('rules read typed facts, never raw provider properties', () => {
  const files = ruleFiles(rulesDir);

  it('finds the rule files', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  it('declares each rule with its kinds (and the facts it needs) as type arguments', () => {
    const untyped = files.filter(
      // A kind literal, or AiResourceKind (the kinds shadow-AI rules judge, declared once in @aispm/core).
      (f) =>
        !/export default (defineAssetRule|cmkRule)<\s*('|AiResourceKind\b)/.test(readFileSync(f, 'utf8')),
    );
    expect(untyped.map((f) => relative(rulesDir, f))).toEqual([]);
  });

  it('reads no asset property by name (only edges carry raw properties to rules)', () => {
    const raw: string[] = [];
    for (const f of files) {
      const lines = readFileSync(f, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const code = line.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "''");
        // `e.properties` / `edge.properties` are edge attributes (conditions, granted actions): graph data.
        const assetProperties = /\b(?!e\b|edge\b)[A-Za-z_]\w*\??\.properties\b/.test(code);
        if (assetProperties || RAW_READERS.test(code))
          raw.push(`${relative(rulesDir, f)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(raw).toEqual([]);
  });
});
