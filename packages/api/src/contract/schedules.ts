import { ScanScopeSchema } from '@aispm/core';
import { cronError } from '@aispm/scan';
import { z } from 'zod';
import { Timestamp } from './common.ts';

const Cron = z
  .string()
  .trim()
  .superRefine((pattern, ctx) => {
    // Five fields only over the API (BullMQ's optional seconds field is for tests); and a pattern that can fire.
    const invalid = pattern.split(/\s+/).length === 5 ? cronError(pattern) : 'expected 5 fields';
    if (invalid) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a 5-field cron expression that can fire, e.g. "0 */6 * * *" (${invalid})`,
      });
    }
  });
const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be an IANA time zone, e.g. "Europe/Paris"' },
);
const ScheduleName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, {
  error: 'lowercase letters, digits, ".", "_", "-"; at most 63 characters',
});

export const ScheduleBody = z.strictObject({
  cron: Cron,
  timezone: TimeZone.default('UTC'),
  scope: ScanScopeSchema.default({}),
});

export const ScheduleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    cron: z.string(),
    timezone: z.string(),
    scope: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    lastRunAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Schedule' });

export const ScheduleParams = z.object({ name: ScheduleName });
