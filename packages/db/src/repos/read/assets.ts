import type { Sql } from '../../client.ts';
import { Conditions, escapeLike, iso, isoRequired, type KeysetPage, pageOf } from './shared.ts';

export interface AssetDto {
  id: string;
  kind: string;
  provider: string;
  accountId: string;
  region: string;
  name: string;
  nativeType: string;
  tags: Record<string, string>;
  firstSeenAt: string;
  lastSeenAt: string;
  removedAt: string | null;
}

interface AssetRow {
  id: string;
  kind: string;
  provider: string;
  account_id: string;
  region: string;
  name: string;
  native_type: string;
  tags: Record<string, string>;
  properties?: Record<string, unknown>;
  first_seen_at: Date;
  last_seen_at: Date | null;
  removed_at: Date | null;
}

const ASSET_LIST_COLUMNS = `a.id, a.kind, a.provider, a.account_id, a.region, a.name, a.native_type, a.tags,
  a.first_seen_at, s.last_seen_at, a.removed_at`;
const SIGHTING_JOIN = `LEFT JOIN sightings s ON s.tenant_id = a.tenant_id AND s.item_type = 'asset' AND s.item_id = a.id`;

function toAsset(r: AssetRow): AssetDto {
  return {
    id: r.id,
    kind: r.kind,
    provider: r.provider,
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    nativeType: r.native_type,
    tags: r.tags ?? {},
    firstSeenAt: isoRequired(r.first_seen_at),
    lastSeenAt: isoRequired(r.last_seen_at ?? r.first_seen_at),
    removedAt: iso(r.removed_at),
  };
}

export interface AssetQuery {
  limit: number;
  provider?: string;
  kind?: string[];
  accountId?: string;
  region?: string;
  tag?: { key: string; value: string };
  /** Case-insensitive substring of the name or id. */
  q?: string;
  includeRemoved?: boolean;
  after?: { id: string };
}

export async function queryAssets(
  sql: Sql,
  tenantId: string,
  query: AssetQuery,
): Promise<KeysetPage<AssetDto>> {
  const c = new Conditions();
  c.add(`a.tenant_id = ${c.p(tenantId)}`);
  if (!query.includeRemoved) c.add('a.removed_at IS NULL');
  if (query.provider) c.add(`a.provider = ${c.p(query.provider)}`);
  if (query.kind?.length) c.add(`a.kind = ANY(${c.p(query.kind)}::text[])`);
  if (query.accountId) c.add(`a.account_id = ${c.p(query.accountId)}`);
  if (query.region) c.add(`a.region = ${c.p(query.region)}`);
  if (query.tag) c.add(`a.tags @> ${c.p(JSON.stringify({ [query.tag.key]: query.tag.value }))}::jsonb`);
  if (query.q) {
    const like = c.p(`%${escapeLike(query.q)}%`);
    c.add(`(a.name ILIKE ${like} OR a.id ILIKE ${like})`);
  }
  if (query.after) c.add(`a.id > ${c.p(query.after.id)}`);
  const rows = await sql.query<AssetRow>(
    `SELECT ${ASSET_LIST_COLUMNS} FROM assets a ${SIGHTING_JOIN} ${c.where()}
      ORDER BY a.id LIMIT ${c.p(query.limit + 1)}`,
    c.params,
  );
  return pageOf(rows.map(toAsset), query.limit, (a) => ({ id: a.id }));
}

export interface EdgeDto {
  id: string;
  kind: string;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

export interface AssetDetailDto extends AssetDto {
  properties: Record<string, unknown>;
  neighbourhood: { depth: number; assets: AssetDto[]; edges: EdgeDto[]; truncated: boolean };
}

const NEIGHBOURHOOD_EDGE_LIMIT = 2_000;

/** An asset with the live edges within `depth` hops (either direction) and the assets they reach. */
export async function getAssetDetail(
  sql: Sql,
  tenantId: string,
  id: string,
  depth: 1 | 2,
): Promise<AssetDetailDto | null> {
  const [row] = await sql.query<AssetRow>(
    `SELECT ${ASSET_LIST_COLUMNS}, a.properties FROM assets a ${SIGHTING_JOIN} WHERE a.tenant_id = $1 AND a.id = $2`,
    [tenantId, id],
  );
  if (!row) return null;
  const edges = new Map<string, EdgeDto>();
  let frontier = [id];
  const seen = new Set(frontier);
  let truncated = false;
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const found = await sql.query<{
      id: string;
      kind: string;
      from_id: string;
      to_id: string;
      properties: Record<string, unknown>;
    }>(
      `SELECT id, kind, from_id, to_id, properties FROM edges
        WHERE tenant_id = $1 AND removed_at IS NULL AND (from_id = ANY($2::text[]) OR to_id = ANY($2::text[]))
        ORDER BY id LIMIT $3`,
      [tenantId, frontier, NEIGHBOURHOOD_EDGE_LIMIT + 1],
    );
    if (found.length > NEIGHBOURHOOD_EDGE_LIMIT) {
      truncated = true;
      found.length = NEIGHBOURHOOD_EDGE_LIMIT;
    }
    const next: string[] = [];
    for (const e of found) {
      edges.set(e.id, {
        id: e.id,
        kind: e.kind,
        from: e.from_id,
        to: e.to_id,
        properties: e.properties ?? {},
      });
      for (const other of [e.from_id, e.to_id]) {
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  seen.delete(id);
  const neighbours = seen.size
    ? await sql.query<AssetRow>(
        `SELECT ${ASSET_LIST_COLUMNS} FROM assets a ${SIGHTING_JOIN}
          WHERE a.tenant_id = $1 AND a.id = ANY($2::text[]) ORDER BY a.id`,
        [tenantId, [...seen]],
      )
    : [];
  return {
    ...toAsset(row),
    properties: row.properties ?? {},
    neighbourhood: { depth, assets: neighbours.map(toAsset), edges: [...edges.values()], truncated },
  };
}

export interface InventorySummaryDto {
  total: number;
  byProvider: Record<string, number>;
  byKind: Record<string, number>;
  byProviderKind: { provider: string; kind: string; count: number }[];
  byAccount: { provider: string; accountId: string; count: number }[];
}

/** Counts of live assets; the attack-path pseudo-assets are not inventory and are left out. */
export async function inventorySummary(sql: Sql, tenantId: string): Promise<InventorySummaryDto> {
  const byProviderKind = await sql.query<{ provider: string; kind: string; count: number }>(
    `SELECT provider, kind, count(*)::int AS count FROM assets
      WHERE tenant_id = $1 AND removed_at IS NULL AND kind NOT IN ('internet', 'external-principal')
      GROUP BY provider, kind ORDER BY provider, kind`,
    [tenantId],
  );
  const byAccount = await sql.query<{ provider: string; accountId: string; count: number }>(
    `SELECT provider, account_id AS "accountId", count(*)::int AS count FROM assets
      WHERE tenant_id = $1 AND removed_at IS NULL AND kind NOT IN ('internet', 'external-principal')
      GROUP BY provider, account_id ORDER BY provider, account_id`,
    [tenantId],
  );
  const byProvider: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const r of byProviderKind) {
    byProvider[r.provider] = (byProvider[r.provider] ?? 0) + r.count;
    byKind[r.kind] = (byKind[r.kind] ?? 0) + r.count;
    total += r.count;
  }
  return { total, byProvider, byKind, byProviderKind, byAccount };
}
