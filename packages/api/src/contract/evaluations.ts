import { z } from 'zod';
import { Timestamp } from './common.ts';

const Counts = z.record(z.string(), z.number());

/**
 * The summary an evaluation stored (`runEvaluation` in @aispm/scan). Loose: the fields the dashboard reads are
 * typed, everything else the evaluation stored is passed through; evaluations stored before a field existed lack it.
 */
export const EvaluationSummarySchema = z
  .looseObject({
    findings: z.looseObject({ bySeverity: Counts.optional(), byStatus: Counts.optional() }).optional(),
    rules: z.number().optional().describe('Rules evaluated'),
    attackPaths: z.number().optional().describe('Open attack paths found'),
  })
  .meta({ id: 'EvaluationSummary' });

export const EvaluationSchema = z
  .object({
    id: z.string(),
    scanId: z.string().nullable(),
    summary: EvaluationSummarySchema,
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Evaluation' });

export const EvaluationTrendQuery = z.object({ limit: z.coerce.number().int().min(1).max(365).default(30) });
