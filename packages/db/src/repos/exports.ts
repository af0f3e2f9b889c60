import type { AssetRecord, EdgeKind } from '@aispm/core';
import { sql as fragment } from 'kysely';
import type { Sql } from '../client.ts';
import { textArray } from '../kysely.ts';
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
    const extras = await sql.kysely
      .selectFrom('findings as f')
      .leftJoin('assets as a', (j) =>
        j.onRef('a.tenant_id', '=', 'f.tenant_id').onRef('a.id', '=', 'f.asset_id'),
      )
      .select(['f.id', 'f.fingerprint', 'f.evidence', 'a.native_type'])
      .where('f.tenant_id', '=', tenantId)
      .where((eb) => eb('f.id', '=', eb.fn.any(fragment<string[]>`${page.map((f) => f.id)}::uuid[]`)))
      .execute();
    const byId = new Map(extras.map((e) => [e.id, e]));
    for (const f of page) {
      const e = byId.get(f.id);
      // A finding deleted between the two reads is skipped rather than written half.
      if (!e) continue;
      yield {
        ...f,
        fingerprint: e.fingerprint,
        evidence: (e.evidence as Record<string, unknown> | null) ?? {},
        assetType: e.native_type,
      };
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
    const { provider, accountId } = filter;
    const rows = await sql.kysely
      .selectFrom('assets as a')
      .select((eb) => [
        'a.id',
        'a.kind',
        'a.provider',
        'a.account_id',
        'a.region',
        'a.name',
        'a.native_type',
        'a.properties',
        'a.tags',
        eb
          .case()
          .when('a.kind', '=', 'model')
          .then(
            eb
              .selectFrom('edges as e')
              .select((sub) =>
                fragment<string[]>`array_agg(${sub.ref('e.to_id')} ORDER BY ${sub.ref('e.to_id')})`.as('ids'),
              )
              .whereRef('e.tenant_id', '=', 'a.tenant_id')
              .whereRef('e.from_id', '=', 'a.id')
              .where('e.kind', '=', 'trained-on')
              .where('e.removed_at', 'is', null),
          )
          .end()
          .as('trained_on'),
      ])
      .where('a.tenant_id', '=', tenantId)
      .where('a.removed_at', 'is', null)
      .where((eb) => eb('a.kind', '=', eb.fn.any(textArray(filter.kinds))))
      .where('a.id', '>', after)
      .$if(provider !== undefined, (q) => q.where('a.provider', '=', provider as string))
      .$if(accountId !== undefined, (q) => q.where('a.account_id', '=', accountId as string))
      .orderBy('a.id')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      yield {
        id: r.id,
        kind: r.kind as AssetRecord['kind'],
        provider: r.provider as AssetRecord['provider'],
        accountId: r.account_id,
        region: r.region,
        name: r.name,
        nativeType: r.native_type,
        properties: (r.properties as AssetRecord['properties'] | null) ?? {},
        tags: (r.tags as AssetRecord['tags'] | null) ?? {},
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
    const { provider, accountId } = filter;
    const from = after;
    const rows = await sql.kysely
      .selectFrom('edges as e')
      .innerJoin('assets as s', (j) =>
        j
          .onRef('s.tenant_id', '=', 'e.tenant_id')
          .onRef('s.id', '=', 'e.from_id')
          .on('s.removed_at', 'is', null),
      )
      .innerJoin('assets as t', (j) =>
        j
          .onRef('t.tenant_id', '=', 'e.tenant_id')
          .onRef('t.id', '=', 'e.to_id')
          .on('t.removed_at', 'is', null),
      )
      .select(['e.id', 'e.kind', 'e.from_id', 'e.to_id'])
      .where('e.tenant_id', '=', tenantId)
      .where('e.removed_at', 'is', null)
      .where((eb) =>
        eb.and([
          eb('e.kind', '=', eb.fn.any(textArray(filter.edgeKinds))),
          eb('s.kind', '=', eb.fn.any(textArray(filter.assetKinds))),
          eb('t.kind', '=', eb.fn.any(textArray(filter.assetKinds))),
          eb(eb.refTuple('e.from_id', 'e.id'), '>', eb.tuple(from.from, from.id)),
        ]),
      )
      .$if(provider !== undefined, (q) => q.where('s.provider', '=', provider as string))
      .$if(accountId !== undefined, (q) => q.where('s.account_id', '=', accountId as string))
      .orderBy('e.from_id')
      .orderBy('e.id')
      .limit(pageSize)
      .execute();
    for (const r of rows) yield { kind: r.kind as EdgeKind, from: r.from_id, to: r.to_id };
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
