import type { Selectable } from 'kysely';
import type { Sql } from '../../client.ts';
import type { Evaluation } from '../../schema/generated/tables.ts';
import { iso, isoRequired } from './shared.ts';

export interface EvaluationDto {
  id: string;
  scanId: string | null;
  summary: Record<string, unknown>;
  startedAt: string;
  finishedAt: string | null;
}

const EVALUATION_COLUMNS = ['id', 'scan_id', 'summary', 'started_at', 'finished_at'] as const;

function toEvaluation(r: Pick<Selectable<Evaluation>, (typeof EVALUATION_COLUMNS)[number]>): EvaluationDto {
  return {
    id: r.id,
    scanId: r.scan_id,
    summary: (r.summary as Record<string, unknown> | null) ?? {},
    startedAt: isoRequired(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/** The newest finished evaluation: the one whose summary the dashboard shows. */
export async function latestEvaluation(sql: Sql, tenantId: string): Promise<EvaluationDto | null> {
  const row = await sql.kysely
    .selectFrom('evaluations')
    .select(EVALUATION_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('finished_at', 'is not', null)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row ? toEvaluation(row) : null;
}

/** The last `limit` evaluations, oldest first (the order a trend chart draws them). */
export async function evaluationTrend(sql: Sql, tenantId: string, limit: number): Promise<EvaluationDto[]> {
  const rows = await sql.kysely
    .selectFrom((db) =>
      db
        .selectFrom('evaluations')
        .select(EVALUATION_COLUMNS)
        .where('tenant_id', '=', tenantId)
        .orderBy('started_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .as('recent'),
    )
    .selectAll()
    .orderBy('started_at')
    .orderBy('id')
    .execute();
  return rows.map(toEvaluation);
}
