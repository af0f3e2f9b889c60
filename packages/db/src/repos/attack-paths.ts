import type { Selectable } from 'kysely';
import type { Db, Sql } from '../client.ts';
import { columnOf, recordsetColumns } from '../kysely.ts';
import type { AttackPath } from '../schema/generated/tables.ts';
import { lockTenantEvaluation } from './findings.ts';

export interface AttackPathDraft {
  fingerprint: string;
  entryId: string;
  targetId: string;
  /** exposure | poisoning | theft: what the route does to its crown jewel. */
  kind: string;
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

const PATH_INPUT = recordsetColumns<AttackPath>()({
  fingerprint: 'text',
  entry_id: 'text',
  target_id: 'text',
  kind: 'text',
  hops: 'jsonb',
  length: 'int',
  likelihood: 'double precision',
  impact: 'double precision',
  score: 'double precision',
});
const path = columnOf<AttackPath>();

/** One statement per batch: the rows travel as one JSON parameter, so batches are bounded by memory, not binds. */
const UPSERT = `
INSERT INTO attack_paths AS p (${path('tenant_id')}, ${PATH_INPUT.list}, ${path('status')}, ${path('first_seen_at')},
                               ${path('last_seen_at')})
SELECT $1, ${PATH_INPUT.list}, 'open', $3, $3
  FROM jsonb_to_recordset($2::jsonb) AS x(${PATH_INPUT.definition})
ON CONFLICT (${path('tenant_id')}, ${path('fingerprint')}) DO UPDATE SET
  ${path('kind')} = EXCLUDED.${path('kind')}, ${path('hops')} = EXCLUDED.${path('hops')}, ${path('likelihood')} = EXCLUDED.${path('likelihood')},
  ${path('impact')} = EXCLUDED.${path('impact')}, ${path('score')} = EXCLUDED.${path('score')},
  ${path('last_seen_at')} = EXCLUDED.${path('last_seen_at')}, ${path('status')} = 'open', ${path('resolved_at')} = NULL
RETURNING p.${path('id')} AS id, p.${path('fingerprint')} AS fingerprint`;

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
      const batch = rows.slice(i, i + size).map(
        (p): Record<(typeof PATH_INPUT.names)[number], unknown> => ({
          fingerprint: p.fingerprint,
          entry_id: p.entryId,
          target_id: p.targetId,
          kind: p.kind,
          hops: p.hops,
          length: p.length,
          likelihood: p.likelihood,
          impact: p.impact,
          score: p.score,
        }),
      );
      const stored = await tx.query<Pick<Selectable<AttackPath>, 'id' | 'fingerprint'>>(UPSERT, [
        tenantId,
        JSON.stringify(batch),
        now,
      ]);
      for (const r of stored) ids.set(r.fingerprint, r.id);
    }
    const resolved = await tx.kysely
      .updateTable('attack_paths')
      .set({ status: 'resolved', resolved_at: now })
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'open')
      .where('last_seen_at', '<', now)
      .executeTakeFirst();
    return { open: rows.length, resolved: Number(resolved.numUpdatedRows), ids };
  });
}

export async function listAttackPaths(
  sql: Sql,
  tenantId: string,
  options: { status?: 'open' | 'resolved'; limit?: number } = {},
): Promise<StoredAttackPath[]> {
  const rows = await sql.kysely
    .selectFrom('attack_paths')
    .select([
      'id',
      'fingerprint',
      'entry_id',
      'target_id',
      'kind',
      'hops',
      'length',
      'likelihood',
      'impact',
      'score',
      'status',
      'first_seen_at',
      'last_seen_at',
      'resolved_at',
    ])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', options.status ?? 'open')
    .orderBy('score', 'desc')
    .orderBy('id')
    .limit(options.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fingerprint: r.fingerprint,
    entryId: r.entry_id,
    targetId: r.target_id,
    kind: r.kind,
    hops: r.hops,
    length: r.length,
    likelihood: r.likelihood,
    impact: r.impact,
    score: r.score,
    status: r.status as StoredAttackPath['status'],
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    resolvedAt: r.resolved_at,
  }));
}
