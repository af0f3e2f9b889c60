import { sql as fragment, type RawBuilder } from 'kysely';
import type { Sql } from '../../client.ts';
import { countInt } from '../../kysely.ts';
import { ACTIVE_FINDING_STATUSES } from '../findings.ts';
import { latestEvaluation } from './evaluations.ts';
import {
  likePattern,
  type SearchCandidates,
  searchCandidates,
  searchMatches,
  titleMatches,
} from './findings-search.ts';
import { iso, isoRequired, seenBy, seenByLatestEvaluation } from './shared.ts';

export { SEARCH_ASSET_LIMIT } from './findings-search.ts';

export const FINDING_SORTS = ['risk', 'severity', 'lastSeen'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export interface FindingFilter {
  severity?: string[];
  status?: string[];
  ruleId?: string[];
  control?: string;
  /** The rules mapped to a framework: a finding of any of them belongs to the framework (empty: none does). */
  frameworkRules?: string[];
  provider?: string;
  accountId?: string;
  assetId?: string;
  /** Case-insensitive text search over the finding's title, rule id, asset id and asset name. */
  q?: string;
}

/** The sort key of the last row of a page: the next page starts strictly after it. */
export type FindingKey =
  | { sort: 'risk'; risk: number; id: string }
  | { sort: 'severity'; rank: number; risk: number; id: string }
  | { sort: 'lastSeen'; lastSeen: string; seen: string; id: string };

export interface FindingDto {
  id: string;
  ruleId: string;
  title: string;
  severity: string;
  riskScore: number;
  riskReasons: unknown[];
  status: string;
  assetId: string;
  assetName: string | null;
  assetKind: string | null;
  provider: string;
  accountId: string;
  region: string;
  controls: string[];
  suppressReason: string | null;
  suppressedBy: string | null;
  suppressedUntil: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

/** A finding still standing (open, reopened or suppressed): its latest evaluation saw it. */
const STANDING = fragment<boolean>`f.status = ANY(${ACTIVE_FINDING_STATUSES}::text[])`;

/** When a finding was last seen failing: an active one, by the tenant's latest evaluation (see seenByLatestEvaluation). */
function lastSeen(tenantId: string) {
  return seenByLatestEvaluation('f', STANDING, fragment`${tenantId}::uuid`);
}

/**
 * Findings (`f`) of a tenant beside their asset's name and kind (`a`), typed from the generated tables. `seen` is the
 * last-seen time shown (by default read from the tenant's latest evaluation in the statement itself).
 */
function findingsWithAssets(sql: Sql, tenantId: string, seen: RawBuilder<Date> = lastSeen(tenantId)) {
  return sql.kysely
    .selectFrom('findings as f')
    .leftJoin('assets as a', (join) =>
      join.onRef('a.tenant_id', '=', 'f.tenant_id').onRef('a.id', '=', 'f.asset_id'),
    )
    .select([
      'f.id',
      'f.rule_id',
      'f.title',
      'f.severity',
      'f.risk_score',
      'f.risk_reasons',
      'f.status',
      'f.asset_id',
      'a.name as asset_name',
      'a.kind as asset_kind',
      'f.provider',
      'f.account_id',
      'f.region',
      'f.controls',
      'f.suppress_reason',
      'f.suppressed_by',
      'f.suppressed_until',
      'f.first_seen_at',
      seen.as('last_seen_at'),
      // The row's own last-seen time (when an evaluation last wrote it): the lastSeen order's second key.
      'f.last_seen_at as seen_at',
      'f.resolved_at',
      // The dashboard's severity order as a number (critical 5 … info 1): the sort key and part of its cursor.
      'f.severity_rank as sev_rank',
    ])
    .where('f.tenant_id', '=', tenantId);
}

type FindingsQuery = ReturnType<typeof findingsWithAssets>;
type FindingRow = Awaited<ReturnType<FindingsQuery['execute']>>[number];

function toFinding(r: FindingRow): FindingDto {
  return {
    id: r.id,
    ruleId: r.rule_id,
    title: r.title,
    severity: r.severity,
    riskScore: r.risk_score,
    riskReasons: Array.isArray(r.risk_reasons) ? r.risk_reasons : [],
    status: r.status,
    assetId: r.asset_id,
    assetName: r.asset_name,
    assetKind: r.asset_kind,
    provider: r.provider,
    accountId: r.account_id,
    region: r.region,
    controls: r.controls ?? [],
    suppressReason: r.suppress_reason,
    suppressedBy: r.suppressed_by,
    suppressedUntil: iso(r.suppressed_until),
    firstSeenAt: isoRequired(r.first_seen_at),
    lastSeenAt: isoRequired(r.last_seen_at),
    resolvedAt: iso(r.resolved_at),
  };
}

/** Whether each filter narrows the list: every filter named, so a new one cannot be missed here. */
const NARROWS: { [K in keyof Required<FindingFilter>]: (f: FindingFilter) => boolean } = {
  severity: (f) => Boolean(f.severity?.length),
  status: (f) => Boolean(f.status?.length),
  ruleId: (f) => Boolean(f.ruleId?.length),
  // An empty list of a framework's rules matches nothing: a filter still.
  frameworkRules: (f) => f.frameworkRules !== undefined,
  control: (f) => Boolean(f.control),
  provider: (f) => Boolean(f.provider),
  accountId: (f) => Boolean(f.accountId),
  assetId: (f) => Boolean(f.assetId),
  q: (f) => Boolean(f.q),
};

function isFiltered(filter: FindingFilter): boolean {
  return Object.values(NARROWS).some((narrows) => narrows(filter));
}

/** `= ANY(array)`: one bind parameter however long the list, and an empty list matches nothing. */
const anyOf = (values: readonly string[]) => fragment<string>`ANY(${values}::text[])`;

/** A filter with its text search's candidates read (see searchCandidates). */
type ResolvedFilter = FindingFilter & { candidates?: SearchCandidates };

function filtered(q: FindingsQuery, tenantId: string, filter: ResolvedFilter): FindingsQuery {
  return (
    q
      .$if(NARROWS.severity(filter), (w) => w.where('f.severity', '=', anyOf(filter.severity ?? [])))
      .$if(NARROWS.status(filter), (w) => w.where('f.status', '=', anyOf(filter.status ?? [])))
      .$if(NARROWS.ruleId(filter), (w) => w.where('f.rule_id', '=', anyOf(filter.ruleId ?? [])))
      .$if(NARROWS.frameworkRules(filter), (w) =>
        w.where('f.rule_id', '=', anyOf(filter.frameworkRules ?? [])),
      )
      // `@>` on the array is what the GIN index on controls serves.
      .$if(NARROWS.control(filter), (w) =>
        w.where('f.controls', '@>', fragment<string[]>`ARRAY[${filter.control}]::text[]`),
      )
      .$if(NARROWS.provider(filter), (w) => w.where('f.provider', '=', filter.provider as string))
      .$if(NARROWS.accountId(filter), (w) => w.where('f.account_id', '=', filter.accountId as string))
      .$if(NARROWS.assetId(filter), (w) => w.where('f.asset_id', '=', filter.assetId as string))
      .$if(NARROWS.q(filter), (w) => w.where(searchMatches(tenantId, filter.q as string, filter.candidates)))
  );
}

/** Risk and severity orders: each the order of its index, so a page is the first rows of an index range. */
function ordered(q: FindingsQuery, sort: 'risk' | 'severity'): FindingsQuery {
  switch (sort) {
    case 'risk':
      // Matches the (tenant_id, risk_score DESC, id) index.
      return q.orderBy('f.risk_score', 'desc').orderBy('f.id');
    case 'severity':
      // Matches the (tenant_id, severity_rank DESC, risk_score DESC, id) index.
      return q.orderBy('f.severity_rank', 'desc').orderBy('f.risk_score', 'desc').orderBy('f.id');
  }
}

/**
 * Rows strictly after the cursor in the risk or severity order. The redundant `<=` bounds are what the index can
 * seek to (a row comparison over its descending columns), so a page deep in the list starts at the cursor instead
 * of reading and dropping every row before it (300k rows, 26 ms, at 1M findings before the severity bound).
 */
function after(q: FindingsQuery, key: Extract<FindingKey, { sort: 'risk' | 'severity' }>): FindingsQuery {
  switch (key.sort) {
    case 'risk':
      return q
        .where('f.risk_score', '<=', key.risk)
        .where((eb) => eb.or([eb('f.risk_score', '<', key.risk), eb('f.id', '>', key.id)]));
    case 'severity':
      return q
        .where(fragment<boolean>`(f.severity_rank, f.risk_score) <= (${key.rank}::int, ${key.risk}::float8)`)
        .where((eb) =>
          eb.or([
            eb('f.severity_rank', '<', key.rank),
            eb.and([
              eb('f.severity_rank', '=', key.rank),
              eb.or([
                eb('f.risk_score', '<', key.risk),
                eb.and([eb('f.risk_score', '=', key.risk), eb('f.id', '>', key.id)]),
              ]),
            ]),
          ]),
        );
  }
}

/** What one page of findings is read with: a query the pool can prepare (plain lists) or plan per call. */
interface PageQuery {
  compile(): { readonly sql: string; readonly parameters: readonly unknown[] };
  execute(): Promise<FindingRow[]>;
}

type PageRequest = ResolvedFilter & { sort: FindingSort; after?: FindingKey };

/**
 * The lastSeen order (newest first; then the row's own last-seen time, newest first; then id) without sorting the
 * tenant's findings. A standing finding's last-seen time is its tenant's latest evaluation's (E) unless the row was
 * written later, a settled one's is its own, so the order is two ranges of the (tenant_id, last_seen_at DESC, id)
 * index merged: the rows whose time is their own (written after E, or settled) and the standing rows E saw, which
 * all share E. Each range gives its first page-size rows past the cursor and the page is the first of both.
 */
async function lastSeenPage(
  sql: Sql,
  tenantId: string,
  request: PageRequest,
  limit: number | RawBuilder<number>,
): Promise<PageQuery> {
  const [latest] = await sql.prepared<{ at: Date | null }>({
    sql: 'SELECT max(finished_at) AS at FROM evaluations WHERE tenant_id = $1',
    parameters: [tenantId],
  });
  const evaluatedAt = latest?.at ?? null;
  const at = evaluatedAt ? fragment<Date | null>`${evaluatedAt}::timestamptz` : fragment<Date | null>`NULL`;
  const base = () =>
    filtered(findingsWithAssets(sql, tenantId, seenBy('f', STANDING, at)), tenantId, request);
  const cursor = request.after?.sort === 'lastSeen' ? request.after : undefined;
  // Rows whose last-seen time is their own: every row when no evaluation finished.
  let own = base();
  if (evaluatedAt) own = own.where((eb) => eb.or([eb('f.last_seen_at', '>', evaluatedAt), eb.not(STANDING)]));
  if (cursor) own = pastCursor(own, new Date(cursor.lastSeen), new Date(cursor.seen), cursor.id);
  const ranges = [own];
  // The standing rows the latest evaluation saw: all shown at E, so the cursor's E decides where they stand.
  if (evaluatedAt) {
    const e = evaluatedAt.getTime();
    const k = cursor ? Date.parse(cursor.lastSeen) : Number.POSITIVE_INFINITY;
    const seenByE = base().where(STANDING).where('f.last_seen_at', '<=', evaluatedAt);
    if (e < k) ranges.push(seenByE);
    else if (e === k && cursor)
      ranges.push(pastCursor(seenByE, new Date(cursor.seen), new Date(cursor.seen), cursor.id));
  }
  return unionOfRanges(
    sql,
    ranges.map((range) => range.orderBy('f.last_seen_at', 'desc').orderBy('f.id').limit(limit)),
  )
    .orderBy('m.last_seen_at', 'desc')
    .orderBy('m.seen_at', 'desc')
    .orderBy('m.id')
    .limit(limit);
}

/** The rows of a few disjoint ranges, each already ordered and limited, as one table `m` to order the page by. */
function unionOfRanges(sql: Sql, ranges: FindingsQuery[]) {
  const [first, ...rest] = ranges.map((range) => sql.kysely.selectFrom(range.as('r')).selectAll());
  if (!first) throw new Error('a page of ranges needs at least one range');
  return sql.kysely.selectFrom(rest.reduce((u, range) => u.unionAll(range), first).as('m')).selectAll();
}

/** The most rules a risk-ordered page reads as ranges of their own (more, and the ranges cost more than a sort). */
const RULE_RANGES = 8;

/**
 * The risk order of a list narrowed to a few rules (a rule's findings, a framework of few rules, a search matching a
 * rule's title): each rule's findings are a range of the (tenant_id, rule_id, risk_score DESC, id) index, so the page
 * is the first rows of each range merged, instead of every finding of those rules read and sorted (Postgres 15 does
 * not read an `= ANY` list in index order). A search's matching assets are one range more, without the findings
 * the rule ranges hold. Undefined when the list is not narrowed to few enough rules.
 */
function riskRanges(sql: Sql, tenantId: string, request: PageRequest): FindingsQuery[] | undefined {
  const search = request.q ? request.candidates : undefined;
  const listed = request.q ? search?.rules : request.ruleId?.length ? request.ruleId : request.frameworkRules;
  // Each rule once (a rule named twice would be two ranges of the same rows), and only rules the rule and framework
  // filters let through: a range is then narrowed by its rule alone, since an `= ANY` list beside the rule's equality
  // makes Postgres read the whole range and sort it.
  const passes = (rule: string) =>
    (!request.ruleId?.length || request.ruleId.includes(rule)) &&
    (request.frameworkRules === undefined || request.frameworkRules.includes(rule));
  const rules = [...new Set(listed)].filter(passes);
  if (!rules.length || rules.length > RULE_RANGES || (request.q && !search?.assets)) return undefined;
  const base = (filter: ResolvedFilter) => {
    const q = filtered(findingsWithAssets(sql, tenantId), tenantId, { ...filter, q: undefined });
    return request.after?.sort === 'risk' ? after(q, request.after) : q;
  };
  const like = request.q ? likePattern(request.q) : undefined;
  const byRuleAlone: ResolvedFilter = { ...request, ruleId: undefined, frameworkRules: undefined };
  const ranges = rules.map((rule) => {
    const range = base(byRuleAlone).where('f.rule_id', '=', rule);
    return like ? range.where(titleMatches(like)) : range;
  });
  if (like && search?.assets?.length)
    ranges.push(
      base(request)
        .where('f.asset_id', '=', anyOf(search.assets))
        .where(fragment<boolean>`NOT (f.rule_id = ANY(${rules}::text[]) AND ${titleMatches(like)})`),
    );
  return ranges;
}

/**
 * Rows of one range past the cursor (shown time `k`, own time `s`, id): in a range whose rows show their own time,
 * a row at `k` is after the cursor only when the cursor's row showed its own time too (`k` = `s`) and its id is
 * greater. The standing range passes the cursor's own time for both.
 */
function pastCursor(q: FindingsQuery, k: Date, s: Date, id: string): FindingsQuery {
  if (k.getTime() !== s.getTime()) return q.where('f.last_seen_at', '<', k);
  return q
    .where('f.last_seen_at', '<=', k)
    .where((eb) => eb.or([eb('f.last_seen_at', '<', k), eb('f.id', '>', id)]));
}

function findingKey(sort: FindingSort, f: FindingRow): FindingKey {
  switch (sort) {
    case 'risk':
      return { sort, risk: f.risk_score, id: f.id };
    case 'severity':
      return { sort, rank: f.sev_rank, risk: f.risk_score, id: f.id };
    case 'lastSeen':
      return { sort, lastSeen: isoRequired(f.last_seen_at), seen: isoRequired(f.seen_at), id: f.id };
  }
}

/**
 * The page sizes a plain list fetches: the rows asked for rounded up to one of a few sizes, so the list's statements
 * are a small fixed set however callers page (a prepared statement stays on its connection for the connection's
 * life). A larger page is planned per call.
 */
const FETCH_SIZES = [11, 26, 51, 101, 201, 501, 1001, 2001];

export async function queryFindings(
  sql: Sql,
  tenantId: string,
  query: FindingFilter & { sort: FindingSort; limit: number; after?: FindingKey },
): Promise<{ items: FindingDto[]; nextKey: FindingKey | null }> {
  return findingsPage(sql, tenantId, { ...(await resolveFilter(sql, tenantId, query)), limit: query.limit });
}

/** The filter with its text search's candidates read (once for a whole export, not per page). */
async function resolveFilter<F extends FindingFilter>(
  sql: Sql,
  tenantId: string,
  filter: F,
): Promise<F & ResolvedFilter> {
  return filter.q
    ? { ...filter, candidates: await searchCandidates(sql, tenantId, likePattern(filter.q)) }
    : filter;
}

async function findingsPage(
  sql: Sql,
  tenantId: string,
  request: PageRequest & { limit: number },
): Promise<{ items: FindingDto[]; nextKey: FindingKey | null }> {
  if (request.after && request.after.sort !== request.sort)
    throw new Error('cursor was made for another sort order');
  const { candidates } = request;
  if (candidates && candidates.rules.length === 0 && candidates.assets?.length === 0)
    return { items: [], nextKey: null };
  // One row past the page tells whether another follows.
  const wanted = request.limit + 1;
  // A list filtered by nothing but its tenant (and keyset cursor) has the sort's index for its best plan whatever the
  // values, so it runs prepared and Postgres plans it once per connection instead of per page (at 1M findings the
  // planning cost the database more than reading the page). A filter's values change the best plan (a rare
  // severity, a small account, a text search), so a filtered list is planned for its values every time.
  const fetch = isFiltered(request) ? undefined : FETCH_SIZES.find((size) => size >= wanted);
  const limit = fetch ? fragment.lit(fetch) : wanted;
  let page: PageQuery;
  const ranges = request.sort === 'risk' ? riskRanges(sql, tenantId, request) : undefined;
  if (request.sort === 'lastSeen') {
    page = await lastSeenPage(sql, tenantId, request, limit);
  } else if (ranges) {
    const firstRows = ranges.map((range) => ordered(range, 'risk').limit(limit));
    page = unionOfRanges(sql, firstRows).orderBy('m.risk_score', 'desc').orderBy('m.id').limit(limit);
  } else {
    let q = filtered(findingsWithAssets(sql, tenantId), tenantId, request);
    if (request.after && request.after.sort !== 'lastSeen') q = after(q, request.after);
    page = ordered(q, request.sort).limit(limit);
  }
  const rows = fetch ? await sql.prepared<FindingRow>(page.compile()) : await page.execute();
  const more = rows.length > request.limit;
  const items = more ? rows.slice(0, request.limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(toFinding), nextKey: more && last ? findingKey(request.sort, last) : null };
}

/** Every matching finding, page by page along the keyset, for streamed exports. */
export async function* iterateFindings(
  sql: Sql,
  tenantId: string,
  filter: FindingFilter & { sort: FindingSort },
  pageSize = 1_000,
): AsyncGenerator<FindingDto[]> {
  const request = await resolveFilter(sql, tenantId, filter);
  let after: FindingKey | undefined;
  for (;;) {
    const page = await findingsPage(sql, tenantId, { ...request, limit: pageSize, after });
    if (page.items.length) yield page.items;
    if (!page.nextKey) return;
    after = page.nextKey;
  }
}

export interface FindingEventDto {
  id: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  reason: string | null;
  at: string;
}

export interface FindingDetailDto extends FindingDto {
  evidence: Record<string, unknown>;
  fingerprint: string;
  lastEvaluationId: string | null;
  history: FindingEventDto[];
}

export async function getFindingDetail(
  sql: Sql,
  tenantId: string,
  id: string,
): Promise<FindingDetailDto | null> {
  const row = await findingsWithAssets(sql, tenantId)
    .select(['f.evidence', 'f.fingerprint', 'f.last_evaluation_id', 'f.last_seen_at as row_seen_at'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  // As for last-seen: an active finding was seen by the latest finished evaluation, unless its row is newer.
  const latest = await latestEvaluation(sql, tenantId);
  const active = (ACTIVE_FINDING_STATUSES as readonly string[]).includes(row.status);
  const seenBy =
    active && latest?.finishedAt && Date.parse(latest.finishedAt) >= row.row_seen_at.getTime()
      ? latest.id
      : row.last_evaluation_id;
  const events = await sql.kysely
    .selectFrom('finding_events')
    .select(['id', 'from_status', 'to_status', 'actor', 'reason', 'at'])
    .where('tenant_id', '=', tenantId)
    .where('finding_id', '=', id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return {
    ...toFinding(row),
    evidence: (row.evidence as Record<string, unknown> | null) ?? {},
    fingerprint: row.fingerprint,
    lastEvaluationId: seenBy,
    history: events.map((e) => ({
      id: e.id,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actor: e.actor,
      reason: e.reason,
      at: isoRequired(e.at),
    })),
  };
}

/** The status of a finding of the tenant; null when the tenant has no such finding. */
export async function findingStatus(sql: Sql, tenantId: string, id: string): Promise<string | null> {
  const row = await sql.kysely
    .selectFrom('findings')
    .select('status')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.status ?? null;
}

/**
 * Active (open or reopened) and suppressed finding counts per rule, for compliance status: read from the counts the
 * database keeps (`finding_counts`), not by counting the tenant's findings.
 */
export async function findingCountsByRule(
  sql: Sql,
  tenantId: string,
): Promise<Map<string, { open: number; suppressed: number }>> {
  const rows = await sql.kysely
    .selectFrom('finding_counts')
    .select((eb) => [
      'rule_id',
      fragment<number>`coalesce(sum(${eb.ref('count')}) FILTER (WHERE ${eb.ref('status')} IN ('open', 'reopened')), 0)::int`.as(
        'open',
      ),
      fragment<number>`coalesce(sum(${eb.ref('count')}) FILTER (WHERE ${eb.ref('status')} = 'suppressed'), 0)::int`.as(
        'suppressed',
      ),
    ])
    .where('tenant_id', '=', tenantId)
    .where('count', '>', 0)
    .groupBy('rule_id')
    .execute();
  return new Map(rows.map((r) => [r.rule_id, { open: r.open, suppressed: r.suppressed }]));
}

/** Findings per severity and status (a tenant's, or every tenant's for the process metrics), from `finding_counts`. */
export async function findingGauges(
  sql: Sql,
  tenantId: string | null,
): Promise<{ severity: string; status: string; count: number }[]> {
  return sql.kysely
    .selectFrom('finding_counts')
    .select(['severity', 'status', fragment<number>`sum(count)::int`.as('count')])
    .$if(tenantId !== null, (q) => q.where('tenant_id', '=', tenantId as string))
    .where('count', '>', 0)
    .groupBy(['severity', 'status'])
    .execute();
}

export async function scanGauges(
  sql: Sql,
  tenantId: string | null,
): Promise<{ status: string; count: number }[]> {
  return sql.kysely
    .selectFrom('scans')
    .select(['status', countInt().as('count')])
    .$if(tenantId !== null, (q) => q.where('tenant_id', '=', tenantId as string))
    .groupBy('status')
    .execute();
}
