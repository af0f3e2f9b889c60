import type { FindingDraft } from '@aispm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureTenant,
  findingCountsByRule,
  findingGauges,
  startEvaluation,
  suppressFinding,
  syncFindings,
  unsuppressFinding,
} from '../src/index.ts';
import { createTestDatabase, type TestBackend, type TestDatabase } from '../src/testing/index.ts';

function draft(
  i: number,
  severity: FindingDraft['severity'] = i % 3 === 0 ? 'high' : 'medium',
): FindingDraft {
  return {
    fingerprint: `rule-${i % 4}|arn:aws:s3:::bucket-${i}`,
    ruleId: `rule-${i % 4}`,
    assetId: `arn:aws:s3:::bucket-${i}`,
    provider: 'aws',
    accountId: '111122223333',
    region: 'us-east-1',
    severity,
    riskScore: 50,
    riskReasons: [],
    title: `finding ${i}`,
    controls: [],
    evidence: { i },
  };
}

describe.each<TestBackend>(['postgres', 'pglite'])('finding counts kept by the database (%s)', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** What counting the findings gives, in the shape finding_counts keeps (zero rows left out). */
  async function counted(tenantId: string) {
    const [truth, kept] = await Promise.all([
      t.db.query<{ key: string; n: number }>(
        `SELECT rule_id || ' ' || severity || ' ' || status AS key, count(*)::int AS n FROM findings
          WHERE tenant_id = $1 GROUP BY 1 ORDER BY 1`,
        [tenantId],
      ),
      t.db.query<{ key: string; n: number }>(
        `SELECT rule_id || ' ' || severity || ' ' || status AS key, count AS n FROM finding_counts
          WHERE tenant_id = $1 AND count > 0 ORDER BY 1`,
        [tenantId],
      ),
    ]);
    return { truth, kept };
  }

  async function evaluate(tenantId: string, drafts: FindingDraft[]) {
    const id = await startEvaluation(t.db, tenantId);
    await syncFindings(t.db, tenantId, id, drafts);
  }

  it('match a count of the findings through first evaluation, changes, fixes, suppression and reopening', async () => {
    const tenantId = (await ensureTenant(t.db, `counts-${backend}`)).id;
    const other = (await ensureTenant(t.db, `counts-other-${backend}`)).id;
    const all = Array.from({ length: 40 }, (_, i) => draft(i));
    await evaluate(tenantId, all);
    await evaluate(other, all.slice(0, 5));
    const first = await counted(tenantId);
    expect(first.kept).toEqual(first.truth);
    expect(first.kept.reduce((n, r) => n + r.n, 0)).toBe(40);

    // Ten fixed (resolved), one changes severity, the rest unchanged.
    await evaluate(tenantId, [...all.slice(0, 29), draft(29, 'critical')]);
    const [a, b] = await t.db.query<{ id: string }>(
      `SELECT id FROM findings WHERE tenant_id = $1 AND status = 'open' ORDER BY fingerprint LIMIT 2`,
      [tenantId],
    );
    await suppressFinding(t.db, tenantId, a?.id ?? '', { reason: 'accepted risk', by: 'alice' });
    await suppressFinding(t.db, tenantId, b?.id ?? '', { reason: 'accepted risk', by: 'alice' });
    await unsuppressFinding(t.db, tenantId, b?.id ?? '', 'alice');
    // The fixed ones come back: reopened.
    await evaluate(tenantId, all);
    const after = await counted(tenantId);
    expect(after.kept).toEqual(after.truth);
    expect(after.truth.map((r) => r.key).some((k) => k.endsWith(' reopened'))).toBe(true);
    expect(after.truth.map((r) => r.key).some((k) => k.endsWith(' suppressed'))).toBe(true);

    const perRule = await findingCountsByRule(t.db, tenantId);
    const [expected] = await t.db.query<{ open: number; suppressed: number }>(
      `SELECT count(*) FILTER (WHERE status IN ('open', 'reopened'))::int AS open,
              count(*) FILTER (WHERE status = 'suppressed')::int AS suppressed
         FROM findings WHERE tenant_id = $1 AND rule_id = 'rule-0'`,
      [tenantId],
    );
    expect(expected?.open).toBeGreaterThan(0);
    expect(perRule.get('rule-0')).toEqual(expected);
    // The other tenant's counts are its own.
    expect((await findingGauges(t.db, other)).reduce((n, g) => n + g.count, 0)).toBe(5);
  });

  it('follow a delete of findings', async () => {
    const tenantId = (await ensureTenant(t.db, `counts-delete-${backend}`)).id;
    await evaluate(
      tenantId,
      Array.from({ length: 12 }, (_, i) => draft(i)),
    );
    await t.db.execute(`DELETE FROM findings WHERE tenant_id = $1 AND rule_id = 'rule-1'`, [tenantId]);
    const { truth, kept } = await counted(tenantId);
    expect(kept).toEqual(truth);
    expect(kept.some((r) => r.key.startsWith('rule-1 '))).toBe(false);
  });
});

describe('finding counts under concurrent suppression (postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('stay exact, without deadlocks, when findings of one rule are suppressed and unsuppressed at once', async () => {
    const tenantId = (await ensureTenant(t.db, 'counts-race')).id;
    const id = await startEvaluation(t.db, tenantId);
    await syncFindings(
      t.db,
      tenantId,
      id,
      Array.from({ length: 40 }, (_, i) => ({
        ...draft(i, 'high'),
        ruleId: 'rule-x',
        fingerprint: `x|${i}`,
      })),
    );
    const ids = (
      await t.db.query<{ id: string }>('SELECT id FROM findings WHERE tenant_id = $1 ORDER BY fingerprint', [
        tenantId,
      ])
    ).map((r) => r.id);
    // Half are suppressed first, then those are unsuppressed while the other half are being suppressed.
    await Promise.all(
      ids.slice(0, 20).map((f) => suppressFinding(t.db, tenantId, f, { reason: 'r', by: 'a' })),
    );
    await Promise.all([
      ...ids.slice(0, 20).map((f) => unsuppressFinding(t.db, tenantId, f, 'a')),
      ...ids.slice(20).map((f) => suppressFinding(t.db, tenantId, f, { reason: 'r', by: 'a' })),
    ]);
    expect(await findingCountsByRule(t.db, tenantId)).toEqual(
      new Map([['rule-x', { open: 20, suppressed: 20 }]]),
    );
  });
});
