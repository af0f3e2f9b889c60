import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FACTS_MD, factTable } from '../scripts/fact-table.ts';

describe('FACTS.md', () => {
  it('is the table generated from the fact schemas and the rules (rerun scripts/fact-table.ts when stale)', () => {
    const generated = factTable();
    expect(generated).toContain(
      '| `promptAttackFilter` | `"none" \\| "low" \\| "medium" \\| "high"` | guardrail |',
    );
    expect(readFileSync(FACTS_MD, 'utf8')).toBe(generated);
  }, 60_000);
});
