import {
  FINDING_SORTS,
  type FindingFilter,
  type FindingKey,
  type FindingSort,
  findingStatus,
  getFindingDetail,
  queryFindings,
} from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { READERS, TRIAGE } from '../access.ts';
import { actorOf, principalOf } from '../auth.ts';
import { frameworkOf, frameworkRules } from '../compliance.ts';
import type { RouteContext } from '../context.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { badRequest, ErrorBodySchema, HttpError, notFound } from '../errors.ts';
import {
  Cursor,
  csvOf,
  ERRORS,
  FINDING_STATUSES,
  IdParams,
  JsonObject,
  Limit,
  ProviderSchema,
  pageOf,
  SeverityEnum,
  Timestamp,
} from '../schemas.ts';
import type { RuleCatalog } from '../services.ts';

export const FindingSchema = z
  .object({
    id: z.string(),
    ruleId: z.string(),
    title: z.string(),
    severity: z.string(),
    riskScore: z.number(),
    riskReasons: z.array(z.unknown()),
    status: z.string(),
    assetId: z.string(),
    assetName: z.string().nullable(),
    assetKind: z.string().nullable(),
    provider: z.string(),
    accountId: z.string(),
    region: z.string(),
    controls: z.array(z.string()),
    suppressReason: z.string().nullable(),
    suppressedBy: z.string().nullable(),
    suppressedUntil: Timestamp.nullable(),
    firstSeenAt: Timestamp,
    lastSeenAt: Timestamp,
    resolvedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Finding' });

const RuleSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    severity: z.string().optional(),
    rationale: z.string().optional(),
    remediation: z.unknown().optional(),
    references: z.array(z.string()).optional(),
    mappings: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ id: 'Rule' });

const FindingDetailSchema = FindingSchema.extend({
  fingerprint: z.string(),
  evidence: JsonObject,
  lastEvaluationId: z.string().nullable(),
  rule: RuleSchema.nullable(),
  history: z.array(
    z.object({
      id: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actor: z.string(),
      reason: z.string().nullable(),
      at: Timestamp,
    }),
  ),
}).meta({ id: 'FindingDetail' });

/** The filters of the findings list, shared with the exports. */
export const FindingFilterQuery = z.object({
  severity: csvOf(SeverityEnum).optional().describe('One severity or a comma-separated list'),
  status: csvOf(z.enum(FINDING_STATUSES)).optional().describe('One status or a comma-separated list'),
  rule: csvOf(z.string().min(1).max(200)).optional().describe('Rule id(s)'),
  control: z.string().min(1).max(200).optional().describe('A framework control, e.g. `LLM03:2025`'),
  framework: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/, { error: 'a framework id such as owasp-llm-2025' })
    .optional()
    .describe('Only findings of rules mapped to the framework, e.g. `owasp-llm-2025`'),
  provider: ProviderSchema.optional(),
  account: z.string().min(1).max(200).optional(),
  asset: z.string().min(1).max(2_048).optional().describe('Asset id'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Text search (case-insensitive) in title, rule id, asset id and asset name'),
  sort: z
    .enum(FINDING_SORTS)
    .default('risk')
    .describe('risk (default), severity, or lastSeen; all descending'),
});

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

const FindingKeySchema: z.ZodType<FindingKey> = z.discriminatedUnion('sort', [
  z.object({ sort: z.literal('risk'), risk: z.number(), id: z.uuid() }),
  z.object({ sort: z.literal('severity'), rank: z.number().int(), risk: z.number(), id: z.uuid() }),
  z.object({ sort: z.literal('lastSeen'), lastSeen: z.iso.datetime(), id: z.uuid() }),
]);

const SuppressBody = z.strictObject({
  reason: z.string().trim().min(3, { error: 'give a reason of at least 3 characters' }).max(2_000),
  until: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time' })
    .refine((s) => Date.parse(s) > Date.now(), { error: 'must be in the future' })
    .optional(),
});

export const findingRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/findings',
    {
      config: { access: READERS },
      schema: {
        tags: ['findings'],
        summary: 'Findings with filters, sorted by risk/severity/lastSeen, keyset-paginated',
        querystring: FindingFilterQuery.extend({ limit: Limit(500, 50), cursor: Cursor }),
        response: { 200: pageOf(FindingSchema), ...ERRORS },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const filter = findingFilter(filters, ctx.rules);
      const after = decodeCursor(cursor, FindingKeySchema);
      if (after && after.sort !== filter.sort)
        throw badRequest('querystring.cursor: made for another sort order');
      const page = await queryFindings(ctx.db, principalOf(request).tenantId, {
        ...filter,
        limit,
        ...(after ? { after } : {}),
      });
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
      return { ...finding, rule: ctx.rules.rule(finding.ruleId) ?? null };
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
        response: { 200: FindingDetailSchema, 409: ErrorBodySchema, ...ERRORS },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const status = await findingStatus(ctx.db, p.tenantId, request.params.id);
      if (!status) throw notFound('finding');
      if (status === 'resolved') throw new HttpError(409, 'the finding is resolved: nothing to suppress');
      await ctx.services.findings.suppress({
        tenantId: p.tenantId,
        findingId: request.params.id,
        reason: request.body.reason,
        actor: actorOf(p),
        ...(request.body.until ? { until: new Date(request.body.until) } : {}),
      });
      const finding = await getFindingDetail(ctx.db, p.tenantId, request.params.id);
      if (!finding) throw notFound('finding');
      return { ...finding, rule: ctx.rules.rule(finding.ruleId) ?? null };
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
        body: z.strictObject({ reason: z.string().trim().max(2_000).optional() }).nullish(),
        response: { 200: FindingDetailSchema, 409: ErrorBodySchema, ...ERRORS },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const status = await findingStatus(ctx.db, p.tenantId, request.params.id);
      if (!status) throw notFound('finding');
      if (status !== 'suppressed') throw new HttpError(409, `the finding is ${status}, not suppressed`);
      await ctx.services.findings.unsuppress({
        tenantId: p.tenantId,
        findingId: request.params.id,
        actor: actorOf(p),
        ...(request.body?.reason ? { reason: request.body.reason } : {}),
      });
      const finding = await getFindingDetail(ctx.db, p.tenantId, request.params.id);
      if (!finding) throw notFound('finding');
      return { ...finding, rule: ctx.rules.rule(finding.ruleId) ?? null };
    },
  );
};
