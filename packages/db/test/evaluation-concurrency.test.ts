import type { FindingDraft } from '@aispm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTenant, startEvaluation, syncAttackPaths, syncFindings } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

// Before evaluations were serialized per tenant, 7 of 31 concurrent POST /evaluations answered 500 "deadlock
// detected": each evaluation locks the same finding rows in its own order, batch by batch.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('postgres');
});
afterAll(async () => {
  await t?.drop();
});

function draft(i: number): FindingDraft {
  return {
    fingerprint: `rule-${i % 7}|arn:aws:s3:::bucket-${i}`,
    ruleId: `rule-${i % 7}`,
    assetId: `arn:aws:s3:::bucket-${i}`,
    provider: 'aws',
    accountId: '111122223333',
    region: 'us-east-1',
    severity: 'high',
    riskScore: 50 + (i % 40),
    riskReasons: [],
    title: `finding ${i}`,
    controls: ['LLM03:2025'],
    evidence: { i },
  };
}

/** A seeded shuffle, so each concurrent writer visits the rows in a different order. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('concurrent evaluations of one tenant', () => {
  it('8 at once, each writing the same findings and paths in its own order, all succeed with one result', async () => {
    const tenant = await ensureTenant(t.db, 'concurrent');
    const drafts = Array.from({ length: 600 }, (_, i) => draft(i));
    const paths = drafts.slice(0, 200).map((d, i) => ({
      fingerprint: `path-${i}`,
      entryId: 'internet',
      targetId: d.assetId,
      kind: 'exposure',
      hops: [],
      length: 1,
      likelihood: 0.5,
      impact: 0.5,
      score: 25,
    }));
    const runs = Array.from({ length: 8 }, async (_, k) => {
      const evaluationId = await startEvaluation(t.db, tenant.id);
      const findings = await syncFindings(t.db, tenant.id, evaluationId, shuffled(drafts, k + 1), {
        batchSize: 25,
      });
      await syncAttackPaths(t.db, tenant.id, shuffled(paths, k + 11), { batchSize: 10 });
      return findings;
    });
    const results = await Promise.allSettled(runs);
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(errors).toEqual([]);
    const [count] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM findings WHERE tenant_id = $1 AND status = 'open'`,
      [tenant.id],
    );
    expect(count?.n).toBe(600);
  });
});
