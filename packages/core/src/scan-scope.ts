import { z } from 'zod';
import { ProviderSchema } from './kinds.ts';

/**
 * What a scan covers: one provider, some accounts, or (empty) every account discovery finds. Declared once here
 * for the scan pipeline, the database rows, the API and (through the OpenAPI document) the dashboard.
 */
export const ScanScopeSchema = z
  .strictObject({
    provider: ProviderSchema.optional(),
    accounts: z
      .array(z.string().min(1).max(200))
      .min(1)
      .max(1_000)
      .optional()
      .describe('Account ids; all when absent'),
  })
  .meta({ id: 'ScanScope' });

export type ScanScope = z.infer<typeof ScanScopeSchema>;
