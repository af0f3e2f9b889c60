import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countFindings,
  ensureTenant,
  type FindingDraft,
  finishEvaluation,
  getFindingByFingerprint,
  getFindingDetail,
  listAttackPaths,
  listFindingEvents,
  startEvaluation,
  suppressFinding,
  syncAttackPaths,
  syncFindings,
  unsuppressFinding,
} from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

let t: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  tenantId = (await ensureTenant(t.db, 'findings-test')).id;
});
afterAll(async () => {
  await t?.drop();
});

function draft(n: number, overrides: Partial<FindingDraft> = {}): FindingDraft {
  return {
    fingerprint: `fp-${n}`,
    ruleId: `rule-${n % 7}`,
    assetId: `arn:aws:s3:::bucket-${n}`,
    provider: 'aws',
    accountId: '111111111111',
    region: 'global',
    severity: n % 2 === 0 ? 'high' : 'medium',
    riskScore: 5 + (n % 5),
    riskReasons: ['severity high (base 7)'],
    title: `Finding ${n}`,
    controls: ['LLM04:2025', 'AML.T0020'],
    evidence: { properties: { n }, edges: [] },
    ...overrides,
  };
}

async function evaluate(drafts: FindingDraft[], now = new Date()) {
  const id = await startEvaluation(t.db, tenantId);
  const result = await syncFindings(t.db, tenantId, id, drafts, { now });
  await finishEvaluation(t.db, id, { ok: true });
  return result;
}

async function eventCount(): Promise<number> {
  const [r] = await t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM finding_events WHERE tenant_id = $1',
    [tenantId],
  );
  return r?.n ?? 0;
}

describe('findings lifecycle', () => {
  it('opens new findings with an event each, and a second identical sync changes no status and writes no event', async () => {
    const first = await evaluate([draft(1), draft(2), draft(3)]);
    expect(first).toMatchObject({ opened: 3, reopened: 0, resolved: 0, seen: 3 });
    const events = await eventCount();
    expect(events).toBe(3);
    const before = await getFindingByFingerprint(t.db, tenantId, 'fp-1');
    const shownBefore = await getFindingDetail(t.db, tenantId, before?.id ?? '');
    const versions = async () =>
      t.db.query<{ fingerprint: string; xmin: string }>(
        'SELECT fingerprint, xmin::text AS xmin FROM findings WHERE tenant_id = $1 ORDER BY fingerprint',
        [tenantId],
      );
    const rowsBefore = await versions();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await evaluate([draft(1), draft(2), draft(3)], new Date(Date.now() + 5_000));
    expect(second).toMatchObject({ opened: 0, reopened: 0, resolved: 0, seen: 3 });
    expect(await eventCount()).toBe(events);
    // Not one finding row was written (every row keeps its version)...
    expect(await versions()).toEqual(rowsBefore);
    const after = await getFindingByFingerprint(t.db, tenantId, 'fp-1');
    expect(after?.status).toBe('open');
    expect(after?.firstSeenAt).toEqual(before?.firstSeenAt);
    expect(after?.controls).toEqual(['LLM04:2025', 'AML.T0020']);
    // ...yet the finding shows as seen by the newer evaluation.
    const shownAfter = await getFindingDetail(t.db, tenantId, before?.id ?? '');
    expect(Date.parse(shownAfter?.lastSeenAt ?? '')).toBeGreaterThan(
      Date.parse(shownBefore?.lastSeenAt ?? ''),
    );
    expect(shownAfter?.lastEvaluationId).not.toBe(shownBefore?.lastEvaluationId);
  });

  it('rewrites an open finding whose content changed (its hash differs), and only that one', async () => {
    const versions = async () =>
      new Map(
        (
          await t.db.query<{ fingerprint: string; xmin: string }>(
            'SELECT fingerprint, xmin::text AS xmin FROM findings WHERE tenant_id = $1',
            [tenantId],
          )
        ).map((r) => [r.fingerprint, r.xmin]),
      );
    const before = await versions();
    const changed = draft(2, { evidence: { properties: { n: 2, exposed: 'now' }, edges: [] } });
    const r = await evaluate([draft(1), changed, draft(3)]);
    expect(r).toMatchObject({ opened: 0, reopened: 0, resolved: 0 });
    const after = await versions();
    expect(after.get('fp-2')).not.toBe(before.get('fp-2'));
    expect(after.get('fp-1')).toBe(before.get('fp-1'));
    expect(after.get('fp-3')).toBe(before.get('fp-3'));
    const stored = await getFindingByFingerprint(t.db, tenantId, 'fp-2');
    expect(stored?.evidence).toEqual(changed.evidence);
  });

  it('resolves findings no longer failing and reopens them when they fail again', async () => {
    const r1 = await evaluate([draft(1), draft(2)]);
    expect(r1.resolved).toBe(1);
    const gone = await getFindingByFingerprint(t.db, tenantId, 'fp-3');
    expect(gone?.status).toBe('resolved');
    expect(gone?.resolvedAt).toBeInstanceOf(Date);
    const r2 = await evaluate([draft(1), draft(2), draft(3, { riskScore: 9.5 })]);
    expect(r2).toMatchObject({ opened: 0, reopened: 1, resolved: 0 });
    const back = await getFindingByFingerprint(t.db, tenantId, 'fp-3');
    expect(back?.status).toBe('reopened');
    expect(back?.resolvedAt).toBeNull();
    expect(back?.riskScore).toBe(9.5);
    const events = await listFindingEvents(t.db, tenantId, back?.id ?? '');
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actor])).toEqual([
      [null, 'open', 'aispm'],
      ['open', 'resolved', 'aispm'],
      ['resolved', 'reopened', 'aispm'],
    ]);
  });

  it('suppresses with reason, who and expiry; keeps it suppressed while failing; lifts it when expired', async () => {
    const f = await getFindingByFingerprint(t.db, tenantId, 'fp-1');
    const until = new Date(Date.now() + 60_000);
    const s = await suppressFinding(t.db, tenantId, f?.id ?? '', {
      reason: 'accepted risk',
      by: 'alice@example.com',
      until,
    });
    expect(s).toMatchObject({
      status: 'suppressed',
      suppressReason: 'accepted risk',
      suppressedBy: 'alice@example.com',
    });
    await evaluate([draft(1), draft(2), draft(3)]);
    expect((await getFindingByFingerprint(t.db, tenantId, 'fp-1'))?.status).toBe('suppressed');
    const later = await evaluate([draft(1), draft(2), draft(3)], new Date(until.getTime() + 1000));
    expect(later.unsuppressed).toBe(1);
    const lifted = await getFindingByFingerprint(t.db, tenantId, 'fp-1');
    expect(lifted?.status).toBe('open');
    expect(lifted?.suppressReason).toBeNull();
    const events = await listFindingEvents(t.db, tenantId, lifted?.id ?? '');
    expect(events.slice(-2).map((e) => [e.fromStatus, e.toStatus, e.actor, e.reason])).toEqual([
      ['open', 'suppressed', 'alice@example.com', 'accepted risk'],
      ['suppressed', 'open', 'aispm', 'suppression expired'],
    ]);
  });

  it('unsuppresses by hand to reopened for a finding that was resolved before', async () => {
    const f = await getFindingByFingerprint(t.db, tenantId, 'fp-3');
    await suppressFinding(t.db, tenantId, f?.id ?? '', { reason: 'false positive', by: 'bob' });
    const u = await unsuppressFinding(t.db, tenantId, f?.id ?? '', 'bob');
    expect(u.status).toBe('reopened');
  });

  it('rejects bad suppressions with clear errors', async () => {
    const f = await getFindingByFingerprint(t.db, tenantId, 'fp-2');
    await expect(suppressFinding(t.db, tenantId, f?.id ?? '', { reason: ' ', by: 'x' })).rejects.toThrow(
      /reason/,
    );
    await expect(
      suppressFinding(t.db, tenantId, f?.id ?? '', { reason: 'r', by: 'x', until: new Date(0) }),
    ).rejects.toThrow(/future/);
    await expect(
      suppressFinding(t.db, tenantId, '00000000-0000-0000-0000-000000000000', { reason: 'r', by: 'x' }),
    ).rejects.toThrow(/not found/);
    await expect(unsuppressFinding(t.db, tenantId, f?.id ?? '', 'x')).rejects.toThrow(/not suppressed/);
  });

  it('counts active findings by severity and all by status', async () => {
    const counts = await countFindings(t.db, tenantId);
    expect(counts.byStatus).toEqual({ open: 2, reopened: 1 });
    expect(counts.bySeverity).toEqual({ medium: 2, high: 1 });
  });

  it('upserts 5 000 findings in batches and resolves them in one go', async () => {
    const many = Array.from({ length: 5_000 }, (_, i) => draft(1000 + i));
    const r = await evaluate(many);
    expect(r.opened).toBe(5_000);
    expect(r.resolved).toBe(3);
    const again = await evaluate([]);
    expect(again.resolved).toBe(5_000);
  });
});

describe('attack paths', () => {
  const path = (fp: string, score: number, kind = 'poisoning') => ({
    fingerprint: fp,
    entryId: 'aispm:internet',
    targetId: 'arn:aws:s3:::train',
    kind,
    hops: [{ assetId: 'aispm:internet', kind: 'internet', name: 'internet', via: null }],
    length: 3,
    likelihood: 0.7,
    impact: 9,
    score,
  });

  it('upserts by fingerprint, resolves the ones no longer found, reopens on return', async () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const first = await syncAttackPaths(t.db, tenantId, [path('p1', 6.3), path('p2', 4)], { now: t0 });
    expect(first.ids.size).toBe(2);
    const second = await syncAttackPaths(t.db, tenantId, [path('p1', 6.3)], {
      now: new Date(t0.getTime() + 1000),
    });
    expect(second.resolved).toBe(1);
    expect(second.ids.get('p1')).toBe(first.ids.get('p1'));
    expect((await listAttackPaths(t.db, tenantId)).map((p) => p.fingerprint)).toEqual(['p1']);
    await syncAttackPaths(t.db, tenantId, [path('p1', 6.3, 'theft'), path('p2', 4)], {
      now: new Date(t0.getTime() + 2000),
    });
    // The kind is stored, and re-derived on every evaluation.
    expect((await listAttackPaths(t.db, tenantId)).map((p) => [p.fingerprint, p.kind])).toEqual([
      ['p1', 'theft'],
      ['p2', 'poisoning'],
    ]);
  });
});

describe('findings staged through COPY', () => {
  it('store every value as given: quotes, backslashes, commas and braces in controls, tabs and newlines in text', async () => {
    const own = (await ensureTenant(t.db, 'findings-copy-escapes')).id;
    const awkward = draft(1, {
      fingerprint: 'fp\tawkward\\1',
      title: 'line one\nline two\ttabbed \\N "quoted"',
      controls: ['plain', 'with "quotes"', 'back\\slash', 'a,b', '{braces}', 'NULL', ''],
      riskReasons: ['reason\twith tab'],
      evidence: { note: 'carriage\rreturn', nested: [null, '\\N'] },
    });
    const plain = draft(2);
    const id = await startEvaluation(t.db, own);
    // Chunks of one: every finding goes through its own COPY and merge.
    const result = await syncFindings(t.db, own, id, [awkward, plain], { batchSize: 1 });
    expect(result).toMatchObject({ opened: 2, seen: 2 });
    const stored = await getFindingByFingerprint(t.db, own, awkward.fingerprint);
    expect(stored).toMatchObject({
      fingerprint: awkward.fingerprint,
      title: awkward.title,
      controls: awkward.controls,
      riskReasons: awkward.riskReasons,
      evidence: awkward.evidence,
    });
    // Stored exactly as given, it is recognised as unchanged next time: no row written, no event.
    const again = await syncFindings(t.db, own, await startEvaluation(t.db, own), [awkward, plain]);
    expect(again).toEqual({ opened: 0, reopened: 0, resolved: 0, unsuppressed: 0, seen: 2 });
    // New findings went in by a COPY of their own; a changed one goes through the stage and its merge.
    const changed = { ...awkward, riskReasons: ['reason\twith tab', 'back\\slash \\N'] };
    const third = await syncFindings(t.db, own, await startEvaluation(t.db, own), [changed, plain]);
    expect(third).toMatchObject({ opened: 0, reopened: 0, resolved: 0 });
    expect(await getFindingByFingerprint(t.db, own, awkward.fingerprint)).toMatchObject({
      title: awkward.title,
      controls: awkward.controls,
      riskReasons: changed.riskReasons,
      evidence: awkward.evidence,
    });
  });
});

describe('one evaluation that opens, rewrites, reopens and resolves at once', () => {
  it('stores new findings (copied in) exactly like the merged ones, each with its one first event', async () => {
    const own = (await ensureTenant(t.db, 'findings-mixed')).id;
    const t0 = new Date('2026-03-01T00:00:00Z');
    const sync = async (drafts: FindingDraft[], now: Date) => {
      const id = await startEvaluation(t.db, own);
      return { id, result: await syncFindings(t.db, own, id, drafts, { now }) };
    };
    await sync([draft(10), draft(11), draft(12), draft(15)], t0);
    await sync([draft(10), draft(11), draft(15)], new Date(t0.getTime() + 1000)); // fp-12 resolves
    const f15 = await getFindingByFingerprint(t.db, own, 'fp-15');
    await suppressFinding(t.db, own, f15?.id ?? '', { reason: 'accepted', by: 'test' });
    // After the suppression (made at the real time), so that the events read in order.
    const t2 = new Date(Date.now() + 60_000);
    // fp-10 unchanged, fp-11 changed, fp-12 back, fp-13 and fp-14 new, fp-15 fixed.
    const newOnes = [draft(14), draft(13)];
    const { id, result } = await sync([draft(10), draft(11, { riskScore: 9.9 }), draft(12), ...newOnes], t2);
    expect(result).toEqual({ opened: 2, reopened: 1, resolved: 1, unsuppressed: 0, seen: 5 });
    const status = async (fp: string) => (await getFindingByFingerprint(t.db, own, fp))?.status;
    expect([
      await status('fp-10'),
      await status('fp-11'),
      await status('fp-12'),
      await status('fp-15'),
    ]).toEqual(['open', 'open', 'reopened', 'resolved']);
    expect((await getFindingByFingerprint(t.db, own, 'fp-11'))?.riskScore).toBe(9.9);
    // A suppressed finding no longer failing resolves too, its suppression cleared, its event from 'suppressed'.
    expect(await getFindingByFingerprint(t.db, own, 'fp-15')).toMatchObject({
      suppressReason: null,
      resolvedAt: t2,
    });
    expect(
      (await listFindingEvents(t.db, own, f15?.id ?? '')).map((e) => [e.fromStatus, e.toStatus]),
    ).toEqual([
      [null, 'open'],
      ['open', 'suppressed'],
      ['suppressed', 'resolved'],
    ]);
    const stored = [];
    for (const d of newOnes) {
      const f = await getFindingByFingerprint(t.db, own, d.fingerprint);
      expect(f).toMatchObject({ ...d, status: 'open', resolvedAt: null, suppressReason: null });
      expect(f?.firstSeenAt).toEqual(t2);
      expect(f?.lastSeenAt).toEqual(t2);
      expect(f?.lastEvaluationId).toBe(id);
      const events = await listFindingEvents(t.db, own, f?.id ?? '');
      expect(events.map((e) => [e.fromStatus, e.toStatus, e.actor, e.reason, e.at])).toEqual([
        [null, 'open', 'aispm', 'first detected', t2],
      ]);
      stored.push(f);
    }
    // Ids ascend with the fingerprint (the order rows go in), so each index grows at its end.
    const [fp13, fp14] = [stored[1], stored[0]];
    expect((fp13?.id ?? '') < (fp14?.id ?? '')).toBe(true);
    // The tables the triggers keep (the count summary, the titles searched) take in the copied rows as well.
    const summary = await t.db.query<{ status: string; n: number }>(
      'SELECT status, sum(count)::int AS n FROM finding_counts WHERE tenant_id = $1 AND count > 0 GROUP BY status ORDER BY status',
      [own],
    );
    expect(Object.fromEntries(summary.map((r) => [r.status, r.n]))).toEqual({
      open: 4,
      reopened: 1,
      resolved: 1,
    });
    expect((await countFindings(t.db, own)).byStatus).toEqual({ open: 4, reopened: 1, resolved: 1 });
    const titles = await t.db.query<{ title: string }>(
      'SELECT title FROM finding_titles WHERE tenant_id = $1 ORDER BY title',
      [own],
    );
    expect(titles.map((r) => r.title)).toEqual(expect.arrayContaining(['Finding 13', 'Finding 14']));
  });
});
