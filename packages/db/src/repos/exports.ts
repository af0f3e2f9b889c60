import type { AssetRecord, EdgeKind } from '@aispm/core';
import type { Sql } from '../client.ts';
import { type FindingDto, type FindingFilter, type FindingSort, iterateFindings } from './read/index.ts';

/**
 * The reads behind the streamed exports: every iterator walks a keyset page by page, so an export of a
 * million findings holds one page (default 1 000 rows) at a time, never the result set.
 */

/** A finding as the export formats need it: the list row plus fingerprint, evidence and the resource type. */
export interface ExportFindingRow extends FindingDto {
  fingerprint: string;
  evidence: Record<string, unknown>;
  assetType: string | null;
}

/** Every finding matching the filter, in the list's order, with what exports add to the list row. */
export async function* iterateExportFindings(
  sql: Sql,
  tenantId: string,
  filter: FindingFilter & { sort: FindingSort },
  pageSize = 1_000,
): AsyncGenerator<ExportFindingRow> {
  for await (const page of iterateFindings(sql, tenantId, filter, pageSize)) {
    const extras = await sql.query<{
      id: string;
      fingerprint: string;
      evidence: Record<string, unknown> | null;
      native_type: string | null;
    }>(
      `SELECT f.id, f.fingerprint, f.evidence, a.native_type FROM findings f
         LEFT JOIN assets a ON a.tenant_id = f.tenant_id AND a.id = f.asset_id
        WHERE f.tenant_id = $1 AND f.id = ANY($2::uuid[])`,
      [tenantId, page.map((f) => f.id)],
    );
    const byId = new Map(extras.map((e) => [e.id, e]));
    for (const f of page) {
      const e = byId.get(f.id);
      // A finding deleted between the two reads is skipped rather than written half.
      if (!e) continue;
      yield { ...f, fingerprint: e.fingerprint, evidence: e.evidence ?? {}, assetType: e.native_type };
    }
  }
}

export interface ExportAssetRow extends AssetRecord {
  /** For models: the assets of its `trained-on` edges. */
  trainedOn?: string[];
}

/** Current (not removed) assets of the given kinds, by id, with each model's training data. */
export async function* iterateExportAssets(
  sql: Sql,
  tenantId: string,
  filter: { kinds: readonly string[]; provider?: string; accountId?: string },
  pageSize = 1_000,
): AsyncGenerator<ExportAssetRow> {
  let after = '';
  for (;;) {
    const rows = await sql.query<{
      id: string;
      kind: AssetRecord['kind'];
      provider: AssetRecord['provider'];
      account_id: string;
      region: string;
      name: string;
      native_type: string;
      properties: Record<string, unknown>;
      tags: Record<string, string>;
      trained_on: string[] | null;
    }>(
      `SELECT a.id, a.kind, a.provider, a.account_id, a.region, a.name, a.native_type, a.properties, a.tags,
              CASE WHEN a.kind = 'model' THEN (
                SELECT array_agg(e.to_id ORDER BY e.to_id) FROM edges e
                 WHERE e.tenant_id = a.tenant_id AND e.from_id = a.id AND e.kind = 'trained-on' AND e.removed_at IS NULL
              ) END AS trained_on
         FROM assets a
        WHERE a.tenant_id = $1 AND a.removed_at IS NULL AND a.kind = ANY($2::text[]) AND a.id > $3
          AND ($4::text IS NULL OR a.provider = $4) AND ($5::text IS NULL OR a.account_id = $5)
        ORDER BY a.id LIMIT $6`,
      [tenantId, filter.kinds, after, filter.provider ?? null, filter.accountId ?? null, pageSize],
    );
    for (const r of rows) {
      yield {
        id: r.id,
        kind: r.kind,
        provider: r.provider,
        accountId: r.account_id,
        region: r.region,
        name: r.name,
        nativeType: r.native_type,
        properties: r.properties ?? {},
        tags: r.tags ?? {},
        ...(r.trained_on ? { trainedOn: r.trained_on } : {}),
      };
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}

/** Current edges of the given kinds whose both ends are current assets of `assetKinds`, ordered by source. */
export async function* iterateExportEdges(
  sql: Sql,
  tenantId: string,
  filter: {
    edgeKinds: readonly EdgeKind[];
    assetKinds: readonly string[];
    provider?: string;
    accountId?: string;
  },
  pageSize = 1_000,
): AsyncGenerator<{ kind: EdgeKind; from: string; to: string }> {
  let after: { from: string; id: string } = { from: '', id: '' };
  for (;;) {
    const rows = await sql.query<{ id: string; kind: EdgeKind; from_id: string; to_id: string }>(
      `SELECT e.id, e.kind, e.from_id, e.to_id FROM edges e
         JOIN assets s ON s.tenant_id = e.tenant_id AND s.id = e.from_id AND s.removed_at IS NULL
         JOIN assets t ON t.tenant_id = e.tenant_id AND t.id = e.to_id AND t.removed_at IS NULL
        WHERE e.tenant_id = $1 AND e.removed_at IS NULL AND e.kind = ANY($2::text[])
          AND s.kind = ANY($3::text[]) AND t.kind = ANY($3::text[])
          AND ($4::text IS NULL OR s.provider = $4) AND ($5::text IS NULL OR s.account_id = $5)
          AND (e.from_id, e.id) > ($6, $7)
        ORDER BY e.from_id, e.id LIMIT $8`,
      [
        tenantId,
        filter.edgeKinds,
        filter.assetKinds,
        filter.provider ?? null,
        filter.accountId ?? null,
        after.from,
        after.id,
        pageSize,
      ],
    );
    for (const r of rows) yield { kind: r.kind, from: r.from_id, to: r.to_id };
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = { from: last.from_id, id: last.id };
  }
}

/** The ids of the findings matching a filter, page by page (OSCAL links each control to its observations). */
export async function* iterateFindingIds(
  sql: Sql,
  tenantId: string,
  filter: FindingFilter & { sort: FindingSort },
): AsyncGenerator<string> {
  for await (const page of iterateFindings(sql, tenantId, filter)) for (const f of page) yield f.id;
}
