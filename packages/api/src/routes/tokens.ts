import { createToken, getApiToken, listTokens, revokeToken } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMIN } from '../access.ts';
import { actorOf, principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import {
  CreatedTokenSchema,
  CreateTokenBody,
  ERRORS,
  IdParams,
  itemsOf,
  TokenQuery,
  TokenSchema,
} from '../contract/index.ts';
import { badRequest, notFound } from '../errors.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function toWire(t: Awaited<ReturnType<typeof listTokens>>[number]) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    prefix: t.prefix,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: iso(t.lastUsedAt),
    expiresAt: iso(t.expiresAt),
    revokedAt: iso(t.revokedAt),
  };
}

export const tokenRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/tokens',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['tokens'],
        summary: 'API tokens of the tenant (never their values)',
        querystring: TokenQuery,
        response: { 200: itemsOf(TokenSchema), ...ERRORS },
      },
    },
    async (request) => {
      const tokens = await listTokens(ctx.db, principalOf(request).tenantId, {
        includeRevoked: request.query.includeRevoked === 'true',
      });
      return { items: tokens.map(toWire) };
    },
  );

  app.post(
    '/tokens',
    {
      config: { access: ADMIN, auditAction: 'token.create' },
      schema: {
        tags: ['tokens'],
        summary: 'Create a token; its value is in this response only',
        body: CreateTokenBody,
        response: { 201: CreatedTokenSchema, ...ERRORS },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const expiresAt = request.body.expiresAt ? new Date(request.body.expiresAt) : null;
      if (expiresAt && expiresAt.getTime() <= Date.now())
        throw badRequest('body.expiresAt: must be in the future');
      const { token, info } = await createToken(ctx.db, {
        tenantId: p.tenantId,
        name: request.body.name,
        role: request.body.role,
        createdBy: actorOf(p),
        expiresAt,
      });
      return reply.code(201).send({ ...toWire(info), token });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: { access: ADMIN, auditAction: 'token.revoke' },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token (effective immediately)',
        params: IdParams,
        response: { 200: TokenSchema, ...ERRORS },
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      if (!(await revokeToken(ctx.db, tenantId, request.params.id))) throw notFound('token');
      ctx.tokens.invalidate();
      const info = await getApiToken(ctx.db, tenantId, request.params.id);
      if (!info) throw notFound('token');
      return toWire(info);
    },
  );
};
