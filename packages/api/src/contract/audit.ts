import { z } from 'zod';
import { Cursor, JsonObject, Limit, Timestamp } from './common.ts';

export const AuditEntrySchema = z
  .object({
    id: z.number(),
    actor: z.string(),
    action: z.string(),
    target: z.string().nullable(),
    details: JsonObject,
    at: Timestamp,
  })
  .meta({ id: 'AuditEntry' });

export const AuditQuery = z.object({
  action: z.string().min(1).max(200).optional(),
  actor: z.string().min(1).max(300).optional(),
  limit: Limit(500, 100),
  cursor: Cursor,
});

export const AuditCursorKey = z.object({ id: z.number().int() });
