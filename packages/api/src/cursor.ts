import type { z } from 'zod';
import { badRequest } from './errors.ts';

/** Cursors are opaque to clients: the sort key of the last row, as base64url JSON. */
export function encodeCursor(key: Record<string, unknown> | null): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('querystring.cursor: not a cursor returned by this API');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw badRequest('querystring.cursor: not a cursor for this list and sort order');
  return result.data;
}
