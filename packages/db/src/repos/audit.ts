import type { Sql } from '../client.ts';

export interface AuditEntryInput {
  tenantId: string;
  actor: string;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  at: Date;
}

export async function recordAudit(sql: Sql, entry: AuditEntryInput): Promise<void> {
  await sql.execute(
    'INSERT INTO audit_log (tenant_id, actor, action, target, details) VALUES ($1, $2, $3, $4, $5)',
    [entry.tenantId, entry.actor, entry.action, entry.target ?? null, JSON.stringify(entry.details ?? {})],
  );
}

/** Newest first; `before` is the id of the last entry of the previous page. */
export async function listAudit(
  sql: Sql,
  tenantId: string,
  options: { limit: number; before?: number; action?: string; actor?: string },
): Promise<AuditEntry[]> {
  const rows = await sql.query<{
    id: number;
    actor: string;
    action: string;
    target: string | null;
    details: Record<string, unknown>;
    at: Date;
  }>(
    `SELECT id, actor, action, target, details, at FROM audit_log
      WHERE tenant_id = $1 AND ($2::bigint IS NULL OR id < $2)
        AND ($3::text IS NULL OR action = $3) AND ($4::text IS NULL OR actor = $4)
      ORDER BY id DESC LIMIT $5`,
    [tenantId, options.before ?? null, options.action ?? null, options.actor ?? null, options.limit],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
