import { tenantById } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ANY_ROLE, AUDIT_READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import {
  ERRORS,
  ErrorBodySchema,
  LiveSchema,
  MeSchema,
  MetricsSchema,
  ReadySchema,
} from '../contract/index.ts';

/**
 * `/healthz` (the process answers) and `/readyz` (the database answers) are unauthenticated so load
 * balancers and orchestrators can probe them. `/metrics` needs an admin or auditor token unless the
 * operator turned on `metricsPublic` (then it reports every tenant's gauges, for a private scraper).
 */
export const healthRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Process liveness',
        response: { 200: LiveSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database is reachable',
        response: { 200: ReadySchema, 503: ErrorBodySchema },
      },
    },
    async (_request, reply) => {
      try {
        await ctx.db.query('SELECT 1');
        return { status: 'ready' as const };
      } catch {
        return reply
          .code(503)
          .send({ statusCode: 503, error: 'Service Unavailable', message: 'database unreachable' });
      }
    },
  );

  app.get(
    '/metrics',
    {
      config: { access: ctx.metricsPublic ? 'public' : AUDIT_READERS },
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics: HTTP requests, findings and scans gauges',
        response: { 200: MetricsSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const tenantId = ctx.metricsPublic ? null : principalOf(request).tenantId;
      const { contentType, body } = await ctx.metrics.render(ctx.db, tenantId);
      return reply.type(contentType).send(body);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['health'],
        summary: 'The caller: tenant, token name and role',
        response: { 200: MeSchema, ...ERRORS },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const tenant = await tenantById(ctx.db, p.tenantId);
      return {
        tenant: tenant ?? { id: p.tenantId, slug: '', name: '' },
        tokenId: p.tokenId,
        name: p.tokenName,
        role: p.role,
      };
    },
  );
};
