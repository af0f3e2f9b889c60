import { getScanWithTasks, queryScans } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SCAN_READERS, SCAN_STARTERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { HttpError, notFound } from '../errors.ts';
import { Cursor, ERRORS, IdParams, Limit, ProviderSchema, pageOf, Timestamp } from '../schemas.ts';

export const ScanScopeSchema = z
  .strictObject({
    provider: ProviderSchema.optional(),
    accounts: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(1_000)
      .optional()
      .describe('Account ids; all when absent'),
  })
  .meta({ id: 'ScanScope' });

const ScanSchema = z
  .object({
    id: z.string(),
    trigger: z.string(),
    status: z.string(),
    scope: z.record(z.string(), z.unknown()),
    tasksTotal: z.number(),
    tasksDone: z.number(),
    tasksFailed: z.number(),
    assetsSeen: z.number(),
    edgesSeen: z.number(),
    assetsWritten: z.number(),
    assetsRemoved: z.number(),
    error: z.string().nullable(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Scan' });

const ScanTaskSchema = z.object({
  id: z.string(),
  provider: z.string(),
  accountId: z.string(),
  region: z.string(),
  service: z.string(),
  status: z.string(),
  attempts: z.number(),
  error: z.string().nullable(),
  throttled: z.number(),
  assetsSeen: z.number(),
  edgesSeen: z.number(),
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});

const ScanDetailSchema = ScanSchema.extend({ tasks: z.array(ScanTaskSchema) }).meta({ id: 'ScanDetail' });
// Validated in full before use: a forged createdAt must be a 400, not a failed ::timestamptz cast.
const ScanKey = z.object({ createdAt: z.iso.datetime({ offset: true }), id: z.uuid() });

export const scanRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.post(
    '/scans',
    {
      config: { access: SCAN_STARTERS, auditAction: 'scan.start' },
      schema: {
        tags: ['scans'],
        summary: 'Start a scan (returns at once; follow it with GET /scans/{id})',
        body: z.strictObject({ scope: ScanScopeSchema.optional() }).nullish(),
        response: { 202: z.object({ scanId: z.string() }), ...ERRORS },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      // Who started it is in the audit log; the scan itself records the trigger kind.
      const { scanId } = await ctx.services.scans.start(p.tenantId, request.body?.scope ?? {}, 'api');
      return reply.code(202).send({ scanId });
    },
  );

  app.get(
    '/scans',
    {
      config: { access: SCAN_READERS },
      schema: {
        tags: ['scans'],
        summary: 'Scans, newest first',
        querystring: z.object({
          status: z.string().max(40).optional(),
          limit: Limit(200, 20),
          cursor: Cursor,
        }),
        response: { 200: pageOf(ScanSchema), ...ERRORS },
      },
    },
    async (request) => {
      const { status, limit, cursor } = request.query;
      const after = decodeCursor(cursor, ScanKey);
      const page = await queryScans(ctx.db, principalOf(request).tenantId, {
        limit,
        ...(status ? { status } : {}),
        ...(after ? { after } : {}),
      });
      return { items: page.items, nextCursor: encodeCursor(page.nextKey) };
    },
  );

  app.get(
    '/scans/:id',
    {
      config: { access: SCAN_READERS },
      schema: {
        tags: ['scans'],
        summary: 'A scan with live progress counters and its tasks (failed ones first, with their errors)',
        params: IdParams,
        response: { 200: ScanDetailSchema, ...ERRORS },
      },
    },
    async (request) => {
      const scan = await getScanWithTasks(ctx.db, principalOf(request).tenantId, request.params.id);
      if (!scan) throw notFound('scan');
      return scan;
    },
  );

  app.post(
    '/scans/:id/cancel',
    {
      config: { access: SCAN_STARTERS, auditAction: 'scan.cancel' },
      schema: {
        tags: ['scans'],
        summary: 'Cancel a queued or running scan',
        params: IdParams,
        response: {
          202: z.object({ scanId: z.string(), cancelled: z.literal(true) }),
          409: ERRORS[400],
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const tenantId = principalOf(request).tenantId;
      const scan = await getScanWithTasks(ctx.db, tenantId, request.params.id);
      if (!scan) throw notFound('scan');
      const cancelled = await ctx.services.scans.cancel(tenantId, request.params.id);
      if (!cancelled) throw new HttpError(409, `scan is ${scan.status}: nothing to cancel`);
      return reply.code(202).send({ scanId: request.params.id, cancelled: true as const });
    },
  );
};
