import { getScanWithTasks, listCoverageGaps, queryScans } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SCAN_READERS, SCAN_STARTERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import {
  CONFLICT,
  ERRORS,
  IdParams,
  pageOf,
  ScanCancelledSchema,
  ScanCursorKey,
  ScanDetailSchema,
  ScanQuery,
  ScanSchema,
  ScanStartedSchema,
  StartScanBody,
} from '../contract/index.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { conflict, notFound } from '../errors.ts';

export const scanRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.post(
    '/scans',
    {
      config: { access: SCAN_STARTERS, auditAction: 'scan.start' },
      schema: {
        tags: ['scans'],
        summary: 'Start a scan (returns at once; follow it with GET /scans/{id})',
        body: StartScanBody,
        response: { 202: ScanStartedSchema, ...ERRORS },
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
        querystring: ScanQuery,
        response: { 200: pageOf(ScanSchema), ...ERRORS },
      },
    },
    async (request) => {
      const { status, limit, cursor } = request.query;
      const after = decodeCursor(cursor, ScanCursorKey);
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
        summary:
          'A scan with live progress counters, its tasks (failed ones first, with their errors) and its coverage gaps',
        params: IdParams,
        response: { 200: ScanDetailSchema, ...ERRORS },
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      const scan = await getScanWithTasks(ctx.db, tenantId, request.params.id);
      if (!scan) throw notFound('scan');
      const gaps = await listCoverageGaps(ctx.db, tenantId, scan.id);
      return { ...scan, gaps: gaps.map(({ scanId: _scan, ...gap }) => gap) };
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
        response: { 202: ScanCancelledSchema, ...CONFLICT, ...ERRORS },
      },
    },
    async (request, reply) => {
      const tenantId = principalOf(request).tenantId;
      const scan = await getScanWithTasks(ctx.db, tenantId, request.params.id);
      if (!scan) throw notFound('scan');
      const cancelled = await ctx.services.scans.cancel(tenantId, request.params.id);
      if (!cancelled) throw conflict(`scan is ${scan.status}: nothing to cancel`);
      return reply.code(202).send({ scanId: request.params.id, cancelled: true as const });
    },
  );
};
