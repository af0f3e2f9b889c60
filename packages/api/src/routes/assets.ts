import { getAssetDetail, getUsagePolicy, queryAssets, queryFindings } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import {
  AssetCursorKey,
  AssetDetailQuery,
  AssetDetailSchema,
  AssetIdParams,
  AssetQuery,
  AssetSchema,
  ERRORS,
  pageOf,
} from '../contract/index.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { notFound } from '../errors.ts';

export const assetRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/assets',
    {
      config: { access: READERS },
      preHandler: ctx.search.guard,
      schema: {
        tags: ['assets'],
        summary: 'Assets of the graph, ordered by id, with filters and cursor pagination',
        querystring: AssetQuery,
        response: { 200: pageOf(AssetSchema), ...ERRORS },
      },
    },
    async (request) => {
      const q = request.query;
      const after = decodeCursor(q.cursor, AssetCursorKey);
      const tenantId = principalOf(request).tenantId;
      // Which AI is unknown depends on the policy in force (with no policy, nothing was judged).
      const usage = q.usage
        ? { state: q.usage, policy: (await getUsagePolicy(ctx.db, tenantId))?.policy ?? null }
        : undefined;
      const page = await ctx.search.read(ctx.db, q.q, (sql) =>
        queryAssets(sql, tenantId, {
          limit: q.limit,
          ...(q.provider ? { provider: q.provider } : {}),
          ...(q.kind ? { kind: q.kind } : {}),
          ...(q.account ? { accountId: q.account } : {}),
          ...(q.region ? { region: q.region } : {}),
          ...(q.tag ? { tag: q.tag } : {}),
          ...(q.q ? { q: q.q } : {}),
          includeRemoved: q.includeRemoved === 'true',
          ...(after ? { after } : {}),
          ...(usage ? { usage } : {}),
        }),
      );
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
        params: AssetIdParams,
        querystring: AssetDetailQuery,
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
