import {
  AI_PLATFORM_SETTING_TYPES,
  AI_RESOURCE_KINDS,
  type AiUsagePolicy,
  type AiUsageState,
  PSEUDO_ACCOUNT_IDS,
  SHADOW_AI_RULE_PREFIX,
} from '@aispm/core';
import { type ExpressionBuilder, sql as fragment } from 'kysely';
import type { Sql } from '../../client.ts';
import { countInt, type DB, jsonb, textArray } from '../../kysely.ts';
import type { Asset } from '../../schema/generated/tables.ts';
import { assetsWithSightings } from '../graph-read.ts';
import { usagePolicyConfigured } from '../usage-policy.ts';
import { escapeLike, iso, isoRequired, type KeysetPage, pageOf } from './shared.ts';

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

/** Live assets with when they were last seen (kept apart in `sightings`). */
function selectAssets(sql: Sql) {
  return assetsWithSightings(sql).select([
    'a.id',
    'a.kind',
    'a.provider',
    'a.account_id',
    'a.region',
    'a.name',
    'a.native_type',
    'a.tags',
    'a.first_seen_at',
    's.last_seen_at',
    'a.removed_at',
  ]);
}

function toAsset(r: Awaited<ReturnType<ReturnType<typeof selectAssets>['execute']>>[number]): AssetDto {
  return {
    id: r.id,
    kind: r.kind,
    provider: r.provider,
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    nativeType: r.native_type,
    tags: (r.tags as Record<string, string> | null) ?? {},
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
  /**
   * AI resources by where they stand against the AI usage policy, as of the latest evaluation: `unapproved` has an
   * active shadow-AI finding; `unknown` has none but could not be judged (no policy configured, or a model whose
   * maker-given id the platform does not report while the policy lists approved models); `approved` is the rest.
   */
  usage?: { state: AiUsageState; policy: AiUsagePolicy | null };
}

export async function queryAssets(
  sql: Sql,
  tenantId: string,
  query: AssetQuery,
): Promise<KeysetPage<AssetDto>> {
  const { provider, kind, accountId, region, tag, q, after } = query;
  const rows = await selectAssets(sql)
    .where('a.tenant_id', '=', tenantId)
    .$if(!query.includeRemoved, (b) => b.where('a.removed_at', 'is', null))
    .$if(provider !== undefined, (b) => b.where('a.provider', '=', provider as string))
    .$if(!!kind?.length, (b) => b.where((eb) => eb('a.kind', '=', eb.fn.any(textArray(kind as string[])))))
    .$if(accountId !== undefined, (b) => b.where('a.account_id', '=', accountId as string))
    .$if(region !== undefined, (b) => b.where('a.region', '=', region as string))
    .$if(tag !== undefined, (b) => {
      const { key, value } = tag as { key: string; value: string };
      return b.where('a.tags', '@>', jsonb({ [key]: value }));
    })
    .$if(!!q, (b) => {
      const like = `%${escapeLike(q as string)}%`;
      return b.where((eb) => eb.or([eb('a.name', 'ilike', like), eb('a.id', 'ilike', like)]));
    })
    .$if(query.usage !== undefined, (b) =>
      b.where(usageFilter(query.usage as NonNullable<AssetQuery['usage']>)),
    )
    .$if(after !== undefined, (b) => b.where('a.id', '>', (after as { id: string }).id))
    .orderBy('a.id')
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows.map(toAsset), query.limit, (a) => ({ id: a.id }));
}

/** The condition for one usage state (see AssetQuery.usage), on the organisation's own AI resources only. */
function usageFilter({ state, policy }: NonNullable<AssetQuery['usage']>) {
  const configured = usagePolicyConfigured(policy);
  const modelsListed = policy?.approvedModels !== undefined;
  return (eb: ExpressionBuilder<DB & { a: Asset }, 'a'>) => {
    const ai = eb.and([
      eb('a.kind', '=', eb.fn.any(textArray([...AI_RESOURCE_KINDS]))),
      eb('a.account_id', 'not in', [...PSEUDO_ACCOUNT_IDS]),
      eb('a.native_type', 'not in', [...AI_PLATFORM_SETTING_TYPES]),
    ]);
    const flagged = eb.exists(
      eb
        .selectFrom('findings as f')
        .select(eb.lit(1).as('one'))
        .whereRef('f.tenant_id', '=', 'a.tenant_id')
        .whereRef('f.asset_id', '=', 'a.id')
        .where('f.rule_id', 'like', `${SHADOW_AI_RULE_PREFIX}%`)
        .where('f.status', 'in', ['open', 'reopened']),
    );
    // The connector stores each asset's typed facts; a model's id is a string when its maker is known.
    const unnamedModel = eb.and([
      eb('a.kind', '=', 'model'),
      eb(fragment<string>`jsonb_typeof(a.properties #> '{facts,modelId}')`, 'is distinct from', 'string'),
    ]);
    const unjudged = configured ? (modelsListed ? unnamedModel : eb.lit(false)) : eb.lit(true);
    switch (state) {
      case 'unapproved':
        return eb.and([ai, flagged]);
      case 'unknown':
        return eb.and([ai, eb.not(flagged), unjudged]);
      case 'approved':
        return eb.and([ai, eb.not(flagged), eb.not(unjudged)]);
    }
  };
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
  const row = await selectAssets(sql)
    .select('a.properties')
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const edges = new Map<string, EdgeDto>();
  let frontier = [id];
  const seen = new Set(frontier);
  let truncated = false;
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const ids = textArray(frontier);
    const found = await sql.kysely
      .selectFrom('edges')
      .select(['id', 'kind', 'from_id', 'to_id', 'properties'])
      .where('tenant_id', '=', tenantId)
      .where('removed_at', 'is', null)
      .where((eb) => eb.or([eb('from_id', '=', eb.fn.any(ids)), eb('to_id', '=', eb.fn.any(ids))]))
      .orderBy('id')
      .limit(NEIGHBOURHOOD_EDGE_LIMIT + 1)
      .execute();
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
        properties: (e.properties as Record<string, unknown> | null) ?? {},
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
    ? await selectAssets(sql)
        .where('a.tenant_id', '=', tenantId)
        .where((eb) => eb('a.id', '=', eb.fn.any(textArray([...seen]))))
        .orderBy('a.id')
        .execute()
    : [];
  return {
    ...toAsset(row),
    properties: (row.properties as Record<string, unknown> | null) ?? {},
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
  const live = sql.kysely
    .selectFrom('assets')
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    .where('kind', 'not in', ['internet', 'external-principal']);
  const byProviderKind = await live
    .select(['provider', 'kind', countInt().as('count')])
    .groupBy(['provider', 'kind'])
    .orderBy('provider')
    .orderBy('kind')
    .execute();
  const byAccount = await live
    .select(['provider', 'account_id as accountId', countInt().as('count')])
    .groupBy(['provider', 'account_id'])
    .orderBy('provider')
    .orderBy('account_id')
    .execute();
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
