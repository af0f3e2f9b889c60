import { z } from 'zod';

export const LiveSchema = z.object({ status: z.literal('ok') });
export const ReadySchema = z.object({ status: z.literal('ready') });
export const MetricsSchema = z.string().describe('Prometheus text exposition format');

export const TenantSchema = z
  .object({ id: z.string(), slug: z.string(), name: z.string() })
  .meta({ id: 'Tenant' });

export const MeSchema = z
  .object({ tenant: TenantSchema, tokenId: z.string(), name: z.string(), role: z.string() })
  .meta({ id: 'Me' });
