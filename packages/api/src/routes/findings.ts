import {
  type FindingFilter,
  type FindingSort,
  findingStatus,
  getFindingDetail,
  queryFindings,
} from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { READERS, TRIAGE } from '../access.ts';
import { actorOf, principalOf } from '../auth.ts';
import { frameworkOf, frameworkRules } from '../compliance.ts';
import type { RouteContext } from '../context.ts';
import {
  CONFLICT,
  ERRORS,
  FindingCursorKey,
  FindingDetailSchema,
  type FindingFilterQuery,
  FindingListQuery,
  FindingSchema,
  IdParams,
  pageOf,
  SuppressBody,
  UnsuppressBody,
} from '../contract/index.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import type { RuleCatalog, RuleInfo } from '../services.ts';

/** The list's query as a repository filter; a framework id becomes the rules mapped to it. */
export function findingFilter(
  q: z.infer<typeof FindingFilterQuery>,
  rules: RuleCatalog,
): FindingFilter & { sort: FindingSort } {
  return {
    ...(q.framework ? { frameworkRules: frameworkRules(frameworkOf(rules, q.framework)) } : {}),
    sort: q.sort,
    ...(q.severity ? { severity: q.severity } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.rule ? { ruleId: q.rule } : {}),
    ...(q.control ? { control: q.control } : {}),
    ...(q.provider ? { provider: q.provider } : {}),
    ...(q.account ? { accountId: q.account } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.asset ? { assetId: q.asset } : {}),
  };
}

export const findingRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/findings',
    {
      config: { access: READERS },
      preHandler: ctx.search.guard,
      schema: {
        tags: ['findings'],
        summary: 'Findings with filters, sorted by risk/severity/lastSeen, keyset-paginated',
        querystring: FindingListQuery,
        response: { 200: pageOf(FindingSchema), ...ERRORS },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const filter = findingFilter(filters, ctx.rules);
      const after = decodeCursor(cursor, FindingCursorKey);
      if (after && after.sort !== filter.sort)
        throw badRequest('querystring.cursor: made for another sort order');
      const page = await ctx.search.read(ctx.db, filter.q, (sql) =>
        queryFindings(sql, principalOf(request).tenantId, { ...filter, limit, ...(after ? { after } : {}) }),
      );
      return { items: page.items, nextCursor: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/findings/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['findings'],
        summary: 'A finding with its evidence, rule metadata and status history',
        params: IdParams,
        response: { 200: FindingDetailSchema, ...ERRORS },
      },
    },
    async (request) => {
      const finding = await getFindingDetail(ctx.db, principalOf(request).tenantId, request.params.id);
      if (!finding) throw notFound('finding');
      return { ...finding, rule: findingRule(ctx.rules.rule(finding.ruleId), finding.provider) };
    },
  );

  app.post(
    '/findings/:id/suppress',
    {
      config: { access: TRIAGE, auditAction: 'finding.suppress' },
      schema: {
        tags: ['findings'],
        summary: 'Suppress a finding (accepted risk), optionally until a date',
        params: IdParams,
        body: SuppressBody,
        response: { 200: FindingDetailSchema, ...CONFLICT, ...ERRORS },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const status = await findingStatus(ctx.db, p.tenantId, request.params.id);
      if (!status) throw notFound('finding');
      if (status === 'resolved') throw conflict('the finding is resolved: nothing to suppress');
      await ctx.services.findings.suppress({
        tenantId: p.tenantId,
        findingId: request.params.id,
        reason: request.body.reason,
        actor: actorOf(p),
        ...(request.body.until ? { until: new Date(request.body.until) } : {}),
      });
      const finding = await getFindingDetail(ctx.db, p.tenantId, request.params.id);
      if (!finding) throw notFound('finding');
      return { ...finding, rule: findingRule(ctx.rules.rule(finding.ruleId), finding.provider) };
    },
  );

  app.post(
    '/findings/:id/unsuppress',
    {
      config: { access: TRIAGE, auditAction: 'finding.unsuppress' },
      schema: {
        tags: ['findings'],
        summary: 'Lift a suppression',
        params: IdParams,
        body: UnsuppressBody,
        response: { 200: FindingDetailSchema, ...CONFLICT, ...ERRORS },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const status = await findingStatus(ctx.db, p.tenantId, request.params.id);
      if (!status) throw notFound('finding');
      if (status !== 'suppressed') throw conflict(`the finding is ${status}, not suppressed`);
      await ctx.services.findings.unsuppress({
        tenantId: p.tenantId,
        findingId: request.params.id,
        actor: actorOf(p),
        ...(request.body?.reason ? { reason: request.body.reason } : {}),
      });
      const finding = await getFindingDetail(ctx.db, p.tenantId, request.params.id);
      if (!finding) throw notFound('finding');
      return { ...finding, rule: findingRule(ctx.rules.rule(finding.ruleId), finding.provider) };
    },
  );
};

/** The rule as the finding shows it: the remediation of the finding's own cloud, not every cloud's. */
function findingRule(rule: RuleInfo | undefined, provider: string) {
  if (!rule) return null;
  const { remediation, ...meta } = rule;
  const own = remediation?.[provider as keyof typeof remediation];
  return { ...meta, ...(own ? { remediation: own } : {}) };
}
