import type { Answer, AssetKind, GovernanceEvidence, Severity, UserAnswer } from '@aispm/core';
import type { Sql } from '../client.ts';
import { iso, isoRequired } from './read/shared.ts';

interface AnswerRow {
  question_id: string;
  answer: Answer;
  note: string | null;
  answered_by: string;
  answered_at: Date;
}

export async function listGovernanceAnswers(sql: Sql, tenantId: string): Promise<Record<string, UserAnswer>> {
  const rows = await sql.query<AnswerRow>(
    'SELECT question_id, answer, note, answered_by, answered_at FROM governance_answers WHERE tenant_id = $1',
    [tenantId],
  );
  return Object.fromEntries(
    rows.map((r) => [
      r.question_id,
      { answer: r.answer, note: r.note, answeredBy: r.answered_by, answeredAt: isoRequired(r.answered_at) },
    ]),
  );
}

/** Records (or replaces) the tenant's answer to one question; the caller checks the id is answerable. */
export async function setGovernanceAnswer(
  sql: Sql,
  tenantId: string,
  input: { questionId: string; answer: Answer; note: string | null; answeredBy: string },
): Promise<UserAnswer> {
  const [row] = await sql.query<AnswerRow>(
    `INSERT INTO governance_answers (tenant_id, question_id, answer, note, answered_by, answered_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (tenant_id, question_id)
       DO UPDATE SET answer = EXCLUDED.answer, note = EXCLUDED.note, answered_by = EXCLUDED.answered_by,
                     answered_at = EXCLUDED.answered_at
     RETURNING question_id, answer, note, answered_by, answered_at`,
    [tenantId, input.questionId, input.answer, input.note, input.answeredBy],
  );
  if (!row) throw new Error('could not record the answer');
  return {
    answer: row.answer,
    note: row.note,
    answeredBy: row.answered_by,
    answeredAt: isoRequired(row.answered_at),
  };
}

/** Removes the tenant's answer to one question; true when there was one. */
export async function clearGovernanceAnswer(
  sql: Sql,
  tenantId: string,
  questionId: string,
): Promise<boolean> {
  return (
    (await sql.execute('DELETE FROM governance_answers WHERE tenant_id = $1 AND question_id = $2', [
      tenantId,
      questionId,
    ])) > 0
  );
}

/** The evidence the self-assessment and the maturity stage are judged on, read in one go. */
export async function loadGovernanceEvidence(sql: Sql, tenantId: string): Promise<GovernanceEvidence> {
  const [scan] = await sql.query<{
    id: string;
    status: string;
    finished_at: Date | null;
    tasks_total: number;
    tasks_failed: number;
  }>(
    `SELECT id, status, finished_at, tasks_total, tasks_failed FROM scans
      WHERE tenant_id = $1 AND status IN ('succeeded', 'partial')
      ORDER BY finished_at DESC NULLS LAST, created_at DESC LIMIT 1`,
    [tenantId],
  );
  const failed = scan
    ? await sql.query<{ service: string }>(
        `SELECT DISTINCT provider || '/' || service AS service FROM scan_tasks
          WHERE scan_id = $1 AND status = 'failed' ORDER BY 1`,
        [scan.id],
      )
    : [];
  const [evaluation] = await sql.query<{
    id: string;
    finished_at: Date | null;
    frameworks: string[] | null;
    not_evaluated: { ruleId: string; assetId: string }[] | null;
  }>(
    `SELECT id, finished_at, ARRAY(SELECT jsonb_object_keys(coalesce(summary->'frameworks', '{}'::jsonb))) AS frameworks,
            summary->'notEvaluated' AS not_evaluated
       FROM evaluations WHERE tenant_id = $1 AND finished_at IS NOT NULL
      ORDER BY started_at DESC, id LIMIT 1`,
    [tenantId],
  );
  const kinds = await sql.query<{ kind: AssetKind; n: number }>(
    'SELECT kind, count(*)::int AS n FROM assets WHERE tenant_id = $1 AND removed_at IS NULL GROUP BY kind',
    [tenantId],
  );
  const findings = await sql.query<{ rule_id: string; asset_id: string; severity: Severity }>(
    `SELECT rule_id, asset_id, severity FROM findings WHERE tenant_id = $1 AND status = 'open'`,
    [tenantId],
  );
  return {
    scan: scan
      ? {
          id: scan.id,
          status: scan.status,
          finishedAt: iso(scan.finished_at),
          tasksTotal: scan.tasks_total,
          tasksFailed: scan.tasks_failed,
          failedServices: failed.map((f) => f.service),
        }
      : null,
    evaluation: evaluation
      ? {
          id: evaluation.id,
          finishedAt: iso(evaluation.finished_at),
          frameworks: evaluation.frameworks ?? [],
        }
      : null,
    notEvaluated: (evaluation?.not_evaluated ?? []).map((n) => ({ ruleId: n.ruleId, assetId: n.assetId })),
    assetCounts: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
    openFindings: findings.map((f) => ({ ruleId: f.rule_id, assetId: f.asset_id, severity: f.severity })),
    answers: await listGovernanceAnswers(sql, tenantId),
    // No AI usage policy can be stored yet: shadow-AI detection is not configurable, so never counted as in place.
    usagePolicyConfigured: false,
  };
}
