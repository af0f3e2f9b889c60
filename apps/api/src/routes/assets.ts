import { ASSET_KINDS, type AssetKind } from '@aispm/core';
import { getAssetDetail, queryAssets, queryFindings } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { notFound } from '../errors.ts';
import { Cursor, csvOf, ERRORS, JsonObject, Limit, ProviderSchema, pageOf, Timestamp } from '../schemas.ts';
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

const EdgeSchema = z
  .object({ id: z.string(), kind: z.string(), from: z.string(), to: z.string(), properties: JsonObject })
  .meta({ id: 'Edge' });

const AssetDetailSchema = AssetSchema.extend({
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

export const assetRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/assets',
    {
      config: { access: READERS },
      schema: {
        tags: ['assets'],
        summary: 'Assets of the graph, ordered by id, with filters and cursor pagination',
        querystring: z.object({
          provider: ProviderSchema.optional(),
          kind: csvOf(KindEnum).optional().describe('One kind or a comma-separated list'),
          account: z.string().min(1).max(200).optional(),
          region: z.string().min(1).max(60).optional(),
          tag: TagFilter.optional().describe('`key:value`'),
          q: z.string().min(1).max(200).optional().describe('Case-insensitive substring of name or id'),
          includeRemoved: z.enum(['true', 'false']).default('false'),
          limit: Limit(500, 100),
          cursor: Cursor,
        }),
        response: { 200: pageOf(AssetSchema), ...ERRORS },
      },
    },
    async (request) => {
      const q = request.query;
      const after = decodeCursor(q.cursor, z.object({ id: z.string() }));
      const page = await queryAssets(ctx.db, principalOf(request).tenantId, {
        limit: q.limit,
        ...(q.provider ? { provider: q.provider } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.account ? { accountId: q.account } : {}),
        ...(q.region ? { region: q.region } : {}),
        ...(q.tag ? { tag: q.tag } : {}),
        ...(q.q ? { q: q.q } : {}),
        includeRemoved: q.includeRemoved === 'true',
        ...(after ? { after } : {}),
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/assets/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['assets'],
        summary: 'One asset (URL-encoded id) with its graph neighbourhood and findings',
        params: z.object({ id: z.string().min(1).max(2_048) }),
        querystring: z.object({ depth: z.coerce.number().int().min(1).max(2).default(1) }),
        response: { 200: AssetDetailSchema, ...ERRORS },
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      const detail = await getAssetDetail(ctx.db, tenantId, request.params.id, request.query.depth as 1 | 2);
      if (!detail) throw notFound('asset');
      const findings = await queryFindings(ctx.db, tenantId, {
        assetId: detail.id,
        sort: 'risk',
        limit: 200,
      });
      return { ...detail, findings: findings.items };
    },
  );
};
