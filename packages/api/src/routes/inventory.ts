import { inventorySummary } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { ERRORS, InventorySummarySchema } from '../contract/index.ts';

export const inventoryRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/inventory/summary',
    {
      config: { access: READERS },
      schema: {
        tags: ['inventory'],
        summary: 'AI inventory: live asset counts by provider × kind and by account',
        response: { 200: InventorySummarySchema, ...ERRORS },
      },
    },
    async (request) => inventorySummary(ctx.db, principalOf(request).tenantId),
  );
};
