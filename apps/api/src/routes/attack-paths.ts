import { assetLabels, getAttackPath, latestEvaluation, queryAttackPaths } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { notFound } from '../errors.ts';
import { Cursor, ERRORS, IdParams, Limit, pageOf, Timestamp } from '../schemas.ts';

const HopSchema = z.object({
  assetId: z.string(),
  kind: z.string().optional(),
  name: z.string().optional(),
  via: z.string().nullable().optional(),
});

const AttackPathSchema = z
  .object({
    id: z.string(),
    fingerprint: z.string(),
    entryId: z.string(),
    targetId: z.string(),
    entryName: z.string().nullable(),
    targetName: z.string().nullable(),
    hops: z.array(HopSchema),
    length: z.number(),
    likelihood: z.number(),
    impact: z.number(),
    score: z.number(),
    status: z.string(),
    firstSeenAt: Timestamp,
    lastSeenAt: Timestamp,
    resolvedAt: Timestamp.nullable(),
  })
  .meta({ id: 'AttackPath' });

const ChokePointSchema = z.object({
  assetId: z.string(),
  name: z.string().nullable(),
  kind: z.string().nullable(),
  cuts: z.number(),
  paths: z.array(z.string()),
});

function asHops(hops: unknown[]): z.infer<typeof HopSchema>[] {
  return hops.filter(
    (h): h is z.infer<typeof HopSchema> => !!h && typeof (h as { assetId?: unknown }).assetId === 'string',
  );
}

export const attackPathRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/attack-paths',
    {
      config: { access: READERS },
      schema: {
        tags: ['attack-paths'],
        summary: 'Attack paths ranked by score',
        querystring: z.object({
          status: z.enum(['open', 'resolved']).default('open'),
          target: z.string().min(1).max(2_048).optional().describe('Crown-jewel asset id'),
          limit: Limit(200, 50),
          cursor: Cursor,
        }),
        response: { 200: pageOf(AttackPathSchema), ...ERRORS },
      },
    },
    async (request) => {
      const { status, target, limit, cursor } = request.query;
      const after = decodeCursor(cursor, z.object({ score: z.number(), id: z.uuid() }));
      const page = await queryAttackPaths(ctx.db, principalOf(request).tenantId, {
        limit,
        status,
        ...(target ? { targetId: target } : {}),
        ...(after ? { after } : {}),
      });
      return {
        items: page.items.map((p) => ({ ...p, hops: asHops(p.hops) })),
        nextCursor: encodeCursor(page.nextKey),
      };
    },
  );

  app.get(
    '/attack-paths/choke-points',
    {
      config: { access: READERS },
      schema: {
        tags: ['attack-paths'],
        summary: 'The fixes that cut the most attack paths, from the latest evaluation',
        response: {
          200: z.object({ evaluationId: z.string().nullable(), items: z.array(ChokePointSchema) }),
          ...ERRORS,
        },
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      const evaluation = await latestEvaluation(ctx.db, tenantId);
      const raw = evaluation?.summary.chokePoints;
      const points = (Array.isArray(raw) ? raw : []).filter(
        (c): c is { assetId: string; cuts?: unknown; paths?: unknown } =>
          !!c && typeof (c as { assetId?: unknown }).assetId === 'string',
      );
      const labels = await assetLabels(
        ctx.db,
        tenantId,
        points.map((c) => c.assetId),
      );
      return {
        evaluationId: evaluation?.id ?? null,
        items: points.map((c) => ({
          assetId: c.assetId,
          name: labels.get(c.assetId)?.name ?? null,
          kind: labels.get(c.assetId)?.kind ?? null,
          cuts: typeof c.cuts === 'number' ? c.cuts : 0,
          paths: Array.isArray(c.paths) ? c.paths.filter((p): p is string => typeof p === 'string') : [],
        })),
      };
    },
  );

  app.get(
    '/attack-paths/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['attack-paths'],
        summary: 'One attack path with its hops',
        params: IdParams,
        response: { 200: AttackPathSchema, ...ERRORS },
      },
    },
    async (request) => {
      const path = await getAttackPath(ctx.db, principalOf(request).tenantId, request.params.id);
      if (!path) throw notFound('attack path');
      return { ...path, hops: asHops(path.hops) };
    },
  );
};
