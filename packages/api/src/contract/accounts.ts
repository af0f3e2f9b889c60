import { isLoopbackHost } from '@aispm/core';
import { z } from 'zod';
import { ProviderSchema, Timestamp } from './common.ts';

const Regions = z.array(z.string().regex(/^[a-z0-9-]{2,40}$/, { error: 'not a region name' })).max(64);

/**
 * A cloud endpoint override: https anywhere, plain http only on this machine (the simulator, an emulator), so
 * scan traffic and its signed requests never cross a network in clear text. No user:password@ in the URL.
 * (Each refinement passes what it cannot parse: the URL check reports that one.)
 */
const LoopbackOrHttpsUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(500)
  .refine(
    (value) => {
      const url = URL.parse(value);
      return !url || url.protocol === 'https:' || isLoopbackHost(url.hostname);
    },
    { error: 'must be https, or http on a loopback address (127.0.0.1, ::1, localhost)' },
  )
  .refine(
    (value) => {
      const url = URL.parse(value);
      return !url || (url.username === '' && url.password === '');
    },
    { error: 'must not carry credentials (user:password@)' },
  );

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

/** The connection schema of each provider, to check a PATCH against the stored account's provider. */
export const CONNECTION_SCHEMAS = { aws: AwsConnection, azure: AzureConnection, gcp: GcpConnection } as const;

const Name = z.string().trim().min(1).max(200);
export const ConnectAccountBody = z.discriminatedUnion('provider', [
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

export const PatchAccountBody = z
  .strictObject({
    name: Name.optional(),
    enabled: z.boolean().optional(),
    connection: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Validated against the account provider'),
  })
  .refine((b) => Object.keys(b).length > 0, { error: 'give at least one of name, enabled, connection' });

export const AccountQuery = z.object({ provider: ProviderSchema.optional() });

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
