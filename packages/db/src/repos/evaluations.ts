import type { Sql } from '../client.ts';

export async function startEvaluation(sql: Sql, tenantId: string, scanId?: string | null): Promise<string> {
  const rows = await sql.query<{ id: string }>(
    'INSERT INTO evaluations (tenant_id, scan_id) VALUES ($1, $2) RETURNING id',
    [tenantId, scanId ?? null],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('could not record the evaluation');
  return id;
}

export async function finishEvaluation(sql: Sql, evaluationId: string, summary: unknown): Promise<void> {
  await sql.execute('UPDATE evaluations SET summary = $2::jsonb, finished_at = now() WHERE id = $1', [
    evaluationId,
    JSON.stringify(summary),
  ]);
}
