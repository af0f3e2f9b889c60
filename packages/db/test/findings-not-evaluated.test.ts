import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureTenant,
  type FindingDraft,
  finishEvaluation,
  getFindingByFingerprint,
  startEvaluation,
  syncFindings,
} from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let t: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  tenantId = (await ensureTenant(t.db, 'not-evaluated-test')).id;
});
afterAll(async () => {
  await t?.drop();
});

const draft = (n: number): FindingDraft => ({
  fingerprint: `ne-${n}`,
  ruleId: 'aispm-guardrail-prompt-attack-weak',
  assetId: `guardrail-${n}`,
  provider: 'aws',
  accountId: '111111111111',
  region: 'us-east-1',
  severity: 'medium',
  riskScore: 5,
  riskReasons: [],
  title: `Finding ${n}`,
  controls: ['LLM01:2025'],
  evidence: { properties: {}, edges: [] },
});

async function evaluate(drafts: FindingDraft[], notEvaluated: string[] = []) {
  const id = await startEvaluation(t.db, tenantId);
  const result = await syncFindings(t.db, tenantId, id, drafts, { notEvaluated });
  await finishEvaluation(t.db, id, { ok: true });
  return result;
}

describe('not-evaluated verdicts and the findings lifecycle', () => {
  it('an open finding whose rule could not be evaluated stays open; one no longer failing resolves', async () => {
    await evaluate([draft(1), draft(2)]);
    // Next evaluation: guardrail-1's fact could not be read, guardrail-2 passes.
    const result = await evaluate([], ['ne-1']);
    expect(result.resolved).toBe(1);
    expect((await getFindingByFingerprint(t.db, tenantId, 'ne-1'))?.status).toBe('open');
    expect((await getFindingByFingerprint(t.db, tenantId, 'ne-2'))?.status).toBe('resolved');
    // Readable again and passing: now it resolves.
    await evaluate([]);
    expect((await getFindingByFingerprint(t.db, tenantId, 'ne-1'))?.status).toBe('resolved');
  });

  it('a not-evaluated pair without a finding opens none', async () => {
    const result = await evaluate([], ['ne-3']);
    expect(result.opened).toBe(0);
    expect(await getFindingByFingerprint(t.db, tenantId, 'ne-3')).toBeNull();
  });
});
