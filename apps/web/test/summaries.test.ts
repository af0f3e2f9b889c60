import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../src/api/types.ts';
import { providerKindMatrix } from '../src/lib/inventory.ts';
import { trendPoints } from '../src/lib/trend.ts';

describe('inventory matrix', () => {
  it('orders providers aws, azure, gcp and kinds by count, with zero for empty cells', () => {
    const m = providerKindMatrix({
      byProvider: { gcp: 2, aws: 3 },
      byKind: { model: 4, 'data-store': 1 },
      byProviderKind: [
        { provider: 'aws', kind: 'model', count: 2 },
        { provider: 'gcp', kind: 'model', count: 2 },
        { provider: 'aws', kind: 'data-store', count: 1 },
      ],
      byAccount: [],
    });
    expect(m.providers).toEqual(['aws', 'gcp']);
    expect(m.kinds).toEqual(['model', 'data-store']);
    expect(m.count('gcp', 'model')).toBe(2);
    expect(m.count('gcp', 'data-store')).toBe(0);
  });
});

describe('trend points', () => {
  const evaluation = (startedAt: string, bySeverity: Record<string, number>): Evaluation => ({
    id: startedAt,
    scanId: null,
    finishedAt: null,
    startedAt,
    summary: { findings: { bySeverity, byStatus: {} } },
  });

  it('sorts evaluations oldest first and fills missing severities with zero', () => {
    const points = trendPoints([
      evaluation('2026-11-23T12:00:00.000Z', { critical: 1 }),
      evaluation('2026-11-22T08:30:00.000Z', { high: 4, low: 2 }),
    ]);
    expect(points).toEqual([
      { at: '11-22 08:30', critical: 0, high: 4, medium: 0, low: 2, info: 0 },
      { at: '11-23 12:00', critical: 1, high: 0, medium: 0, low: 0, info: 0 },
    ]);
  });

  it('tolerates an evaluation whose summary has no findings block', () => {
    const bare = { id: 'x', startedAt: '2026-11-23T00:00:00.000Z', summary: {} } as unknown as Evaluation;
    expect(trendPoints([bare])[0]).toMatchObject({ critical: 0, info: 0 });
  });
});
