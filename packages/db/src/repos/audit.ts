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
  await sql.kysely
    .insertInto('audit_log')
    .values({
      tenant_id: entry.tenantId,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** Newest first; `before` is the id of the last entry of the previous page. */
export async function listAudit(
  sql: Sql,
  tenantId: string,
  options: { limit: number; before?: number; action?: string; actor?: string },
): Promise<AuditEntry[]> {
  const { before, action, actor } = options;
  const rows = await sql.kysely
    .selectFrom('audit_log')
    .select(['id', 'actor', 'action', 'target', 'details', 'at'])
    .where('tenant_id', '=', tenantId)
    .$if(before !== undefined, (q) => q.where('id', '<', String(before)))
    .$if(action !== undefined, (q) => q.where('action', '=', action as string))
    .$if(actor !== undefined, (q) => q.where('actor', '=', actor as string))
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    details: (r.details as Record<string, unknown> | null) ?? {},
  }));
}
