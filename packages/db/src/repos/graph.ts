import {
  type AssetRecord,
  assetHash,
  type EdgeRecord,
  edgeHash,
  edgeRecordId,
  type GraphBatch,
} from '@aispm/core';
import { sql as fragment } from 'kysely';
import { BULK_JOIN_SETTINGS, type Db, type Sql } from '../client.ts';
import { copyLine } from '../copy-text.ts';
import { columnOf, recordsetColumns } from '../kysely.ts';
import type { Asset, Edge, Sighting } from '../schema/generated/tables.ts';
import { stagedMerge } from '../staged-merge.ts';
import { storableAsset, storableEdge } from './asset-sanitize.ts';

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

/**
 * Inserts the `input` rows (a CTE the caller defines: a JSON parameter or a staged COPY) and updates existing
 * assets only where the content hash, the removal mark or the owner differs, so an unchanged re-scan rewrites no
 * asset row. `$1` is the tenant.
 */
const upsertAssets = (input: string) => `
WITH ${input}, written AS (
  INSERT INTO assets AS a (${asset('tenant_id')}, ${ASSET_INPUT.list}, ${asset('first_seen_at')}, ${asset('changed_at')},
                           ${asset('removed_at')})
  SELECT $1::uuid, ${ASSET_INPUT.list}, now(), now(), NULL
    FROM input ORDER BY id COLLATE "C"
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

/** As upsertAssets, for edges. */
const upsertEdges = (input: string) => `
WITH ${input}, written AS (
  INSERT INTO edges AS e (${edge('tenant_id')}, ${EDGE_INPUT.list}, ${edge('first_seen_at')}, ${edge('changed_at')},
                          ${edge('removed_at')})
  SELECT $1::uuid, ${EDGE_INPUT.list}, now(), now(), NULL
    FROM input ORDER BY id COLLATE "C"
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

/** The reporter part of a merge key (`source account`, all but the content hash). */
const reporterOf = (mergeKey: string) => `regexp_replace(${mergeKey}, ' [^ ]*$', '')`;

/**
 * Records that this scan saw each item, and decides which reporter's version the scan keeps. The first report of
 * an item in a scan always claims it, and so does the reporter holding the claim (the merge key is
 * `source account contentHash`; the reporter is all but the hash); another task of the same scan reporting the
 * same asset or edge claims it only with a key that sorts before the claim's (byte order). Claims are row-locked
 * upserts, so two tasks racing on one item serialize and the least key wins whatever the arrival order. Returns
 * the ids this batch claimed: only those are written to the graph. `claims` names rows `x(id, merge_key)`; `$1` is the
 * tenant, `$2` the item type, `$3` the scan.
 *
 * A claim this scan already committed with a key ours cannot beat is skipped before the upsert: `ON CONFLICT …
 * DO UPDATE … WHERE` locks the row even when its WHERE is false, and items every account reports (the external
 * principals of the access phase) would otherwise queue each task behind every other task's open transaction.
 * Skipping is safe because a committed claim only ever moves to a lesser key (its own reporter aside, which the
 * filter lets through). The held claim is read by a LIMIT 1 lateral lookup on the primary key alone, and judged
 * outside it: with NOT EXISTS (an anti join) or the scan id inside the lookup, statistics that lag behind a fast scan
 * let Postgres hash, or walk per item, every sighting of the scan (seconds per task by the middle of org-1000).
 */
const claimSightings = (claims: string) => `
INSERT INTO sightings AS s (${sighting('tenant_id')}, ${sighting('item_type')}, ${sighting('item_id')}, ${sighting('last_scan_id')},
                            ${sighting('last_seen_at')}, ${sighting('merge_key')})
SELECT $1::uuid, $2, x.id, $3::uuid, now(), x.merge_key FROM ${claims}
  LEFT JOIN LATERAL (
    SELECT held.${sighting('last_scan_id')} AS scan, held.${sighting('merge_key')} AS merge_key FROM sightings held
     WHERE held.${sighting('tenant_id')} = $1::uuid AND held.${sighting('item_type')} = $2 AND held.${sighting('item_id')} = x.id
     LIMIT 1) h ON true
 WHERE h.merge_key IS NULL OR h.scan <> $3::uuid OR ${reporterOf('h.merge_key')} = ${reporterOf('x.merge_key')}
    OR x.merge_key COLLATE "C" < h.merge_key COLLATE "C"
 ORDER BY x.id COLLATE "C"
ON CONFLICT (${sighting('tenant_id')}, ${sighting('item_type')}, ${sighting('item_id')}) DO UPDATE SET
  ${sighting('last_scan_id')} = EXCLUDED.${sighting('last_scan_id')}, ${sighting('last_seen_at')} = EXCLUDED.${sighting('last_seen_at')},
  ${sighting('merge_key')} = EXCLUDED.${sighting('merge_key')}
WHERE s.${sighting('last_scan_id')} IS DISTINCT FROM EXCLUDED.${sighting('last_scan_id')}
   OR s.${sighting('merge_key')} IS NULL
   OR ${reporterOf(`s.${sighting('merge_key')}`)} = ${reporterOf(`EXCLUDED.${sighting('merge_key')}`)}
   OR EXCLUDED.${sighting('merge_key')} COLLATE "C" < s.${sighting('merge_key')} COLLATE "C"
RETURNING s.${sighting('item_id')} AS item_id`;

/** Item kinds the writer stages, with their input columns. */
const STAGED = {
  asset: { stage: 'aispm_stage_assets', columns: ASSET_INPUT, upsert: upsertAssets },
  edge: { stage: 'aispm_stage_edges', columns: EDGE_INPUT, upsert: upsertEdges },
} as const;

/**
 * One statement claims the rows named `rows` (see claimSightings) and merges the claimed ones: `$1` tenant, `$2` item
 * type, `$3` scan. `rowsCte` defines `rows` when it is not a table.
 */
const claimAndMerge = (itemType: 'asset' | 'edge', rows: string, rowsCte = '') =>
  STAGED[itemType].upsert(
    `${rowsCte}claimed AS (${claimSightings(`${rows} AS x`)}),
     input AS (SELECT x.* FROM ${rows} x WHERE x.id IN (SELECT item_id FROM claimed))`,
  );

/**
 * JSON path: a chunk's rows, each with its merge key, travel as one JSON parameter (`$4`) and are claimed and merged
 * in one statement, as the COPY path's staged rows are (one round trip per chunk, not a claim and then an upsert).
 * Exported for EXPLAIN tests.
 */
const mergeJson = (itemType: 'asset' | 'edge') =>
  claimAndMerge(
    itemType,
    'rows',
    `rows AS (SELECT * FROM jsonb_to_recordset($4::jsonb) AS x(${STAGED[itemType].columns.definition}, merge_key text)),\n`,
  );
export const MERGE_JSON_STATEMENTS = { asset: mergeJson('asset'), edge: mergeJson('edge') };

/**
 * COPY path: the rows are staged in a temporary table (`COPY … FROM STDIN`), then claimed and merged in one
 * statement, whatever their number.
 */
const COPY_STATEMENTS = {
  asset: claimAndMerge('asset', STAGED.asset.stage),
  edge: claimAndMerge('edge', STAGED.edge.stage),
};

/**
 * Batches of at least this many rows (assets or edges) are written through COPY: below it, creating and filling
 * the stage costs more than the JSON parameters it saves.
 */
export const COPY_MIN_ROWS = 1_000;

export interface WriteOptions {
  /** Rows from which a batch goes through COPY instead of JSON parameters (tests pin either path). */
  copyMinRows?: number;
}

/**
 * Writes one task's batch: upserts that skip rows whose content hash is unchanged (so an unchanged re-scan
 * rewrites no asset or edge row), plus a sighting per item for reconciliation. Large batches are staged with
 * COPY and merged in one statement; small ones go as JSON parameters. Pseudo-assets (internet, external
 * principals) keep their own `source` (`aispm`) whatever task emits them.
 */
export async function writeGraphBatch(
  sql: Sql,
  ctx: WriteContext,
  batch: GraphBatch,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const copyMinRows = options.copyMinRows ?? COPY_MIN_ROWS;
  const assets = await upsertItems(
    sql,
    ctx,
    'asset',
    sortedById(batch.assets, (a) => a.id),
    (a) => assetRow(storableAsset(a), ctx),
    (row) => `${row.source} ${ctx.accountId} ${row.content_hash}`,
    copyMinRows,
  );
  const edges = await upsertItems(
    sql,
    ctx,
    'edge',
    sortedById(batch.edges.map(storableEdge), edgeRecordId),
    (e) => edgeRow(e, ctx),
    (row) => `${row.source} ${row.account_id} ${row.content_hash}`,
    copyMinRows,
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

type Counts = { inserted: number; updated: number };

/**
 * One item per id (the last reported wins), sorted by id: one lock order for every writer, so two tasks claiming
 * the same items cannot deadlock.
 */
function sortedById<T>(items: readonly T[], idOf: (item: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const item of items) byId.set(idOf(item), item);
  return [...byId.keys()].sort().map((id) => byId.get(id) as T);
}

/**
 * Upserts items: first the sightings claim them (see claimSightings), then the claimed rows are upserted. Items
 * another task of the scan already holds with a lesser merge key are seen but not written.
 */
async function upsertItems<T, R extends { id: unknown }>(
  sql: Sql,
  ctx: WriteContext,
  itemType: 'asset' | 'edge',
  sorted: T[],
  toRow: (item: T) => R,
  mergeKey: (row: R) => string,
  copyMinRows: number,
): Promise<{ seen: number } & Counts> {
  const counts =
    sorted.length >= copyMinRows
      ? await copyItems(sql, ctx, itemType, sorted, toRow, mergeKey)
      : await jsonItems(sql, ctx, itemType, sorted.map(toRow), mergeKey);
  return { seen: sorted.length, ...counts };
}

/** Chunk by chunk, the rows and their merge keys as a JSON parameter (the path for small batches). */
async function jsonItems<R extends { id: unknown }>(
  sql: Sql,
  ctx: WriteContext,
  itemType: 'asset' | 'edge',
  sorted: R[],
  mergeKey: (row: R) => string,
): Promise<Counts> {
  const totals = { inserted: 0, updated: 0 };
  for (const rows of chunks(sorted)) {
    const [counts] = await sql.query<Counts>(MERGE_JSON_STATEMENTS[itemType], [
      ctx.tenantId,
      itemType,
      ctx.scanId,
      JSON.stringify(rows.map((r) => ({ ...r, merge_key: mergeKey(r) }))),
    ]);
    totals.inserted += counts?.inserted ?? 0;
    totals.updated += counts?.updated ?? 0;
  }
  return totals;
}

/** Rows per COPY and merge: large enough to amortise the statements, small enough to overlap the two sides. */
export const COPY_CHUNK_ROWS = 10_000;

/**
 * Stages rows with COPY into a temporary table of the connection, then claims and merges them in one statement,
 * chunk by chunk in id order (see stagedMerge).
 */
async function copyItems<T, R extends { id: unknown }>(
  sql: Sql,
  ctx: WriteContext,
  itemType: 'asset' | 'edge',
  sorted: T[],
  toRow: (item: T) => R,
  mergeKey: (row: R) => string,
): Promise<Counts> {
  const { stage, columns } = STAGED[itemType];
  const names = columns.names as unknown as (keyof R)[];
  return sql.pinned(async (s) => {
    await s.execute(`CREATE TEMPORARY TABLE IF NOT EXISTS ${stage} (${columns.definition}, merge_key text)`);
    const counts = await stagedMerge(s, {
      items: sorted,
      chunkRows: COPY_CHUNK_ROWS,
      stage,
      copy: `COPY ${stage} (${columns.list}, merge_key) FROM STDIN`,
      encode: (item) => {
        const row = toRow(item);
        return copyLine([...names.map((n) => row[n]), mergeKey(row)]);
      },
      merge: async (on) =>
        (await on.query<Counts>(COPY_STATEMENTS[itemType], [ctx.tenantId, itemType, ctx.scanId]))[0],
    });
    return {
      inserted: counts.reduce((n, c) => n + (c?.inserted ?? 0), 0),
      updated: counts.reduce((n, c) => n + (c?.updated ?? 0), 0),
    };
  });
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
export function reconcileSnapshot(
  db: Db,
  scope: ReconcileScope,
): Promise<{ assetsRemoved: number; edgesRemoved: number }> {
  // One transaction: the counts returned are of one sweep, and its joins are planned as BULK_JOIN_SETTINGS says.
  return db.transaction((tx) => sweepUnseen(tx, scope), { settings: BULK_JOIN_SETTINGS });
}

async function sweepUnseen(
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
  let pseudo = sql.kysely
    .updateTable('assets as a')
    .set({ removed_at: fragment`now()` })
    .where('a.tenant_id', '=', scope.tenantId)
    .where('a.source', '=', 'aispm')
    .where('a.removed_at', 'is', null);
  // "No live edge from it and none to it" as two anti-joins on an equality each, which hash; one on an OR cannot.
  for (const end of ['e.from_id', 'e.to_id'] as const) {
    pseudo = pseudo.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('edges as e')
            .select('e.id')
            .whereRef('e.tenant_id', '=', 'a.tenant_id')
            .where('e.removed_at', 'is', null)
            .whereRef(end, '=', 'a.id'),
        ),
      ),
    );
  }
  const pseudoRemoved = await pseudo.executeTakeFirst();
  return {
    assetsRemoved: Number(assetsRemoved.numUpdatedRows) + Number(pseudoRemoved.numUpdatedRows),
    edgesRemoved: Number(edgesRemoved.numUpdatedRows),
  };
}
