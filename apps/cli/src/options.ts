import type { z } from 'zod';

/** Parses a CLI option with a zod schema; a bad value becomes a one-line error naming the flag. */
export function parseOption<T>(schema: z.ZodType<T>, value: unknown, flag: string, expectedText?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(
    `${flag}: expected ${expectedText ?? describeExpected(result.error)} (got ${JSON.stringify(value)})`,
  );
}

function describeExpected(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue && 'values' in issue && Array.isArray(issue.values)) return `one of ${issue.values.join(', ')}`;
  return issue?.message ?? 'a valid value';
}
