import { PROVIDERS, SEVERITIES } from '@aispm/core';
import { z } from 'zod';
import { ErrorBodySchema } from './errors.ts';

export const ProviderSchema = z.enum(PROVIDERS);
export const SeverityEnum = z.enum(SEVERITIES);
export const FINDING_STATUSES = ['open', 'reopened', 'suppressed', 'resolved'] as const;

export const IdParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

export const Limit = (max = 500, fallback = 50) =>
  z.coerce.number().int().min(1).max(max).default(fallback).describe(`Page size, 1–${max}`);

export const Cursor = z
  .string()
  .min(1)
  .max(2_000)
  .optional()
  .describe('Opaque cursor: `nextCursor` of the previous page');

/** `a,b,c` (or the parameter repeated) as a list of allowed values. */
export function csvOf<T extends z.ZodType<string, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      [v]
        .flat()
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, { error: 'give at least one value' }));
}

export const Timestamp = z.string().describe('ISO 8601 timestamp');

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Error answers every authenticated route may give. */
export const ERRORS = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
} as const;

export const JsonObject = z.record(z.string(), z.unknown());
