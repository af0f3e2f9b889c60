import { getAccount, insertAccount, queryAccounts, updateAccount } from '@aispm/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN, READERS } from '../access.ts';
import { principalOf } from '../auth.ts';
import type { RouteContext } from '../context.ts';
import { badRequest, HttpError, notFound } from '../errors.ts';
import { ERRORS, IdParams, ProviderSchema, Timestamp } from '../schemas.ts';

const Regions = z.array(z.string().regex(/^[a-z0-9-]{2,40}$/, { error: 'not a region name' })).max(64);
const LoopbackOrHttpsUrl = z.url({ error: 'must be a URL' }).max(500);

/**
 * Connection settings per provider. Strict objects: an unknown key is refused, so a secret can never be
 * smuggled in under another name (credentials come from the runtime environment, never from the API).
 */
const AwsConnection = z.strictObject({
  roleName: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, { error: 'not an IAM role name' })
    .optional(),
  externalIdRequired: z.boolean().optional(),
  regions: Regions.optional(),
  endpoint: LoopbackOrHttpsUrl.optional(),
});
const AzureConnection = z.strictObject({
  tenantId: z.uuid({ error: 'must be the Entra tenant UUID' }),
  clientId: z.uuid({ error: 'must be an application (client) UUID' }).optional(),
  regions: Regions.optional(),
  endpoint: LoopbackOrHttpsUrl.optional(),
});
const GcpConnection = z.strictObject({
  serviceAccountEmail: z.email({ error: 'must be a service account e-mail' }).optional(),
  organizationId: z
    .string()
    .regex(/^\d{1,20}$/, { error: 'must be the numeric organization id' })
    .optional(),
  regions: Regions.optional(),
  endpoint: LoopbackOrHttpsUrl.optional(),
});

const CONNECTION_SCHEMAS = { aws: AwsConnection, azure: AzureConnection, gcp: GcpConnection } as const;

const Name = z.string().trim().min(1).max(200);
const ConnectAccountBody = z.discriminatedUnion('provider', [
  z.strictObject({
    provider: z.literal('aws'),
    externalId: z.string().regex(/^\d{12}$/, { error: 'an AWS account id is 12 digits' }),
    name: Name,
    connection: AwsConnection.default({}),
    enabled: z.boolean().optional(),
  }),
  z.strictObject({
    provider: z.literal('azure'),
    externalId: z.uuid({ error: 'an Azure subscription id is a UUID' }),
    name: Name,
    connection: AzureConnection,
    enabled: z.boolean().optional(),
  }),
  z.strictObject({
    provider: z.literal('gcp'),
    externalId: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
      error: 'a GCP project id is 6–30 lowercase letters, digits, hyphens',
    }),
    name: Name,
    connection: GcpConnection.default({}),
    enabled: z.boolean().optional(),
  }),
]);

const PatchAccountBody = z
  .strictObject({
    name: Name.optional(),
    enabled: z.boolean().optional(),
    connection: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Validated against the account provider'),
  })
  .refine((b) => Object.keys(b).length > 0, { error: 'give at least one of name, enabled, connection' });

export const AccountSchema = z
  .object({
    id: z.string(),
    provider: z.string(),
    externalId: z.string(),
    name: z.string(),
    parentExternalId: z.string().nullable(),
    orgPath: z.array(z.string()),
    connection: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'CloudAccount' });

export const accountRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, ctx) => {
  app.get(
    '/accounts',
    {
      config: { access: READERS },
      schema: {
        tags: ['accounts'],
        summary: 'Connected cloud accounts',
        querystring: z.object({ provider: ProviderSchema.optional() }),
        response: { 200: z.object({ items: z.array(AccountSchema) }), ...ERRORS },
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
        response: { 201: AccountSchema, 409: ERRORS[400], ...ERRORS },
      },
    },
    async (request, reply) => {
      const account = await insertAccount(ctx.db, principalOf(request).tenantId, request.body);
      if (!account)
        throw new HttpError(
          409,
          `${request.body.provider} account ${request.body.externalId} is already connected`,
        );
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
