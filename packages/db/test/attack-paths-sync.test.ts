import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureTenant,
  finishEvaluation,
  listAttackPaths,
  startEvaluation,
  syncAttackPaths,
} from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.ts';

const path = (i: number, score = 5) => ({
  fingerprint: `path-${String(i).padStart(4, '0')}`,
  entryId: 'aispm:internet',
  targetId: `arn:aws:s3:::train-${i}`,
  kind: 'theft',
  hops: [
    { assetId: 'aispm:internet', kind: 'internet', name: 'internet', via: null },
    {
      assetId: `arn:aws:s3:::train-${i}`,
      kind: 'data-store',
      name: `train-${i}`,
      via: 'exposed-to-internet',
    },
  ],
  length: 2,
  likelihood: 0.9,
  impact: 8,
  score,
});

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

/** Row versions of the tenant's paths: a rewritten row gets a new xmin. */
async function versions(tenantId: string): Promise<Map<string, string>> {
  const rows = await t.db.query<{ fingerprint: string; v: string }>(
    'SELECT fingerprint, xmin::text AS v FROM attack_paths WHERE tenant_id = $1',
    [tenantId],
  );
  return new Map(rows.map((r) => [r.fingerprint, r.v]));
}

describe('attack paths staged by COPY and written only when they change', () => {
  it('writes no row when an evaluation finds the same paths, and takes their last-seen time from it', async () => {
    const tenantId = (await ensureTenant(t.db, 'paths-unchanged')).id;
    const paths = Array.from({ length: 120 }, (_, i) => path(i));
    const t0 = new Date('2026-03-01T00:00:00Z');
    const first = await syncAttackPaths(t.db, tenantId, paths, { now: t0, batchSize: 50 });
    expect(first).toMatchObject({ open: 120, written: 120, resolved: 0 });
    expect(first.ids.size).toBe(120);
    const before = await versions(tenantId);

    const evaluation = await startEvaluation(t.db, tenantId);
    const t1 = new Date('2026-03-02T00:00:00Z');
    const again = await syncAttackPaths(t.db, tenantId, [...paths].reverse(), { now: t1, batchSize: 50 });
    expect(again).toMatchObject({ open: 120, written: 0, resolved: 0 });
    expect(again.ids).toEqual(first.ids);
    expect(await versions(tenantId)).toEqual(before);
    await finishEvaluation(t.db, evaluation, {});
    const [finished] = await t.db.query<{ finished_at: Date }>(
      'SELECT finished_at FROM evaluations WHERE id = $1',
      [evaluation],
    );
    const listed = await listAttackPaths(t.db, tenantId, { limit: 1 });
    expect(listed[0]?.lastSeenAt.getTime()).toBe(finished?.finished_at.getTime());
  });

  it('rewrites only the changed path, resolves the missing one and reopens it when it returns', async () => {
    const tenantId = (await ensureTenant(t.db, 'paths-changed')).id;
    const paths = Array.from({ length: 10 }, (_, i) => path(i));
    await syncAttackPaths(t.db, tenantId, paths, { now: new Date('2026-03-01T00:00:00Z') });
    const before = await versions(tenantId);
    const changed = [path(0, 9.5), ...paths.slice(1, 9)];
    const second = await syncAttackPaths(t.db, tenantId, changed, { now: new Date('2026-03-02T00:00:00Z') });
    expect(second).toMatchObject({ written: 1, resolved: 1 });
    const after = await versions(tenantId);
    expect(
      [...after]
        .filter(([fp, v]) => before.get(fp) !== v)
        .map(([fp]) => fp)
        .sort(),
    ).toEqual(['path-0000', 'path-0009']);
    const open = await listAttackPaths(t.db, tenantId, { limit: 100 });
    expect(open.find((p) => p.fingerprint === 'path-0000')?.score).toBe(9.5);
    expect(open.some((p) => p.fingerprint === 'path-0009')).toBe(false);

    const third = await syncAttackPaths(t.db, tenantId, [...changed, path(9)], {
      now: new Date('2026-03-03T00:00:00Z'),
    });
    expect(third).toMatchObject({ written: 1, resolved: 0 });
    expect((await listAttackPaths(t.db, tenantId, { limit: 100 })).length).toBe(10);
  });
});
