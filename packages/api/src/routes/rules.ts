import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { READERS } from '../access.ts';
import type { RouteContext } from '../context.ts';
import { ERRORS, itemsOf, RuleListQuery, RuleSchema } from '../contract/index.ts';

/** The rule catalog: every rule with its clouds, severity, concepts, framework mappings and remediation per cloud. */
export const ruleRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/rules',
    {
      config: { access: READERS },
      schema: {
        tags: ['compliance'],
        summary: 'The rule catalog, with remediation for each cloud a rule applies to',
        querystring: RuleListQuery,
        response: { 200: itemsOf(RuleSchema), ...ERRORS },
      },
    },
    async (request) => {
      const { provider, framework } = request.query;
      const items = (ctx.rules.rules?.() ?? []).filter(
        (r) =>
          (!provider || (r.providers ?? []).includes(provider)) &&
          (!framework || (r.mappings?.[framework] ?? []).length > 0),
      );
      return { items };
    },
  );
};
