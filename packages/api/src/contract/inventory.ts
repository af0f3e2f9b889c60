import { z } from 'zod';

export const InventorySummarySchema = z
  .object({
    total: z.number(),
    byProvider: z.record(z.string(), z.number()),
    byKind: z.record(z.string(), z.number()),
    byProviderKind: z.array(z.object({ provider: z.string(), kind: z.string(), count: z.number() })),
    byAccount: z.array(z.object({ provider: z.string(), accountId: z.string(), count: z.number() })),
  })
  .meta({ id: 'InventorySummary' });
