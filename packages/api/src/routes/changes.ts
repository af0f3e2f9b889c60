import { assetHistory, scanChanges } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { AssetHistorySchema, AssetIdParams, ERRORS, IdParams, ScanChangesSchema } from '../contract/index.ts';
import { notFound } from '../errors.ts';

export const changeRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/scans/:id/changes',
    {
      config: { access: READERS },
      schema: {
        tags: ['scans'],
        summary:
          'What changed against the previous successful scan of the same scope: assets, findings, attack paths, choke points',
        params: IdParams,
        response: { 200: ScanChangesSchema, ...ERRORS },
      },
    },
    async (request) => {
      const changes = await scanChanges(ctx.db, principalOf(request).tenantId, request.params.id);
      if (!changes) throw notFound('finished scan');
      return changes;
    },
  );

  app.get(
    '/assets/:id/history',
    {
      config: { access: READERS },
      schema: {
        tags: ['assets'],
        summary: "An asset's fact history (drift), newest first",
        params: AssetIdParams,
        response: { 200: AssetHistorySchema, ...ERRORS },
      },
    },
    async (request) => ({
      items: await assetHistory(ctx.db, principalOf(request).tenantId, request.params.id),
    }),
  );
};
