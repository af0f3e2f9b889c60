import { AiUsagePolicySchema, AnswerSchema } from '@aispm/core';
import { z } from 'zod';
import { Timestamp } from './common.ts';

export { AnswerSchema };

export const UserAnswerSchema = z
  .object({
    answer: AnswerSchema,
    note: z.string().nullable(),
    answeredBy: z.string(),
    answeredAt: Timestamp,
  })
  .meta({ id: 'UserAnswer' });

export const EvidenceItemSchema = z
  .object({
    label: z.string(),
    count: z.number().int(),
    ruleIds: z.array(z.string()).optional(),
    assetIds: z.array(z.string()).optional().describe('Up to ten example assets'),
  })
  .meta({ id: 'EvidenceItem' });

export const AssessmentAnswerSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    question: z.string(),
    basis: z.string().describe('What "yes" takes, in the platform\'s terms'),
    source: z.enum(['platform', 'user']),
    answer: AnswerSchema.nullable().describe(
      'null: unanswered, or nothing to answer from yet (scores as "no")',
    ),
    status: z.enum(['answered', 'unanswered', 'not-evaluated']),
    points: z.number().int(),
    evidence: z.array(EvidenceItemSchema),
    userAnswer: UserAnswerSchema.nullable(),
  })
  .meta({ id: 'AssessmentAnswer' });

export const GovernanceTrendPointSchema = z
  .object({
    evaluationId: z.string(),
    at: Timestamp,
    score: z.number().int(),
    band: z.string(),
    stage: z.number().int(),
  })
  .meta({ id: 'GovernanceTrendPoint' });

export const SelfAssessmentSchema = z
  .object({
    answers: z.array(AssessmentAnswerSchema),
    score: z.number().int().describe('10 points per "no" (and per unanswered question), 5 per "partly"'),
    maxScore: z.number().int(),
    band: z.object({
      id: z.enum(['advanced', 'moderate', 'high-risk']),
      title: z.string(),
      advice: z.string(),
    }),
    counts: z.object({
      yes: z.number().int(),
      no: z.number().int(),
      partly: z.number().int(),
      unanswered: z.number().int(),
    }),
    evaluatedAt: Timestamp.nullable().describe('When the evaluation the answers rest on finished'),
    trend: z
      .array(GovernanceTrendPointSchema)
      .describe('Score and stage of recent evaluations, oldest first'),
  })
  .meta({ id: 'SelfAssessment' });

export const CriterionResultSchema = z
  .object({
    id: z.string(),
    stage: z.number().int(),
    title: z.string(),
    source: z.enum(['platform', 'user']),
    met: z.boolean(),
    evidence: z.string(),
    userAnswer: UserAnswerSchema.nullable(),
  })
  .meta({ id: 'MaturityCriterion' });

export const MaturitySchema = z
  .object({
    stage: z.number().int().min(1).max(4),
    name: z.string(),
    next: z
      .object({
        stage: z.number().int(),
        name: z.string(),
        met: z.array(CriterionResultSchema),
        missing: z.array(CriterionResultSchema),
      })
      .nullable()
      .describe('The next stage and what it still takes; null at stage 4'),
    criteria: z.array(CriterionResultSchema),
    trend: z.array(GovernanceTrendPointSchema),
  })
  .meta({ id: 'Maturity' });

export const GovernanceAnswerParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .describe('A question or criterion the user answers (`q4`, `q10`, `s3-red-team-ci` …)'),
});

export const GovernanceAnswerBody = z
  .object({
    answer: AnswerSchema,
    note: z.string().trim().max(2_000).optional().describe('Why, or where the evidence is kept'),
  })
  .strict();

/** The AI usage policy a PUT puts in force (every list optional; `{}` rules nothing out, i.e. no policy). */
export const AiUsagePolicyBody = AiUsagePolicySchema.meta({ id: 'AiUsagePolicy' });

export const UsagePolicyStateSchema = z
  .object({
    configured: z
      .boolean()
      .describe('Whether the policy in force rules anything out (shadow-AI checks run only then)'),
    version: z.number().int().nullable().describe('The version in force; null when none was ever set'),
    policy: AiUsagePolicyBody,
    createdBy: z.string().nullable(),
    createdAt: Timestamp.nullable(),
    howToSet: z.string().describe('How to set or change the policy'),
  })
  .meta({ id: 'UsagePolicyState' });
