import { assetLabels, getAttackPath, latestEvaluation, queryAttackPaths } from '@aispm/db';
import { ATTACK_PATH_KINDS, type AttackPathKind } from '@aispm/paths';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import {
  AttackPathCursorKey,
  AttackPathQuery,
  AttackPathSchema,
  ChokePointsSchema,
  ERRORS,
  type Hop,
  IdParams,
  pageOf,
} from '../contract/index.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { notFound } from '../errors.ts';

function asHops(hops: unknown[]): Hop[] {
  return hops.filter((h): h is Hop => !!h && typeof (h as { assetId?: unknown }).assetId === 'string');
}

/** The stored kind as the contract names it (a row written before kinds existed is an exposure). */
function asKind(kind: string): AttackPathKind {
  return (ATTACK_PATH_KINDS as readonly string[]).includes(kind) ? (kind as AttackPathKind) : 'exposure';
}

export const attackPathRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/attack-paths',
    {
      config: { access: READERS },
      schema: {
        tags: ['attack-paths'],
        summary: 'Attack paths ranked by score',
        querystring: AttackPathQuery,
        response: { 200: pageOf(AttackPathSchema), ...ERRORS },
      },
    },
    async (request) => {
      const { status, target, kind, limit, cursor } = request.query;
      const after = decodeCursor(cursor, AttackPathCursorKey);
      const page = await queryAttackPaths(ctx.db, principalOf(request).tenantId, {
        limit,
        status,
        ...(target ? { targetId: target } : {}),
        ...(kind ? { kind } : {}),
        ...(after ? { after } : {}),
      });
      return {
        items: page.items.map((p) => ({ ...p, kind: asKind(p.kind), hops: asHops(p.hops) })),
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
        response: { 200: ChokePointsSchema, ...ERRORS },
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
      return { ...path, kind: asKind(path.kind), hops: asHops(path.hops) };
    },
  );
};
