import type { Sql } from '../../client.ts';
import { Conditions, iso, isoRequired, type KeysetPage, pageOf } from './shared.ts';

export interface AttackPathDto {
  id: string;
  fingerprint: string;
  entryId: string;
  targetId: string;
  entryName: string | null;
  targetName: string | null;
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

interface AttackPathRow {
  id: string;
  fingerprint: string;
  entry_id: string;
  target_id: string;
  entry_name: string | null;
  target_name: string | null;
  hops: unknown[];
  length: number;
  likelihood: number;
  impact: number;
  score: number;
  status: string;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
}

const PATH_COLUMNS = `p.id, p.fingerprint, p.entry_id, p.target_id, e.name AS entry_name, t.name AS target_name, p.hops,
  p.length, p.likelihood, p.impact, p.score, p.status, p.first_seen_at, p.last_seen_at, p.resolved_at`;
const PATH_JOINS = `LEFT JOIN assets e ON e.tenant_id = p.tenant_id AND e.id = p.entry_id
  LEFT JOIN assets t ON t.tenant_id = p.tenant_id AND t.id = p.target_id`;

function toPath(r: AttackPathRow): AttackPathDto {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    entryId: r.entry_id,
    targetId: r.target_id,
    entryName: r.entry_name,
    targetName: r.target_name,
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
  query: { limit: number; status?: string; targetId?: string; after?: { score: number; id: string } },
): Promise<KeysetPage<AttackPathDto>> {
  const c = new Conditions();
  c.add(`p.tenant_id = ${c.p(tenantId)}`);
  if (query.status) c.add(`p.status = ${c.p(query.status)}`);
  if (query.targetId) c.add(`p.target_id = ${c.p(query.targetId)}`);
  if (query.after) {
    const s = c.p(query.after.score);
    c.add(`p.score <= ${s}::float8 AND (p.score < ${s}::float8 OR p.id > ${c.p(query.after.id)}::uuid)`);
  }
  const rows = await sql.query<AttackPathRow>(
    `SELECT ${PATH_COLUMNS} FROM attack_paths p ${PATH_JOINS} ${c.where()}
      ORDER BY p.score DESC, p.id LIMIT ${c.p(query.limit + 1)}`,
    c.params,
  );
  return pageOf(rows.map(toPath), query.limit, (p) => ({ score: p.score, id: p.id }));
}

export async function getAttackPath(sql: Sql, tenantId: string, id: string): Promise<AttackPathDto | null> {
  const [row] = await sql.query<AttackPathRow>(
    `SELECT ${PATH_COLUMNS} FROM attack_paths p ${PATH_JOINS} WHERE p.tenant_id = $1 AND p.id = $2`,
    [tenantId, id],
  );
  return row ? toPath(row) : null;
}

/** Names and kinds of assets, for decorating ids kept in JSON (choke points, hops). */
export async function assetLabels(
  sql: Sql,
  tenantId: string,
  ids: string[],
): Promise<Map<string, { name: string; kind: string }>> {
  if (!ids.length) return new Map();
  const rows = await sql.query<{ id: string; name: string; kind: string }>(
    'SELECT id, name, kind FROM assets WHERE tenant_id = $1 AND id = ANY($2::text[])',
    [tenantId, ids],
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
}
