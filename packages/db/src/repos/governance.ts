import {
  type Answer,
  type AssetKind,
  type GovernanceEvidence,
  type Severity,
  TOOL_CALL_POLICY_TYPES,
  type UserAnswer,
} from '@aispm/core';
import { sql as fragment, type Selectable } from 'kysely';
import type { Sql } from '../client.ts';
import type { GovernanceAnswer } from '../schema/generated/tables.ts';
import { latestEvaluation } from './read/evaluations.ts';
import { iso, isoRequired } from './read/shared.ts';
import { getUsagePolicy, usagePolicyConfigured } from './usage-policy.ts';

const ANSWER_COLUMNS = ['question_id', 'answer', 'note', 'answered_by', 'answered_at'] as const;

function toUserAnswer(r: Pick<Selectable<GovernanceAnswer>, (typeof ANSWER_COLUMNS)[number]>): UserAnswer {
  return {
    // The API accepts only the Answer vocabulary before it stores one.
    answer: r.answer as Answer,
    note: r.note,
    answeredBy: r.answered_by,
    answeredAt: isoRequired(r.answered_at),
  };
}

export async function listGovernanceAnswers(sql: Sql, tenantId: string): Promise<Record<string, UserAnswer>> {
  const rows = await sql.kysely
    .selectFrom('governance_answers')
    .select(ANSWER_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.question_id, toUserAnswer(r)]));
}

/** Records (or replaces) the tenant's answer to one question; the caller checks the id is answerable. */
export async function setGovernanceAnswer(
  sql: Sql,
  tenantId: string,
  input: { questionId: string; answer: Answer; note: string | null; answeredBy: string },
): Promise<UserAnswer> {
  const row = await sql.kysely
    .insertInto('governance_answers')
    .values({
      tenant_id: tenantId,
      question_id: input.questionId,
      answer: input.answer,
      note: input.note,
      answered_by: input.answeredBy,
      answered_at: fragment`now()`,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'question_id']).doUpdateSet((eb) => ({
        answer: eb.ref('excluded.answer'),
        note: eb.ref('excluded.note'),
        answered_by: eb.ref('excluded.answered_by'),
        answered_at: eb.ref('excluded.answered_at'),
      })),
    )
    .returning(ANSWER_COLUMNS)
    .executeTakeFirst();
  if (!row) throw new Error('could not record the answer');
  return toUserAnswer(row);
}

/** Removes the tenant's answer to one question; true when there was one. */
export async function clearGovernanceAnswer(
  sql: Sql,
  tenantId: string,
  questionId: string,
): Promise<boolean> {
  const result = await sql.kysely
    .deleteFrom('governance_answers')
    .where('tenant_id', '=', tenantId)
    .where('question_id', '=', questionId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The tenant's last scan that ended with a graph (succeeded or partial), with the services whose tasks failed. */
async function lastCompletedScan(sql: Sql, tenantId: string): Promise<GovernanceEvidence['scan']> {
  const scan = await sql.kysely
    .selectFrom('scans')
    .select(['id', 'status', 'finished_at', 'tasks_total', 'tasks_failed'])
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['succeeded', 'partial'])
    .orderBy('finished_at', (ob) => ob.desc().nullsLast())
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!scan) return null;
  const failed = await sql.kysely
    .selectFrom('scan_tasks')
    .select(fragment<string>`provider || '/' || service`.as('service'))
    .distinct()
    .where('scan_id', '=', scan.id)
    .where('status', '=', 'failed')
    .orderBy('service')
    .execute();
  return {
    id: scan.id,
    status: scan.status,
    finishedAt: iso(scan.finished_at),
    tasksTotal: scan.tasks_total,
    tasksFailed: scan.tasks_failed,
    failedServices: failed.map((f) => f.service),
  };
}

/** The evidence the self-assessment and the maturity stage are judged on, read in one go. */
export async function loadGovernanceEvidence(sql: Sql, tenantId: string): Promise<GovernanceEvidence> {
  const scan = await lastCompletedScan(sql, tenantId);
  const evaluation = await latestEvaluation(sql, tenantId);
  // The evaluation service's summary: the frameworks it judged and the (rule, asset) pairs it could not evaluate.
  const summary = (evaluation?.summary ?? {}) as {
    frameworks?: Record<string, unknown>;
    notEvaluated?: { ruleId: string; assetId: string }[] | null;
  };
  const kinds = await sql.kysely
    .selectFrom('assets')
    .select(['kind', fragment<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    .groupBy('kind')
    .execute();
  const [filters] = await sql.kysely
    .selectFrom('assets')
    .select(fragment<number>`count(*)::int`.as('n'))
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    .where('kind', '=', 'guardrail')
    .where('native_type', 'not in', [...TOOL_CALL_POLICY_TYPES])
    .execute();
  const findings = await sql.kysely
    .selectFrom('findings')
    .select(['rule_id', 'asset_id', 'severity'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'open')
    .execute();
  return {
    scan,
    evaluation: evaluation
      ? {
          id: evaluation.id,
          finishedAt: evaluation.finishedAt,
          frameworks: Object.keys(summary.frameworks ?? {}),
        }
      : null,
    notEvaluated: (summary.notEvaluated ?? []).map((n) => ({ ruleId: n.ruleId, assetId: n.assetId })),
    assetCounts: Object.fromEntries(kinds.map((k) => [k.kind as AssetKind, k.n])),
    contentFilters: filters?.n ?? 0,
    openFindings: findings.map((f) => ({
      ruleId: f.rule_id,
      assetId: f.asset_id,
      severity: f.severity as Severity,
    })),
    answers: await listGovernanceAnswers(sql, tenantId),
    usagePolicyConfigured: usagePolicyConfigured((await getUsagePolicy(sql, tenantId))?.policy),
  };
}
