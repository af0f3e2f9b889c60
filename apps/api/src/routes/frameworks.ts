import { COMPLIANCE_STATUSES, summarizeCompliance } from '@aispm/policy';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import { frameworkPostures } from '../compliance.ts';
import type { RouteContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { ERRORS } from '../schemas.ts';

const ControlSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(COMPLIANCE_STATUSES),
  rules: z.array(z.string()),
  failing: z.number(),
  suppressed: z.number(),
  passing: z.number(),
  reason: z.string().optional(),
});

const FrameworkSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    version: z.string().nullable(),
    controls: z.number(),
    evidenced: z.number(),
    failing: z.number(),
    passing: z.number(),
    noData: z.number(),
    notEvaluated: z.number(),
    notEvidenceable: z.number(),
  })
  .meta({ id: 'FrameworkSummary' });

const FrameworkDetailSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    version: z.string().nullable(),
    controls: z.array(ControlSchema),
  })
  .meta({ id: 'FrameworkDetail' });

export const frameworkRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/frameworks',
    {
      config: { access: READERS },
      schema: {
        tags: ['compliance'],
        summary: 'Compliance frameworks with control counts',
        response: { 200: z.object({ items: z.array(FrameworkSummarySchema) }), ...ERRORS },
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
        params: z.object({ id: z.string().min(1).max(200) }),
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
