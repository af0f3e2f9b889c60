import { sql as fragment } from 'kysely';
import type { Sql } from '../client.ts';

export async function startEvaluation(sql: Sql, tenantId: string, scanId?: string | null): Promise<string> {
  const row = await sql.kysely
    .insertInto('evaluations')
    .values({ tenant_id: tenantId, scan_id: scanId ?? null })
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new Error('could not record the evaluation');
  return row.id;
}

export async function finishEvaluation(sql: Sql, evaluationId: string, summary: unknown): Promise<void> {
  await sql.kysely
    .updateTable('evaluations')
    .set({ summary: JSON.stringify(summary), finished_at: fragment`now()` })
    .where('id', '=', evaluationId)
    .execute();
}
