import { summarizeCompliance } from '@aispm/policy';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import { frameworkPostures } from '../compliance.ts';
import type { RouteContext } from '../context.ts';
import {
  ERRORS,
  FrameworkDetailSchema,
  FrameworkParams,
  FrameworkSummarySchema,
  itemsOf,
} from '../contract/index.ts';
import { notFound } from '../errors.ts';

export const frameworkRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/frameworks',
    {
      config: { access: READERS },
      schema: {
        tags: ['compliance'],
        summary: 'Compliance frameworks with control counts',
        response: { 200: itemsOf(FrameworkSummarySchema), ...ERRORS },
      },
    },
    async (request) => {
      const postures = await frameworkPostures(ctx.db, principalOf(request).tenantId, ctx.rules);
      return {
        items: postures.map((f) => ({
          id: f.id,
          title: f.title,
          version: f.version,
          ...summarizeCompliance(f.controls),
        })),
      };
    },
  );

  app.get(
    '/frameworks/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['compliance'],
        summary: 'Per-control status of one framework',
        params: FrameworkParams,
        response: { 200: FrameworkDetailSchema, ...ERRORS },
      },
    },
    async (request) => {
      const postures = await frameworkPostures(ctx.db, principalOf(request).tenantId, ctx.rules);
      const framework = postures.find((f) => f.id === request.params.id);
      if (!framework) throw notFound('framework');
      return framework;
    },
  );
};
