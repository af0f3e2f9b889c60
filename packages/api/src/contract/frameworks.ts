import { COMPLIANCE_STATUSES } from '@aispm/policy';
import { z } from 'zod';

export const ControlSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    status: z.enum(COMPLIANCE_STATUSES),
    rules: z.array(z.string()),
    failing: z.number(),
    suppressed: z.number(),
    passing: z.number(),
    reason: z.string().optional(),
  })
  .meta({ id: 'Control' });

export const FrameworkSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    version: z.string().nullable(),
    controls: z.number(),
    evidenced: z.number(),
    failing: z.number(),
    passing: z.number(),
    noData: z.number(),
    notEvaluated: z.number(),
    notEvidenceable: z.number(),
  })
  .meta({ id: 'FrameworkSummary' });

export const FrameworkDetailSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    version: z.string().nullable(),
    controls: z.array(ControlSchema),
  })
  .meta({ id: 'FrameworkDetail' });

export const FrameworkParams = z.object({ id: z.string().min(1).max(200) });

/** A framework id in a path or query, e.g. `owasp-llm-2025`. */
export const FrameworkId = z
  .string()
  .regex(/^[a-z0-9-]{1,100}$/, { error: 'a framework id such as owasp-llm-2025' });
