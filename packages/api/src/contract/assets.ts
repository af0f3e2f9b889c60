import { AI_USAGE_STATES, ASSET_KINDS, type AssetKind } from '@aispm/core';
import { z } from 'zod';
import { Cursor, csvOf, JsonObject, Limit, ProviderSchema, QueryFlag, Timestamp } from './common.ts';
import { FindingSchema } from './findings.ts';

const KindEnum = z.enum(Object.keys(ASSET_KINDS) as [AssetKind, ...AssetKind[]]);

export const AssetSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    provider: z.string(),
    accountId: z.string(),
    region: z.string(),
    name: z.string(),
    nativeType: z.string(),
    tags: z.record(z.string(), z.string()),
    firstSeenAt: Timestamp,
    lastSeenAt: Timestamp,
    removedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Asset' });

export const EdgeSchema = z
  .object({ id: z.string(), kind: z.string(), from: z.string(), to: z.string(), properties: JsonObject })
  .meta({ id: 'Edge' });

export const AssetDetailSchema = AssetSchema.extend({
  properties: JsonObject,
  neighbourhood: z.object({
    depth: z.number(),
    assets: z.array(AssetSchema),
    edges: z.array(EdgeSchema),
    truncated: z.boolean(),
  }),
  findings: z.array(FindingSchema),
}).meta({ id: 'AssetDetail' });

const TagFilter = z
  .string()
  .regex(/^[^:]+:.*$/, { error: 'must be key:value' })
  .transform((s) => {
    const at = s.indexOf(':');
    return { key: s.slice(0, at), value: s.slice(at + 1) };
  });

export const AssetQuery = z.object({
  provider: ProviderSchema.optional(),
  kind: csvOf(KindEnum).optional().describe('One kind or a comma-separated list'),
  account: z.string().min(1).max(200).optional(),
  region: z.string().min(1).max(60).optional(),
  tag: TagFilter.optional().describe('`key:value`'),
  q: z.string().min(1).max(200).optional().describe('Case-insensitive substring of name or id'),
  includeRemoved: QueryFlag,
  usage: z
    .enum(AI_USAGE_STATES)
    .optional()
    .describe(
      'AI resources against the AI usage policy, as of the latest evaluation: `unapproved` (a shadow-AI finding), `unknown` (not judged: no policy, or a model of unknown maker while approved models are listed), `approved`',
    ),
  limit: Limit(500, 100),
  cursor: Cursor,
});

/** Asset ids are provider ids (ARNs, resource paths), URL-encoded in the path. */
export const AssetIdParams = z.object({ id: z.string().min(1).max(2_048) });
export const AssetDetailQuery = z.object({ depth: z.coerce.number().int().min(1).max(2).default(1) });

export const AssetCursorKey = z.object({ id: z.string() });
