import {
  type AssetRecord,
  assetHash,
  type EdgeRecord,
  edgeHash,
  edgeRecordId,
  type GraphAsset,
  type GraphBatch,
  type GraphEdge,
} from '@aispm/core';
import type { Sql } from '../client.ts';
import { storableAsset } from './asset-sanitize.ts';

/** Rows per statement: one JSON parameter each, so the batch size is bounded by memory, not bind limits. */
export const WRITE_BATCH_SIZE = 2_000;

export interface WriteContext {
  tenantId: string;
  scanId: string;
  /** The task that owns what is written: `service@region`. */
  source: string;
  /** The account the task scanned (edges are reconciled per account + source). */
  accountId: string;
}

export interface WriteResult {
  assetsSeen: number;
  assetsInserted: number;
  assetsUpdated: number;
  edgesSeen: number;
  edgesInserted: number;
  edgesUpdated: number;
}

function dedupeBy<T>(items: T[], key: (t: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return [...map.values()];
}

function chunks<T>(items: T[], size = WRITE_BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const UPSERT_ASSETS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(
    id text, kind text, provider text, account_id text, region text, name text, native_type text,
    source text, properties jsonb, tags jsonb, content_hash text)
), written AS (
  INSERT INTO assets AS a (tenant_id, id, kind, provider, account_id, region, name, native_type, source,
                           properties, tags, content_hash, first_seen_at, changed_at, removed_at)
  SELECT $1::uuid, id, kind, provider, account_id, region, name, native_type, source, properties, tags,
         content_hash, now(), now(), NULL
    FROM input
  ON CONFLICT (tenant_id, id) DO UPDATE SET
    kind = EXCLUDED.kind, provider = EXCLUDED.provider, account_id = EXCLUDED.account_id,
    region = EXCLUDED.region, name = EXCLUDED.name, native_type = EXCLUDED.native_type,
    source = EXCLUDED.source, properties = EXCLUDED.properties, tags = EXCLUDED.tags,
    content_hash = EXCLUDED.content_hash, changed_at = now(), removed_at = NULL
  WHERE a.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR a.removed_at IS NOT NULL
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
  FROM written`;

const UPSERT_EDGES = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(
    id text, kind text, from_id text, to_id text, account_id text, source text, properties jsonb, content_hash text)
), written AS (
  INSERT INTO edges AS e (tenant_id, id, kind, from_id, to_id, account_id, source, properties, content_hash,
                          first_seen_at, changed_at, removed_at)
  SELECT $1::uuid, id, kind, from_id, to_id, account_id, source, properties, content_hash, now(), now(), NULL
    FROM input
  ON CONFLICT (tenant_id, id) DO UPDATE SET
    account_id = EXCLUDED.account_id, source = EXCLUDED.source, properties = EXCLUDED.properties,
    content_hash = EXCLUDED.content_hash, changed_at = now(), removed_at = NULL
  WHERE e.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR e.removed_at IS NOT NULL
     OR e.account_id IS DISTINCT FROM EXCLUDED.account_id OR e.source IS DISTINCT FROM EXCLUDED.source
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
  FROM written`;

const RECORD_SIGHTINGS = `
INSERT INTO sightings (tenant_id, item_type, item_id, last_scan_id, last_seen_at)
SELECT $1::uuid, $2, id, $3::uuid, now() FROM jsonb_array_elements_text($4::jsonb) AS id
ON CONFLICT (tenant_id, item_type, item_id) DO UPDATE SET last_scan_id = EXCLUDED.last_scan_id,
  last_seen_at = EXCLUDED.last_seen_at
WHERE sightings.last_scan_id IS DISTINCT FROM EXCLUDED.last_scan_id`;

/**
 * Writes one task's batch: multi-row upserts that skip rows whose content hash is unchanged (so an
 * unchanged re-scan rewrites no asset or edge row), plus a sighting per item for reconciliation.
 * Pseudo-assets (internet, external principals) keep their own `source` (`aispm`) whatever task emits them.
 */
export async function writeGraphBatch(sql: Sql, ctx: WriteContext, batch: GraphBatch): Promise<WriteResult> {
  const assets = await upsertItems(
    sql,
    ctx,
    'asset',
    UPSERT_ASSETS,
    dedupeBy(batch.assets, (a) => a.id),
    (a) => assetRow(storableAsset(a), ctx),
  );
  const edges = await upsertItems(sql, ctx, 'edge', UPSERT_EDGES, dedupeBy(batch.edges, edgeRecordId), (e) =>
    edgeRow(e, ctx),
  );
  return {
    assetsSeen: assets.seen,
    assetsInserted: assets.inserted,
    assetsUpdated: assets.updated,
    edgesSeen: edges.seen,
    edgesInserted: edges.inserted,
    edgesUpdated: edges.updated,
  };
}

/** Upserts items chunk by chunk (one JSON parameter per statement) and records a sighting for each. */
async function upsertItems<T>(
  sql: Sql,
  ctx: WriteContext,
  itemType: 'asset' | 'edge',
  upsert: string,
  items: T[],
  toRow: (item: T) => { id: string },
): Promise<{ seen: number; inserted: number; updated: number }> {
  const totals = { seen: items.length, inserted: 0, updated: 0 };
  for (const chunk of chunks(items)) {
    const rows = chunk.map(toRow);
    const [counts] = await sql.query<{ inserted: number; updated: number }>(upsert, [
      ctx.tenantId,
      JSON.stringify(rows),
    ]);
    totals.inserted += counts?.inserted ?? 0;
    totals.updated += counts?.updated ?? 0;
    await sql.execute(RECORD_SIGHTINGS, [
      ctx.tenantId,
      itemType,
      ctx.scanId,
      JSON.stringify(rows.map((r) => r.id)),
    ]);
  }
  return totals;
}

function isPseudo(a: AssetRecord): boolean {
  return a.kind === 'internet' || a.kind === 'external-principal';
}

function assetRow(a: AssetRecord, ctx: WriteContext) {
  const source = isPseudo(a) ? 'aispm' : ctx.source;
  return {
    id: a.id,
    kind: a.kind,
    provider: a.provider,
    account_id: a.accountId,
    region: a.region,
    name: a.name,
    native_type: a.nativeType,
    source,
    properties: a.properties,
    tags: a.tags,
    content_hash: assetHash(a),
  };
}

function edgeRow(e: EdgeRecord, ctx: WriteContext) {
  return {
    id: edgeRecordId(e),
    kind: e.kind,
    from_id: e.from,
    to_id: e.to,
    account_id: ctx.accountId,
    source: ctx.source,
    properties: e.properties,
    content_hash: edgeHash(e),
  };
}

export interface ReconcileScope {
  tenantId: string;
  scanId: string;
  /** (account, source) pairs whose tasks succeeded in this scan: only their items can be removed. */
  succeeded: { accountId: string; source: string }[];
}

/**
 * Marks assets and edges removed when a task that owns them succeeded but did not see them; keeps
 * everything owned by failed tasks. Pseudo-assets go when no live edge touches them any more.
 */
export async function reconcileSnapshot(
  sql: Sql,
  scope: ReconcileScope,
): Promise<{ assetsRemoved: number; edgesRemoved: number }> {
  const owners = JSON.stringify(scope.succeeded.map((s) => ({ account_id: s.accountId, source: s.source })));
  const assetsRemoved = await sql.execute(
    `UPDATE assets a SET removed_at = now()
       FROM jsonb_to_recordset($3::jsonb) AS o(account_id text, source text)
      WHERE a.tenant_id = $1 AND a.removed_at IS NULL AND a.account_id = o.account_id AND a.source = o.source
        AND NOT EXISTS (SELECT 1 FROM sightings s WHERE s.tenant_id = a.tenant_id AND s.item_type = 'asset'
                          AND s.item_id = a.id AND s.last_scan_id = $2)`,
    [scope.tenantId, scope.scanId, owners],
  );
  const edgesRemoved = await sql.execute(
    `UPDATE edges e SET removed_at = now()
       FROM jsonb_to_recordset($3::jsonb) AS o(account_id text, source text)
      WHERE e.tenant_id = $1 AND e.removed_at IS NULL AND e.account_id = o.account_id AND e.source = o.source
        AND NOT EXISTS (SELECT 1 FROM sightings s WHERE s.tenant_id = e.tenant_id AND s.item_type = 'edge'
                          AND s.item_id = e.id AND s.last_scan_id = $2)`,
    [scope.tenantId, scope.scanId, owners],
  );
  const pseudoRemoved = await sql.execute(
    `UPDATE assets a SET removed_at = now()
      WHERE a.tenant_id = $1 AND a.source = 'aispm' AND a.removed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM edges e WHERE e.tenant_id = a.tenant_id AND e.removed_at IS NULL
                          AND (e.from_id = a.id OR e.to_id = a.id))`,
    [scope.tenantId],
  );
  return { assetsRemoved: assetsRemoved + pseudoRemoved, edgesRemoved };
}

interface AssetRow {
  id: string;
  kind: string;
  provider: string;
  account_id: string;
  region: string;
  name: string;
  native_type: string;
  properties: Record<string, unknown>;
  tags: Record<string, string>;
  first_seen_at: Date;
  last_seen_at: Date | null;
  removed_at: Date | null;
}

const ASSET_COLUMNS = `a.id, a.kind, a.provider, a.account_id, a.region, a.name, a.native_type, a.properties, a.tags,
  a.first_seen_at, s.last_seen_at, a.removed_at`;

function toGraphAsset(r: AssetRow): GraphAsset {
  return {
    id: r.id,
    kind: r.kind as GraphAsset['kind'],
    provider: r.provider as GraphAsset['provider'],
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    nativeType: r.native_type,
    properties: r.properties,
    tags: r.tags,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at ?? r.first_seen_at,
    removedAt: r.removed_at,
  };
}

export interface AssetFilter {
  accountId?: string;
  provider?: string;
  kinds?: string[];
}

/** Live (not removed) assets, optionally filtered. */
export async function listLiveAssets(
  sql: Sql,
  tenantId: string,
  filter: AssetFilter = {},
): Promise<GraphAsset[]> {
  const rows = await sql.query<AssetRow>(
    `SELECT ${ASSET_COLUMNS}
       FROM assets a
       LEFT JOIN sightings s ON s.tenant_id = a.tenant_id AND s.item_type = 'asset' AND s.item_id = a.id
      WHERE a.tenant_id = $1 AND a.removed_at IS NULL
        AND ($2::text IS NULL OR a.account_id = $2)
        AND ($3::text IS NULL OR a.provider = $3)
        AND ($4::text[] IS NULL OR a.kind = ANY($4))
      ORDER BY a.id`,
    [tenantId, filter.accountId ?? null, filter.provider ?? null, filter.kinds ?? null],
  );
  return rows.map(toGraphAsset);
}

interface EdgeRow {
  id: string;
  kind: string;
  from_id: string;
  to_id: string;
  properties: Record<string, unknown>;
}

export async function listLiveEdges(
  sql: Sql,
  tenantId: string,
  filter: { accountId?: string; kinds?: string[] } = {},
): Promise<GraphEdge[]> {
  const rows = await sql.query<EdgeRow>(
    `SELECT id, kind, from_id, to_id, properties FROM edges
      WHERE tenant_id = $1 AND removed_at IS NULL
        AND ($2::text IS NULL OR account_id = $2)
        AND ($3::text[] IS NULL OR kind = ANY($3))
      ORDER BY id`,
    [tenantId, filter.accountId ?? null, filter.kinds ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as GraphEdge['kind'],
    from: r.from_id,
    to: r.to_id,
    properties: r.properties,
  }));
}

/** Ids that live edges point at, with a prefix (e.g. `arn:aws:s3:::`): what phase-2 tasks must fetch. */
export async function referencedIds(
  sql: Sql,
  tenantId: string,
  filter: { prefix: string; accountId?: string },
): Promise<string[]> {
  const rows = await sql.query<{ to_id: string }>(
    `SELECT DISTINCT to_id FROM edges
      WHERE tenant_id = $1 AND removed_at IS NULL AND starts_with(to_id, $2)
        AND ($3::text IS NULL OR position(':' || $3 || ':' in to_id) > 0)
      ORDER BY to_id`,
    [tenantId, filter.prefix, filter.accountId ?? null],
  );
  return rows.map((r) => r.to_id);
}

/** The whole live graph of a tenant, for evaluation and attack paths. */
export async function loadGraph(
  sql: Sql,
  tenantId: string,
): Promise<{ assets: GraphAsset[]; edges: GraphEdge[] }> {
  const [assets, edges] = await Promise.all([listLiveAssets(sql, tenantId), listLiveEdges(sql, tenantId)]);
  return { assets, edges };
}

export interface GraphCounts {
  assets: Record<string, number>;
  edges: Record<string, number>;
}

export async function countGraph(
  sql: Sql,
  tenantId: string,
  filter: { provider?: string } = {},
): Promise<GraphCounts> {
  const assets = await sql.query<{ kind: string; n: number }>(
    `SELECT kind, count(*)::int AS n FROM assets
      WHERE tenant_id = $1 AND removed_at IS NULL AND ($2::text IS NULL OR provider = $2) GROUP BY kind ORDER BY kind`,
    [tenantId, filter.provider ?? null],
  );
  const edges = await sql.query<{ kind: string; n: number }>(
    `SELECT e.kind, count(*)::int AS n FROM edges e
      WHERE e.tenant_id = $1 AND e.removed_at IS NULL
        AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM assets a WHERE a.tenant_id = e.tenant_id AND a.id = e.from_id AND a.provider = $2)
             OR EXISTS (SELECT 1 FROM assets a WHERE a.tenant_id = e.tenant_id AND a.id = e.to_id AND a.provider = $2))
      GROUP BY e.kind ORDER BY e.kind`,
    [tenantId, filter.provider ?? null],
  );
  return {
    assets: Object.fromEntries(assets.map((r) => [r.kind, r.n])),
    edges: Object.fromEntries(edges.map((r) => [r.kind, r.n])),
  };
}
