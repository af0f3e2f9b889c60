import { listAudit } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AUDIT_READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { AuditCursorKey, AuditEntrySchema, AuditQuery, ERRORS, pageOf } from '../contract/index.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';

export const auditRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/audit-log',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags: ['audit'],
        summary: 'Every change made through the API, newest first',
        querystring: AuditQuery,
        response: { 200: pageOf(AuditEntrySchema), ...ERRORS },
      },
    },
    async (request) => {
      const { action, actor, limit, cursor } = request.query;
      const after = decodeCursor(cursor, AuditCursorKey);
      const rows = await listAudit(ctx.db, principalOf(request).tenantId, {
        limit: limit + 1,
        ...(after ? { before: after.id } : {}),
        ...(action ? { action } : {}),
        ...(actor ? { actor } : {}),
      });
      const items = rows.slice(0, limit).map((r) => ({ ...r, at: r.at.toISOString() }));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null };
    },
  );
};
