import type { z } from 'zod';

/** Parses a CLI option with a zod schema; a bad value becomes a one-line error naming the flag. */
export function parseOption<T>(schema: z.ZodType<T>, value: unknown, flag: string, expectedText?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const expected =
    (expectedText ?? (issue && 'values' in issue && Array.isArray(issue.values)))
      ? `one of ${issue.values.join(', ')}`
      : issue?.message;
  throw new Error(`${flag}: expected ${expected} (got ${JSON.stringify(value)})`);
}
