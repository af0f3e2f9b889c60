import { z } from 'zod';
import type { AssetKind, Severity } from './kinds.ts';

/** A user's answer to a governance question the platform cannot see. */
export const ANSWERS = ['yes', 'no', 'partly'] as const;
export const AnswerSchema = z.enum(ANSWERS);
export type Answer = z.infer<typeof AnswerSchema>;

export interface UserAnswer {
  answer: Answer;
  note: string | null;
  answeredBy: string;
  answeredAt: string;
}

/**
 * Everything the governance views (self-assessment, maturity) read: gathered from the database by @aispm/db
 * (`loadGovernanceEvidence`), judged by the pure functions of @aispm/policy.
 */
export interface GovernanceEvidence {
  /** The newest finished scan: how complete the inventory is. */
  scan: {
    id: string;
    status: string;
    finishedAt: string | null;
    tasksTotal: number;
    tasksFailed: number;
    /** `provider/service` of the tasks that failed (what could not be read). */
    failedServices: string[];
  } | null;
  /** The newest finished evaluation (null: rules never ran, so no finding can be trusted as absent). */
  evaluation: { id: string; finishedAt: string | null; frameworks: string[] } | null;
  /** Live assets by kind. */
  assetCounts: Partial<Record<AssetKind, number>>;
  /** Live guardrails that filter model content: the guardrail kind without tool-call policy engines. */
  contentFilters: number;
  /** Open findings (suppressed and resolved ones are not evidence of a present gap). */
  openFindings: { ruleId: string; assetId: string; severity: Severity }[];
  /**
   * Checks the latest evaluation could not make because a needed fact was unreadable (`not-evaluated` verdicts; the
   * evaluation keeps the first hundred). A clean answer resting on them is only partly shown.
   */
  notEvaluated: { ruleId: string; assetId: string }[];
  /** Answers given in the dashboard, by question / criterion id. */
  answers: Record<string, UserAnswer>;
  /** True when the tenant has an AI usage policy (shadow-AI detection needs one). */
  usagePolicyConfigured: boolean;
}
