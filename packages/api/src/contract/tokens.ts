import { API_ROLES } from '@aispm/db';
import { z } from 'zod';
import { QueryFlag, Timestamp } from './common.ts';

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(API_ROLES),
    prefix: z.string(),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    expiresAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const CreatedTokenSchema = TokenSchema.extend({
  token: z.string().describe('The token value: shown in this response only'),
}).meta({ id: 'CreatedApiToken' });

export const TokenQuery = z.object({ includeRevoked: QueryFlag });

export const CreateTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: z.enum(API_ROLES),
  expiresAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
});
