import { sql as fragment } from 'kysely';
import type { Sql } from '../../client.ts';
import { textArray } from '../../kysely.ts';
import { iso, isoRequired, type KeysetPage, pageOf, seenByLatestEvaluation } from './shared.ts';

export interface AttackPathDto {
  id: string;
  fingerprint: string;
  entryId: string;
  targetId: string;
  entryName: string | null;
  targetName: string | null;
  kind: string;
  hops: unknown[];
  length: number;
  likelihood: number;
  impact: number;
  score: number;
  status: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

/** When a path was last found: an open one, by the tenant's latest evaluation (see seenByLatestEvaluation). */
export function pathLastSeen(table: string) {
  return seenByLatestEvaluation(
    table,
    fragment`${fragment.ref(`${table}.status`)} = 'open'`,
    fragment.ref(`${table}.tenant_id`),
  );
}

/** Paths with the names of their entry and target assets (null when the asset is gone). */
function selectPaths(sql: Sql) {
  return sql.kysely
    .selectFrom('attack_paths as p')
    .leftJoin('assets as e', (j) =>
      j.onRef('e.tenant_id', '=', 'p.tenant_id').onRef('e.id', '=', 'p.entry_id'),
    )
    .leftJoin('assets as t', (j) =>
      j.onRef('t.tenant_id', '=', 'p.tenant_id').onRef('t.id', '=', 'p.target_id'),
    )
    .select([
      'p.id',
      'p.fingerprint',
      'p.entry_id',
      'p.target_id',
      'e.name as entry_name',
      't.name as target_name',
      'p.kind',
      'p.hops',
      'p.length',
      'p.likelihood',
      'p.impact',
      'p.score',
      'p.status',
      'p.first_seen_at',
      pathLastSeen('p').as('last_seen_at'),
      'p.resolved_at',
    ]);
}

function toPath(r: Awaited<ReturnType<ReturnType<typeof selectPaths>['execute']>>[number]): AttackPathDto {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    entryId: r.entry_id,
    targetId: r.target_id,
    entryName: r.entry_name,
    targetName: r.target_name,
    kind: r.kind,
    hops: Array.isArray(r.hops) ? r.hops : [],
    length: r.length,
    likelihood: r.likelihood,
    impact: r.impact,
    score: r.score,
    status: r.status,
    firstSeenAt: isoRequired(r.first_seen_at),
    lastSeenAt: isoRequired(r.last_seen_at),
    resolvedAt: iso(r.resolved_at),
  };
}

export async function queryAttackPaths(
  sql: Sql,
  tenantId: string,
  query: {
    limit: number;
    status?: string;
    targetId?: string;
    kind?: string;
    after?: { score: number; id: string };
  },
): Promise<KeysetPage<AttackPathDto>> {
  const after = query.after;
  const rows = await selectPaths(sql)
    .where('p.tenant_id', '=', tenantId)
    .$if(query.status !== undefined, (q) => q.where('p.status', '=', query.status as string))
    .$if(query.targetId !== undefined, (q) => q.where('p.target_id', '=', query.targetId as string))
    .$if(query.kind !== undefined, (q) => q.where('p.kind', '=', query.kind as string))
    .$if(after !== undefined, (q) =>
      q.where((eb) => {
        const { score, id } = after as { score: number; id: string };
        return eb.and([eb('p.score', '<=', score), eb.or([eb('p.score', '<', score), eb('p.id', '>', id)])]);
      }),
    )
    .orderBy('p.score', 'desc')
    .orderBy('p.id')
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows.map(toPath), query.limit, (p) => ({ score: p.score, id: p.id }));
}

export async function getAttackPath(sql: Sql, tenantId: string, id: string): Promise<AttackPathDto | null> {
  const row = await selectPaths(sql)
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row ? toPath(row) : null;
}

/** Names and kinds of assets, for decorating ids kept in JSON (choke points, hops). */
export async function assetLabels(
  sql: Sql,
  tenantId: string,
  ids: string[],
): Promise<Map<string, { name: string; kind: string }>> {
  if (!ids.length) return new Map();
  const rows = await sql.kysely
    .selectFrom('assets')
    .select(['id', 'name', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb('id', '=', eb.fn.any(textArray(ids))))
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
}
