import { inventorySummary } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { ERRORS } from '../schemas.ts';

const InventorySummarySchema = z
  .object({
    total: z.number(),
    byProvider: z.record(z.string(), z.number()),
    byKind: z.record(z.string(), z.number()),
    byProviderKind: z.array(z.object({ provider: z.string(), kind: z.string(), count: z.number() })),
    byAccount: z.array(z.object({ provider: z.string(), accountId: z.string(), count: z.number() })),
  })
  .meta({ id: 'InventorySummary' });

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
