import type { Db, Sql } from '../client.ts';
import { lockTenantEvaluation } from './findings.ts';

export interface AttackPathDraft {
  fingerprint: string;
  entryId: string;
  targetId: string;
  hops: unknown;
  length: number;
  likelihood: number;
  impact: number;
  score: number;
}

export interface StoredAttackPath extends AttackPathDraft {
  id: string;
  status: 'open' | 'resolved';
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
}

export const ATTACK_PATH_BATCH_SIZE = 1_000;

const UPSERT = `
INSERT INTO attack_paths AS p (tenant_id, fingerprint, entry_id, target_id, hops, length, likelihood, impact, score,
                               status, first_seen_at, last_seen_at)
SELECT $1, fingerprint, entry_id, target_id, hops, length, likelihood, impact, score, 'open', $3, $3
  FROM jsonb_to_recordset($2::jsonb) AS x(fingerprint text, entry_id text, target_id text, hops jsonb, length int,
                                          likelihood double precision, impact double precision, score double precision)
ON CONFLICT (tenant_id, fingerprint) DO UPDATE SET
  hops = EXCLUDED.hops, likelihood = EXCLUDED.likelihood, impact = EXCLUDED.impact, score = EXCLUDED.score,
  last_seen_at = EXCLUDED.last_seen_at, status = 'open', resolved_at = NULL
RETURNING p.id, p.fingerprint`;

/** Upserts the current attack paths and resolves those no longer found. */
export async function syncAttackPaths(
  db: Db,
  tenantId: string,
  paths: readonly AttackPathDraft[],
  options: { now?: Date; batchSize?: number } = {},
): Promise<{ open: number; resolved: number; ids: Map<string, string> }> {
  const now = options.now ?? new Date();
  const size = options.batchSize ?? ATTACK_PATH_BATCH_SIZE;
  const unique = new Map(paths.map((p) => [p.fingerprint, p]));
  const rows = [...unique.values()].sort((a, b) =>
    a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0,
  );
  return db.transaction(async (tx) => {
    await lockTenantEvaluation(tx, tenantId);
    const ids = new Map<string, string>();
    for (let i = 0; i < rows.length; i += size) {
      const batch = rows.slice(i, i + size).map((p) => ({
        fingerprint: p.fingerprint,
        entry_id: p.entryId,
        target_id: p.targetId,
        hops: p.hops,
        length: p.length,
        likelihood: p.likelihood,
        impact: p.impact,
        score: p.score,
      }));
      const stored = await tx.query<{ id: string; fingerprint: string }>(UPSERT, [
        tenantId,
        JSON.stringify(batch),
        now,
      ]);
      for (const r of stored) ids.set(r.fingerprint, r.id);
    }
    const resolved = await tx.execute(
      `UPDATE attack_paths SET status = 'resolved', resolved_at = $2
        WHERE tenant_id = $1 AND status = 'open' AND last_seen_at < $2`,
      [tenantId, now],
    );
    return { open: rows.length, resolved, ids };
  });
}

export async function listAttackPaths(
  sql: Sql,
  tenantId: string,
  options: { status?: 'open' | 'resolved'; limit?: number } = {},
): Promise<StoredAttackPath[]> {
  return sql.query<StoredAttackPath>(
    `SELECT id, fingerprint, entry_id AS "entryId", target_id AS "targetId", hops, length, likelihood, impact, score,
            status, first_seen_at AS "firstSeenAt", last_seen_at AS "lastSeenAt", resolved_at AS "resolvedAt"
       FROM attack_paths WHERE tenant_id = $1 AND status = $2 ORDER BY score DESC, id LIMIT $3`,
    [tenantId, options.status ?? 'open', options.limit ?? 100],
  );
}
