import type { GraphAsset, GraphEdge, ReferenceFilter } from '@aispm/core';
import { sql as fragment } from 'kysely';
import type { Sql } from '../client.ts';
import { countInt, textArray } from '../kysely.ts';

/** Assets (`a`) beside when each was last seen (`s.last_seen_at`, kept apart in `sightings`). */
export function assetsWithSightings(sql: Sql) {
  // A lookup on the sighting's key for each asset read, whatever the statistics say. As a plain join, while a
  // tenant's first scan was filling both tables (statistics from when they were empty, one row expected), Postgres
  // read every sighting of the tenant again for each asset: ~17 ms for an account's 40 assets at 250 accounts.
  return sql.kysely.selectFrom('assets as a').leftJoinLateral(
    (eb) =>
      eb
        .selectFrom('sightings as seen')
        .select('seen.last_seen_at')
        .whereRef('seen.tenant_id', '=', 'a.tenant_id')
        .where('seen.item_type', '=', 'asset')
        .whereRef('seen.item_id', '=', 'a.id')
        .limit(1)
        .as('s'),
    (join) => join.onTrue(),
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

/**
 * Shares what edges repeat. An organisation's access edges (1.7M on org-1000) hold a few thousand distinct property
 * objects ({ actions: ['s3:GetObject'], via: 'identity' } …) between a few hundred thousand ids; read as parsed rows,
 * every edge held its own copies, and evaluating that organisation peaked at 2.9 GiB. Properties are read as text
 * and parsed once per distinct text (frozen, since one object now serves many edges), endpoints once per id.
 */
class EdgeInterner {
  private readonly ids = new Map<string, string>();
  private readonly properties = new Map<string, GraphEdge['properties']>();

  id(value: string): string {
    const held = this.ids.get(value);
    if (held !== undefined) return held;
    this.ids.set(value, value);
    return value;
  }

  props(text: string | null): GraphEdge['properties'] {
    const key = text ?? '{}';
    let held = this.properties.get(key);
    if (!held) {
      held = Object.freeze(JSON.parse(key) as GraphEdge['properties']);
      this.properties.set(key, held);
    }
    return held;
  }
}

export async function listLiveEdges(
  sql: Sql,
  tenantId: string,
  filter: { accountId?: string; kinds?: string[]; to?: string[] } = {},
): Promise<GraphEdge[]> {
  const { accountId, kinds, to } = filter;
  const rows = await sql.kysely
    .selectFrom('edges')
    .select(['id', 'kind', 'from_id', 'to_id', fragment<string>`properties::text`.as('properties')])
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    .$if(accountId !== undefined, (q) => q.where('account_id', '=', accountId as string))
    .$if(kinds !== undefined, (q) =>
      q.where((eb) => eb('kind', '=', eb.fn.any(textArray(kinds as string[])))),
    )
    .$if(to !== undefined, (q) => q.where((eb) => eb('to_id', '=', eb.fn.any(textArray(to as string[])))))
    .orderBy('id')
    .execute();
  const shared = new EdgeInterner();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as GraphEdge['kind'],
    from: shared.id(r.from_id),
    to: shared.id(r.to_id),
    properties: shared.props(r.properties),
  }));
}

/** The least string above every string that starts with `prefix` (undefined when there is none). */
function prefixEnd(prefix: string): string | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i);
    if (code < 0xffff) return prefix.slice(0, i) + String.fromCharCode(code + 1);
  }
  return undefined;
}

/** Ids that live edges point at, with a prefix (e.g. `arn:aws:s3:::`): what phase-2 tasks must fetch. */
export async function referencedIds(sql: Sql, tenantId: string, filter: ReferenceFilter): Promise<string[]> {
  const rows = await referencedIdsQuery(sql, tenantId, filter).execute();
  return rows.map((r) => r.to_id);
}

/**
 * The query behind referencedIds (tests read its plan). The prefix's slice of the (tenant, target) index is read
 * first, behind an `OFFSET 0` fence, and only then narrowed by kind and source. Without the fence, statistics taken
 * before a scan wrote any edge of the kind (autovacuum lags a fast first scan) make the kind look rare, and the
 * planner reads every edge of that kind in the tenant through the (tenant, kind) index instead: seen on org-250's
 * KMS reads, ~2,300 pages and 10–15 ms a call for 2–5 keys, growing with the organisation. One account's slice is
 * small whatever the kind's share, so it is always the right start.
 */
export function referencedIdsQuery(sql: Sql, tenantId: string, filter: ReferenceFilter) {
  const { prefix, accountId, kinds, excludeFromPrefix } = filter;
  const slice = sql.kysely
    .selectFrom('edges')
    .select(['to_id', 'kind', 'from_id'])
    .where('tenant_id', '=', tenantId)
    .where('removed_at', 'is', null)
    // The text_pattern_ops range reads only the prefix's slice of the (tenant, target) index: a 1,000-account
    // organisation's S3 and Lambda tasks would otherwise each scan every edge of the tenant.
    .where(fragment<boolean>`${fragment.ref('to_id')} ~>=~ ${prefix}`)
    .$if(prefixEnd(prefix) !== undefined, (q) =>
      q.where(fragment<boolean>`${fragment.ref('to_id')} ~<~ ${prefixEnd(prefix) as string}`),
    )
    .where((eb) => eb.fn<boolean>('starts_with', ['to_id', eb.val(prefix)]))
    .offset(0);
  return (
    sql.kysely
      .selectFrom(slice.as('e'))
      .select('e.to_id')
      .distinct()
      .$if(kinds !== undefined, (q) =>
        q.where((eb) => eb('e.kind', '=', eb.fn.any(textArray(kinds as string[])))),
      )
      .$if(excludeFromPrefix !== undefined, (q) =>
        q.where((eb) =>
          eb.not(eb.fn<boolean>('starts_with', ['e.from_id', eb.val(excludeFromPrefix as string)])),
        ),
      )
      // The account id appears as its own ARN field (`…:123456789012:…`).
      .$if(accountId !== undefined, (q) =>
        q.where(fragment<boolean>`position(${`:${accountId}:`} in ${fragment.ref('e.to_id')}) > 0`),
      )
      .orderBy('e.to_id')
  );
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
