import { sha256 } from '@aispm/core';
import type { Db, Sql } from '../client.ts';
import { copyLine } from '../copy-text.ts';
import { columnOf, recordsetColumns } from '../kysely.ts';
import type { AttackPath } from '../schema/generated/tables.ts';
import { stagedMerge } from '../staged-merge.ts';
import { lockTenantEvaluation } from './findings-sync.ts';
import { pathLastSeen } from './read/attack-paths.ts';

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

/** Paths per COPY into the stage and per merge statement (see FINDINGS_BATCH_SIZE). */
export const ATTACK_PATH_BATCH_SIZE = 10_000;

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
  content_hash: 'text',
});
const path = columnOf<AttackPath>();

/**
 * What the evaluation found, staged by COPY in temporary tables of the transaction: `seen_paths` (every current
 * fingerprint and its content hash: unchanged paths are recognised and unseen ones resolved against it) and
 * `path_stage` (the rows that need a write: new, changed or resolved before).
 */
const CREATE_SEEN = `CREATE TEMPORARY TABLE seen_paths (${path('fingerprint')} text, ${path('content_hash')} text) ON COMMIT DROP`;
const COPY_SEEN = `COPY seen_paths (${path('fingerprint')}, ${path('content_hash')}) FROM STDIN`;
const INDEX_SEEN = `CREATE INDEX ON seen_paths (${path('fingerprint')})`;
const CREATE_STAGE = `CREATE TEMPORARY TABLE path_stage (${PATH_INPUT.definition}) ON COMMIT DROP`;
const COPY_STAGE = `COPY path_stage (${PATH_INPUT.list}) FROM STDIN`;

/** Seen paths that need a write; those stored open with the same content are neither staged, updated nor locked. */
const NEEDING_WRITE = `
SELECT s.${path('fingerprint')} FROM seen_paths s
 WHERE NOT EXISTS (SELECT 1 FROM attack_paths p
                    WHERE p.${path('tenant_id')} = $1 AND p.${path('fingerprint')} = s.${path('fingerprint')}
                      AND p.${path('content_hash')} = s.${path('content_hash')} AND p.${path('status')} = 'open')`;

/** New and changed paths from the stage, in fingerprint order (one lock order for every writer). */
const MERGE_STAGE = `
INSERT INTO attack_paths AS p (${path('tenant_id')}, ${PATH_INPUT.list}, ${path('status')}, ${path('first_seen_at')},
                               ${path('last_seen_at')})
SELECT $1, ${PATH_INPUT.list}, 'open', $2, $2 FROM path_stage ORDER BY ${path('fingerprint')} COLLATE "C"
ON CONFLICT (${path('tenant_id')}, ${path('fingerprint')}) DO UPDATE SET
  ${path('kind')} = EXCLUDED.${path('kind')}, ${path('hops')} = EXCLUDED.${path('hops')}, ${path('length')} = EXCLUDED.${path('length')},
  ${path('likelihood')} = EXCLUDED.${path('likelihood')}, ${path('impact')} = EXCLUDED.${path('impact')}, ${path('score')} = EXCLUDED.${path('score')},
  ${path('entry_id')} = EXCLUDED.${path('entry_id')}, ${path('target_id')} = EXCLUDED.${path('target_id')},
  ${path('content_hash')} = EXCLUDED.${path('content_hash')},
  ${path('last_seen_at')} = EXCLUDED.${path('last_seen_at')}, ${path('status')} = 'open', ${path('resolved_at')} = NULL`;

/** Open paths the evaluation did not find are gone. */
const RESOLVE_UNSEEN = `
UPDATE attack_paths p SET ${path('status')} = 'resolved', ${path('resolved_at')} = $2
 WHERE p.${path('tenant_id')} = $1 AND p.${path('status')} = 'open'
   AND NOT EXISTS (SELECT 1 FROM seen_paths s WHERE s.${path('fingerprint')} = p.${path('fingerprint')})`;

/** The stored id of every current path (choke points name paths by id). */
const CURRENT_IDS = `
SELECT p.${path('id')} AS id, p.${path('fingerprint')} AS fingerprint
  FROM attack_paths p JOIN seen_paths s ON s.${path('fingerprint')} = p.${path('fingerprint')}
 WHERE p.${path('tenant_id')} = $1`;

/** A path as its stage row (the column order comes from PATH_INPUT, as in the COPY statement). */
function stageRow(p: AttackPathDraft, hash: string): Record<(typeof PATH_INPUT.names)[number], unknown> {
  return {
    fingerprint: p.fingerprint,
    entry_id: p.entryId,
    target_id: p.targetId,
    kind: p.kind,
    hops: p.hops,
    length: p.length,
    likelihood: p.likelihood,
    impact: p.impact,
    score: p.score,
    content_hash: hash,
  };
}

/** What an evaluation writes for a path, hashed (its fingerprint is its identity). */
function pathContentHash(p: AttackPathDraft): string {
  return sha256(
    JSON.stringify([p.entryId, p.targetId, p.kind, p.hops, p.length, p.likelihood, p.impact, p.score]),
    'base64',
  );
}

/**
 * Brings the stored attack paths in line with one evaluation's: new ones open, changed or resolved ones are
 * rewritten open, ones not found any more resolve. Both sides travel by COPY, and a path found again unchanged is
 * not written at all, so re-evaluating an unchanged estate writes no path row (an open path's last-seen time is the
 * latest evaluation's: read model).
 */
export async function syncAttackPaths(
  db: Db,
  tenantId: string,
  paths: readonly AttackPathDraft[],
  options: { now?: Date; batchSize?: number } = {},
): Promise<{ open: number; resolved: number; written: number; ids: Map<string, string> }> {
  const now = options.now ?? new Date();
  const size = options.batchSize ?? ATTACK_PATH_BATCH_SIZE;
  const unique = new Map(paths.map((p) => [p.fingerprint, p]));
  const rows = [...unique.values()]
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0))
    .map((draft) => ({ draft, hash: pathContentHash(draft) }));
  return db.transaction(async (tx) => {
    await lockTenantEvaluation(tx, tenantId);
    await tx.execute(CREATE_SEEN);
    await tx.copyFrom(
      COPY_SEEN,
      rows.map((r) => copyLine([r.draft.fingerprint, r.hash])),
    );
    await tx.execute(INDEX_SEEN);
    await tx.execute('ANALYZE seen_paths');
    const needed = new Set(
      (await tx.query<{ fingerprint: string }>(NEEDING_WRITE, [tenantId])).map((r) => r.fingerprint),
    );
    const writes = rows.filter((r) => needed.has(r.draft.fingerprint));
    await tx.execute(CREATE_STAGE);
    await stagedMerge(tx, {
      items: writes,
      chunkRows: size,
      stage: 'path_stage',
      copy: COPY_STAGE,
      encode: ({ draft, hash }) => {
        const row = stageRow(draft, hash);
        return copyLine(PATH_INPUT.names.map((n) => row[n]));
      },
      merge: async (on) => on.execute(MERGE_STAGE, [tenantId, now]),
    });
    const resolved = await tx.execute(RESOLVE_UNSEEN, [tenantId, now]);
    const ids = new Map<string, string>();
    for (const r of await tx.query<{ id: string; fingerprint: string }>(CURRENT_IDS, [tenantId]))
      ids.set(r.fingerprint, r.id);
    return { open: rows.length, resolved, written: writes.length, ids };
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
      pathLastSeen('attack_paths').as('last_seen_at'),
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
