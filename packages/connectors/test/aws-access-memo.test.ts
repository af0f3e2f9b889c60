import { describe, expect, it } from 'vitest';
import { resourceMatch, resourceMemo, StatementMemo } from '../src/aws/access/matching.ts';
import type { Statement } from '../src/aws/access/policy-model.ts';

describe('StatementMemo: per-statement answers under one bound over all statements', () => {
  it('remembers an answer per statement and key', () => {
    const memo = new StatementMemo<number>(10);
    const a: Statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
    const b: Statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
    memo.set(a, 'x', 1);
    memo.set(b, 'x', 2);
    expect(memo.get(a, 'x')).toBe(1);
    expect(memo.get(b, 'x')).toBe(2);
    expect(memo.get(a, 'y')).toBeUndefined();
    expect(memo.size).toBe(2);
  });

  it('never holds more than its limit, however many statements it has seen', () => {
    const memo = new StatementMemo<number>(100);
    for (let i = 0; i < 10_000; i++) {
      const st: Statement = { Effect: 'Allow', Action: '*', Resource: `arn:aws:s3:::b${i}` };
      memo.set(st, 'k', i);
      expect(memo.size).toBeLessThanOrEqual(100);
    }
  });

  it("keeps the access analysis's resource answers bounded across many principals and resources", () => {
    resourceMemo.clear();
    // 2,000 principals' own statements, each weighed against 100 resources: 200k answers, more than the bound.
    for (let p = 0; p < 2_000; p++) {
      const st: Statement = { Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::team-${p % 7}-*` };
      for (let r = 0; r < 100; r++) {
        const arn = `arn:aws:s3:::team-${r % 7}-${r}`;
        expect(resourceMatch(st, { arn, accountId: '111111111111' }).match).toBe(
          r % 7 === p % 7 ? 'all' : 'none',
        );
      }
    }
    expect(resourceMemo.size).toBeGreaterThan(0);
    expect(resourceMemo.size).toBeLessThanOrEqual(resourceMemo.limit);
  });
});
