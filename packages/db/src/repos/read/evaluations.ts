import type { Sql } from '../../client.ts';
import { iso, isoRequired } from './shared.ts';

export interface EvaluationDto {
  id: string;
  scanId: string | null;
  summary: Record<string, unknown>;
  startedAt: string;
  finishedAt: string | null;
}

interface EvaluationRow {
  id: string;
  scan_id: string | null;
  summary: Record<string, unknown>;
  started_at: Date;
  finished_at: Date | null;
}

function toEvaluation(r: EvaluationRow): EvaluationDto {
  return {
    id: r.id,
    scanId: r.scan_id,
    summary: r.summary ?? {},
    startedAt: isoRequired(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/** The newest finished evaluation: the one whose summary the dashboard shows. */
export async function latestEvaluation(sql: Sql, tenantId: string): Promise<EvaluationDto | null> {
  const [row] = await sql.query<EvaluationRow>(
    `SELECT id, scan_id, summary, started_at, finished_at FROM evaluations
      WHERE tenant_id = $1 AND finished_at IS NOT NULL ORDER BY started_at DESC, id LIMIT 1`,
    [tenantId],
  );
  return row ? toEvaluation(row) : null;
}

/** The last `limit` evaluations, oldest first (the order a trend chart draws them). */
export async function evaluationTrend(sql: Sql, tenantId: string, limit: number): Promise<EvaluationDto[]> {
  const rows = await sql.query<EvaluationRow>(
    `SELECT * FROM (
       SELECT id, scan_id, summary, started_at, finished_at FROM evaluations
        WHERE tenant_id = $1 ORDER BY started_at DESC, id LIMIT $2) recent
      ORDER BY started_at, id`,
    [tenantId, limit],
  );
  return rows.map(toEvaluation);
}
