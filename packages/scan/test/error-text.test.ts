import { describe, expect, it } from 'vitest';
import { errorText } from '../src/index.ts';

describe('errorText (what a failed task stores)', () => {
  it('keeps the real cloud error readable when it carries NUL and other control characters', () => {
    const err = new Error('AccessDenied\u0000: not authorized to perform bedrock:GetAgent\u001b[31m');
    err.name = 'AccessDeniedException';
    const text = errorText(err);
    expect(text).toBe(
      'AccessDeniedException: AccessDenied\ufffd: not authorized to perform bedrock:GetAgent\ufffd[31m',
    );
    expect(text).not.toMatch(/\p{Cc}(?<![\t\n\r])/u);
  });

  it('keeps line breaks and caps the length', () => {
    expect(errorText('first line\nsecond\tcolumn')).toBe('first line\nsecond\tcolumn');
    expect(errorText('x'.repeat(5_000))).toHaveLength(2_000);
  });
});
