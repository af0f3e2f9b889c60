import { ProviderSchema, SeveritySchema } from '@aispm/core';
import { z } from 'zod';

export { ProviderSchema, SeveritySchema };
export const FINDING_STATUSES = ['open', 'reopened', 'suppressed', 'resolved'] as const;

export const ErrorBodySchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    issues: z.array(z.object({ location: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

/** Error answers every authenticated route may give. */
export const ERRORS = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
} as const;

/** A state conflict (already connected, nothing to cancel, ...). */
export const CONFLICT = { 409: ErrorBodySchema } as const;

export const IdParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

export const Limit = (max = 500, fallback = 50) =>
  z.coerce.number().int().min(1).max(max).default(fallback).describe(`Page size, 1–${max}`);

export const Cursor = z
  .string()
  .min(1)
  .max(2_000)
  .optional()
  .describe('Opaque cursor: `nextCursor` of the previous page');

/** `true`/`false` in a query string. */
export const QueryFlag = z.enum(['true', 'false']).default('false');

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

/** A keyset-paginated list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A small, bounded list answered whole. */
export function itemsOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

export const JsonObject = z.record(z.string(), z.unknown());

/** The body of a streamed download, described by its media type. */
export const Download = (mediaType: string) => z.string().describe(mediaType);
export const NoContent = z.null();
