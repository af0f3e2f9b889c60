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
import { sql as fragment } from 'kysely';
import type { Sql } from '../client.ts';
import { columnOf, countInt, recordsetColumns, textArray } from '../kysely.ts';
import type { Asset, Edge, Sighting } from '../schema/generated/tables.ts';
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

const ASSET_INPUT = recordsetColumns<Asset>()({
  id: 'text',
  kind: 'text',
  provider: 'text',
  account_id: 'text',
  region: 'text',
  name: 'text',
  native_type: 'text',
  source: 'text',
  properties: 'jsonb',
  tags: 'jsonb',
  content_hash: 'text',
});
const asset = columnOf<Asset>();

const UPSERT_ASSETS = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(${ASSET_INPUT.definition})
), written AS (
  INSERT INTO assets AS a (${asset('tenant_id')}, ${ASSET_INPUT.list}, ${asset('first_seen_at')}, ${asset('changed_at')},
                           ${asset('removed_at')})
  SELECT $1::uuid, ${ASSET_INPUT.list}, now(), now(), NULL
    FROM input
  ON CONFLICT (${asset('tenant_id')}, ${asset('id')}) DO UPDATE SET
    ${ASSET_INPUT.names
      .filter((c) => c !== 'id')
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ')},
    ${asset('changed_at')} = now(), ${asset('removed_at')} = NULL
  WHERE a.${asset('content_hash')} IS DISTINCT FROM EXCLUDED.${asset('content_hash')} OR a.${asset('removed_at')} IS NOT NULL
     OR a.${asset('source')} IS DISTINCT FROM EXCLUDED.${asset('source')}
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
  FROM written`;

const EDGE_INPUT = recordsetColumns<Edge>()({
  id: 'text',
  kind: 'text',
  from_id: 'text',
  to_id: 'text',
  account_id: 'text',
  source: 'text',
  properties: 'jsonb',
  content_hash: 'text',
});
const edge = columnOf<Edge>();

const UPSERT_EDGES = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(${EDGE_INPUT.definition})
), written AS (
  INSERT INTO edges AS e (${edge('tenant_id')}, ${EDGE_INPUT.list}, ${edge('first_seen_at')}, ${edge('changed_at')},
                          ${edge('removed_at')})
  SELECT $1::uuid, ${EDGE_INPUT.list}, now(), now(), NULL
    FROM input
  ON CONFLICT (${edge('tenant_id')}, ${edge('id')}) DO UPDATE SET
    ${edge('account_id')} = EXCLUDED.${edge('account_id')}, ${edge('source')} = EXCLUDED.${edge('source')},
    ${edge('properties')} = EXCLUDED.${edge('properties')}, ${edge('content_hash')} = EXCLUDED.${edge('content_hash')},
    ${edge('changed_at')} = now(), ${edge('removed_at')} = NULL
  WHERE e.${edge('content_hash')} IS DISTINCT FROM EXCLUDED.${edge('content_hash')} OR e.${edge('removed_at')} IS NOT NULL
     OR e.${edge('account_id')} IS DISTINCT FROM EXCLUDED.${edge('account_id')}
     OR e.${edge('source')} IS DISTINCT FROM EXCLUDED.${edge('source')}
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated
  FROM written`;

const sighting = columnOf<Sighting>();

/**
 * Records that this scan saw each item, and decides which reporter's version the scan keeps. The first report of
 * an item in a scan always claims it, and so does the reporter holding the claim (the merge key is
 * `source account contentHash`; the reporter is all but the hash); another task of the same scan reporting the
 * same asset or edge claims it only with a key that sorts before the claim's (byte order). Claims are row-locked
 * upserts, so two tasks racing on one item serialize and the least key wins whatever the arrival order. Returns
 * the ids this batch claimed: only those are written to the graph.
 */
const CLAIM_SIGHTINGS = `
INSERT INTO sightings AS s (${sighting('tenant_id')}, ${sighting('item_type')}, ${sighting('item_id')}, ${sighting('last_scan_id')},
                            ${sighting('last_seen_at')}, ${sighting('merge_key')})
SELECT $1::uuid, $2, x.id, $3::uuid, now(), x.merge_key FROM jsonb_to_recordset($4::jsonb) AS x(id text, merge_key text)
ON CONFLICT (${sighting('tenant_id')}, ${sighting('item_type')}, ${sighting('item_id')}) DO UPDATE SET
  ${sighting('last_scan_id')} = EXCLUDED.${sighting('last_scan_id')}, ${sighting('last_seen_at')} = EXCLUDED.${sighting('last_seen_at')},
  ${sighting('merge_key')} = EXCLUDED.${sighting('merge_key')}
WHERE s.${sighting('last_scan_id')} IS DISTINCT FROM EXCLUDED.${sighting('last_scan_id')}
   OR s.${sighting('merge_key')} IS NULL
   OR regexp_replace(s.${sighting('merge_key')}, ' [^ ]*$', '') = regexp_replace(EXCLUDED.${sighting('merge_key')}, ' [^ ]*$', '')
   OR EXCLUDED.${sighting('merge_key')} COLLATE "C" < s.${sighting('merge_key')} COLLATE "C"
RETURNING s.${sighting('item_id')} AS item_id`;

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
    (row) => `${row.source} ${ctx.accountId} ${row.content_hash}`,
  );
  const edges = await upsertItems(
    sql,
    ctx,
    'edge',
    UPSERT_EDGES,
    dedupeBy(batch.edges, edgeRecordId),
    (e) => edgeRow(e, ctx),
    (row) => `${row.source} ${row.account_id} ${row.content_hash}`,
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

/**
 * Upserts items chunk by chunk (one JSON parameter per statement): first the sightings claim the items (see
 * CLAIM_SIGHTINGS), then the claimed rows are upserted. Items another task of the scan already holds with a
 * lesser merge key are seen but not written.
 */
async function upsertItems<T, R extends { id: unknown; source: unknown; content_hash: unknown }>(
  sql: Sql,
  ctx: WriteContext,
  itemType: 'asset' | 'edge',
  upsert: string,
  items: T[],
  toRow: (item: T) => R,
  mergeKey: (row: R) => string,
): Promise<{ seen: number; inserted: number; updated: number }> {
  const totals = { seen: items.length, inserted: 0, updated: 0 };
  // One lock order (by id) for every writer: two tasks claiming the same items cannot deadlock.
  const sorted = items
    .map(toRow)
    .sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0));
  for (const rows of chunks(sorted)) {
    const claims = JSON.stringify(rows.map((r) => ({ id: r.id, merge_key: mergeKey(r) })));
    const claimed = new Set(
      (
        await sql.query<{ item_id: string }>(CLAIM_SIGHTINGS, [ctx.tenantId, itemType, ctx.scanId, claims])
      ).map((r) => r.item_id),
    );
    const kept = rows.filter((r) => claimed.has(String(r.id)));
    if (kept.length === 0) continue;
    const [counts] = await sql.query<{ inserted: number; updated: number }>(upsert, [
      ctx.tenantId,
      JSON.stringify(kept),
    ]);
    totals.inserted += counts?.inserted ?? 0;
    totals.updated += counts?.updated ?? 0;
  }
  return totals;
}

function isPseudo(a: AssetRecord): boolean {
  return a.kind === 'internet' || a.kind === 'external-principal';
}

function assetRow(a: AssetRecord, ctx: WriteContext): Record<(typeof ASSET_INPUT.names)[number], unknown> {
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

function edgeRow(e: EdgeRecord, ctx: WriteContext): Record<(typeof EDGE_INPUT.names)[number], unknown> {
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
  const owners = scope.succeeded.map((s) => ({ account_id: s.accountId, source: s.source }));
  // The owners travel as one JSON parameter, however many (account, source) pairs succeeded.
  const owned = fragment<
    [string, string]
  >`(SELECT account_id, source FROM jsonb_to_recordset(${JSON.stringify(owners)}::jsonb) AS o(account_id text, source text))`;
  const assetsRemoved = await sql.kysely
    .updateTable('assets as a')
    .set({ removed_at: fragment`now()` })
    .where('a.tenant_id', '=', scope.tenantId)
    .where('a.removed_at', 'is', null)
    .where((eb) => eb(eb.refTuple('a.account_id', 'a.source'), 'in', owned))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sightings as s')
            .select('s.item_id')
            .whereRef('s.tenant_id', '=', 'a.tenant_id')
            .where('s.item_type', '=', 'asset')
            .whereRef('s.item_id', '=', 'a.id')
            .where('s.last_scan_id', '=', scope.scanId),
        ),
      ),
    )
    .executeTakeFirst();
  const edgesRemoved = await sql.kysely
    .updateTable('edges as e')
    .set({ removed_at: fragment`now()` })
    .where('e.tenant_id', '=', scope.tenantId)
    .where('e.removed_at', 'is', null)
    .where((eb) => eb(eb.refTuple('e.account_id', 'e.source'), 'in', owned))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sightings as s')
            .select('s.item_id')
            .whereRef('s.tenant_id', '=', 'e.tenant_id')
            .where('s.item_type', '=', 'edge')
            .whereRef('s.item_id', '=', 'e.id')
            .where('s.last_scan_id', '=', scope.scanId),
        ),
      ),
    )
    .executeTakeFirst();
  const pseudoRemoved = await sql.kysely
    .updateTable('assets as a')
    .set({ removed_at: fragment`now()` })
    .where('a.tenant_id', '=', scope.tenantId)
    .where('a.source', '=', 'aispm')
    .where('a.removed_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('edges as e')
            .select('e.id')
            .whereRef('e.tenant_id', '=', 'a.tenant_id')
            .where('e.removed_at', 'is', null)
            .where((w) => w.or([w('e.from_id', '=', w.ref('a.id')), w('e.to_id', '=', w.ref('a.id'))])),
        ),
      ),
    )
    .executeTakeFirst();
  return {
    assetsRemoved: Number(assetsRemoved.numUpdatedRows) + Number(pseudoRemoved.numUpdatedRows),
    edgesRemoved: Number(edgesRemoved.numUpdatedRows),
  };
}

/** Assets (`a`) beside when each was last seen (`s.last_seen_at`, kept apart in `sightings`). */
export function assetsWithSightings(sql: Sql) {
  return sql.kysely
    .selectFrom('assets as a')
    .leftJoin('sightings as s', (j) =>
      j
        .onRef('s.tenant_id', '=', 'a.tenant_id')
        .on('s.item_type', '=', 'asset')
        .onRef('s.item_id', '=', 'a.id'),
    );
}

/** Live assets with when they were last seen. */
function selectGraphAssets(sql: Sql, tenantId: string) {
  return assetsWithSightings(sql)
    .select([
      'a.id',
      'a.kind',
      'a.provider',
      'a.account_id',
      'a.region',
      'a.name',
      'a.native_type',
      'a.properties',
      'a.tags',
      'a.first_seen_at',
      's.last_seen_at',
      'a.removed_at',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.removed_at', 'is', null);
}

function toGraphAsset(
  r: Awaited<ReturnType<ReturnType<typeof selectGraphAssets>['execute']>>[number],
): GraphAsset {
  return {
    id: r.id,
    kind: r.kind as GraphAsset['kind'],
    provider: r.provider as GraphAsset['provider'],
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    nativeType: r.native_type,
    properties: r.properties as GraphAsset['properties'],
    tags: r.tags as GraphAsset['tags'],
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
  const { accountId, provider, kinds } = filter;
  const rows = await selectGraphAssets(sql, tenantId)
    .$if(accountId !== undefined, (q) => q.where('a.account_id', '=', accountId as string))
    .$if(provider !== undefined, (q) => q.where('a.provider', '=', provider as string))
    .$if(kinds !== undefined, (q) =>
      q.where((eb) => eb('a.kind', '=', eb.fn.any(textArray(kinds as string[])))),
    )
    .orderBy('a.id')
    .execute();
  return rows.map(toGraphAsset);
}

export async function listLiveEdges(
  sql: Sql,
  tenantId: string,
  filter: { accountId?: string; kinds?: string[] } = {},
): Promise<GraphEdge[]> {
  const { accountId, kinds } = filter;
  const rows = await sql.kysely
    .selectFrom('edges')
    .select(['id', 'kind', 'from_id', 'to_id', 'properties'])
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId as string))
    .$if(kinds !== undefined, (q) =>
      q.where((eb) => eb('kind', '=', eb.fn.any(textArray(kinds as string[])))),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as GraphEdge['kind'],
    from: r.from_id,
    to: r.to_id,
    properties: r.properties as GraphEdge['properties'],
  }));
}

/** Ids that live edges point at, with a prefix (e.g. `arn:aws:s3:::`): what phase-2 tasks must fetch. */
export async function referencedIds(
  sql: Sql,
  tenantId: string,
  filter: { prefix: string; accountId?: string },
): Promise<string[]> {
  const { prefix, accountId } = filter;
  const rows = await sql.kysely
    .selectFrom('edges')
    .select('to_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    .where((eb) => eb.fn<boolean>('starts_with', ['to_id', eb.val(prefix)]))
    // The account id appears as its own ARN field (`…:123456789012:…`).
    .$if(accountId !== undefined, (q) =>
      q.where(fragment<boolean>`position(${`:${accountId}:`} in ${fragment.ref('to_id')}) > 0`),
    )
    .orderBy('to_id')
    .execute();
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
  const { provider } = filter;
  const assets = await sql.kysely
    .selectFrom('assets')
    .select(['kind', countInt().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    .$if(provider !== undefined, (q) => q.where('provider', '=', provider as string))
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  const edges = await sql.kysely
    .selectFrom('edges as e')
    .select(['e.kind', countInt().as('n')])
    .where('e.tenant_id', '=', tenantId)
    .where('e.removed_at', 'is', null)
    .$if(provider !== undefined, (q) =>
      q.where(({ or, exists, selectFrom }) => {
        const endpoint = (end: 'e.from_id' | 'e.to_id') =>
          exists(
            selectFrom('assets as a')
              .select('a.id')
              .whereRef('a.tenant_id', '=', 'e.tenant_id')
              .whereRef('a.id', '=', end)
              .where('a.provider', '=', provider as string),
          );
        return or([endpoint('e.from_id'), endpoint('e.to_id')]);
      }),
    )
    .groupBy('e.kind')
    .orderBy('e.kind')
    .execute();
  return {
    assets: Object.fromEntries(assets.map((r) => [r.kind, r.n])),
    edges: Object.fromEntries(edges.map((r) => [r.kind, r.n])),
  };
}
