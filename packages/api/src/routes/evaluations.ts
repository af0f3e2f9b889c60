import { evaluationTrend, latestEvaluation } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { READERS, TRIAGE } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { ERRORS, EvaluationSchema, EvaluationTrendQuery, itemsOf } from '../contract/index.ts';
import { notFound } from '../errors.ts';

export const evaluationRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/evaluations',
    {
      config: { access: READERS },
      schema: {
        tags: ['evaluations'],
        summary: 'Recent evaluations, oldest first: the data of the trend chart',
        querystring: EvaluationTrendQuery,
        response: { 200: itemsOf(EvaluationSchema), ...ERRORS },
      },
    },
    async (request) => ({
      items: await evaluationTrend(ctx.db, principalOf(request).tenantId, request.query.limit),
    }),
  );

  app.get(
    '/evaluations/latest',
    {
      config: { access: READERS },
      schema: {
        tags: ['evaluations'],
        summary: 'The latest finished evaluation and its summary',
        response: { 200: EvaluationSchema, ...ERRORS },
      },
    },
    async (request) => {
      const evaluation = await latestEvaluation(ctx.db, principalOf(request).tenantId);
      if (!evaluation) throw notFound('evaluation (none has finished yet)');
      return evaluation;
    },
  );

  app.post(
    '/evaluations',
    {
      config: { access: TRIAGE, auditAction: 'evaluation.run' },
      schema: {
        tags: ['evaluations'],
        summary: 'Re-run the policy engine and attack-path finder on the current graph',
        response: { 200: EvaluationSchema, ...ERRORS },
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      await ctx.services.evaluator.run(tenantId);
      const evaluation = await latestEvaluation(ctx.db, tenantId);
      if (!evaluation) throw notFound('evaluation');
      return evaluation;
    },
  );
};
