import { getAccount, insertAccount, queryAccounts, updateAccount } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMIN, READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import {
  AccountQuery,
  AccountSchema,
  CONFLICT,
  CONNECTION_SCHEMAS,
  ConnectAccountBody,
  ERRORS,
  IdParams,
  itemsOf,
  PatchAccountBody,
} from '../contract/index.ts';
import { badRequest, conflict, notFound } from '../errors.ts';

export const accountRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/accounts',
    {
      config: { access: READERS },
      schema: {
        tags: ['accounts'],
        summary: 'Connected cloud accounts',
        querystring: AccountQuery,
        response: { 200: itemsOf(AccountSchema), ...ERRORS },
      },
    },
    async (request) => ({ items: await queryAccounts(ctx.db, principalOf(request).tenantId, request.query) }),
  );

  app.get(
    '/accounts/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['accounts'],
        summary: 'One account',
        params: IdParams,
        response: { 200: AccountSchema, ...ERRORS },
      },
    },
    async (request) => {
      const account = await getAccount(ctx.db, principalOf(request).tenantId, request.params.id);
      if (!account) throw notFound('account');
      return account;
    },
  );

  app.post(
    '/accounts',
    {
      config: { access: ADMIN, auditAction: 'account.connect' },
      schema: {
        tags: ['accounts'],
        summary: 'Connect an account (connection settings only: no secrets are accepted)',
        body: ConnectAccountBody,
        response: { 201: AccountSchema, ...CONFLICT, ...ERRORS },
      },
    },
    async (request, reply) => {
      const account = await insertAccount(ctx.db, principalOf(request).tenantId, request.body);
      if (!account)
        throw conflict(`${request.body.provider} account ${request.body.externalId} is already connected`);
      return reply.code(201).send(account);
    },
  );

  app.patch(
    '/accounts/:id',
    {
      config: { access: ADMIN, auditAction: 'account.update' },
      schema: {
        tags: ['accounts'],
        summary: 'Rename, enable/disable or change the connection settings of an account',
        params: IdParams,
        body: PatchAccountBody,
        response: { 200: AccountSchema, ...ERRORS },
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      const existing = await getAccount(ctx.db, tenantId, request.params.id);
      if (!existing) throw notFound('account');
      let connection: Record<string, unknown> | undefined;
      if (request.body.connection) {
        const schema = CONNECTION_SCHEMAS[existing.provider as keyof typeof CONNECTION_SCHEMAS];
        if (!schema)
          throw badRequest(`accounts of provider ${existing.provider} have no editable connection`);
        const parsed = schema.safeParse(request.body.connection);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const where = ['body', 'connection', ...(issue?.path ?? []).map(String)].join('.');
          throw badRequest(`${where}: ${issue?.message ?? 'invalid'}`);
        }
        connection = parsed.data;
      }
      const updated = await updateAccount(ctx.db, tenantId, request.params.id, {
        ...(request.body.name !== undefined ? { name: request.body.name } : {}),
        ...(request.body.enabled !== undefined ? { enabled: request.body.enabled } : {}),
        ...(connection ? { connection } : {}),
      });
      if (!updated) throw notFound('account');
      return updated;
    },
  );
};
