import { sql as fragment } from 'kysely';
import type { Sql } from '../../client.ts';
import { countInt } from '../../kysely.ts';
import { ACTIVE_FINDING_STATUSES } from '../findings.ts';
import { latestEvaluation } from './evaluations.ts';
import { escapeLike, iso, isoRequired, seenByLatestEvaluation } from './shared.ts';

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
  | { sort: 'lastSeen'; lastSeen: string; id: string };

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

/** When a finding was last seen failing: an active one, by the tenant's latest evaluation (see seenByLatestEvaluation). */
function lastSeen(tenantId: string) {
  return seenByLatestEvaluation(
    'f',
    fragment`f.status = ANY(${ACTIVE_FINDING_STATUSES}::text[])`,
    fragment`${tenantId}::uuid`,
  );
}

/** Findings (`f`) of a tenant beside their asset's name and kind (`a`), typed from the generated tables. */
function findingsWithAssets(sql: Sql, tenantId: string) {
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
      lastSeen(tenantId).as('last_seen_at'),
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

/** `= ANY(array)`: one bind parameter however long the list, and an empty list matches nothing. */
const anyOf = (values: readonly string[]) => fragment<string>`ANY(${values}::text[])`;

function filtered(q: FindingsQuery, tenantId: string, filter: FindingFilter): FindingsQuery {
  return (
    q
      .$if(Boolean(filter.severity?.length), (w) => w.where('f.severity', '=', anyOf(filter.severity ?? [])))
      .$if(Boolean(filter.status?.length), (w) => w.where('f.status', '=', anyOf(filter.status ?? [])))
      .$if(Boolean(filter.ruleId?.length), (w) => w.where('f.rule_id', '=', anyOf(filter.ruleId ?? [])))
      .$if(filter.frameworkRules !== undefined, (w) =>
        w.where('f.rule_id', '=', anyOf(filter.frameworkRules ?? [])),
      )
      // `@>` on the array is what the GIN index on controls serves.
      .$if(Boolean(filter.control), (w) =>
        w.where('f.controls', '@>', fragment<string[]>`ARRAY[${filter.control}]::text[]`),
      )
      .$if(Boolean(filter.provider), (w) => w.where('f.provider', '=', filter.provider as string))
      .$if(Boolean(filter.accountId), (w) => w.where('f.account_id', '=', filter.accountId as string))
      .$if(Boolean(filter.assetId), (w) => w.where('f.asset_id', '=', filter.assetId as string))
      .$if(Boolean(filter.q), (w) => {
        const like = `%${escapeLike(filter.q as string)}%`;
        // The matching ids first (an InitPlan: the trigram indexes of title and rule id ORed with the findings of
        // the tenant's assets whose id or name matches), then the page among them. Left in the main query, the search
        // made the planner walk the sort index and filter every row, as a LIMIT with a hopeful estimate invites.
        // Asset ids are matched in `assets`, not in `findings.asset_id`: ARN trigrams are in nearly every finding, so
        // a trigram match there read the whole table's posting lists (1 s a search at 1M findings).
        const matching = fragment<string>`ANY(ARRAY(
          SELECT m.id FROM findings m WHERE m.tenant_id = ${tenantId} AND (m.title ILIKE ${like} OR m.rule_id ILIKE ${like}
            OR m.asset_id = ANY(ARRAY(SELECT n.id FROM assets n WHERE n.tenant_id = ${tenantId}
              AND (n.name ILIKE ${like} OR n.id ILIKE ${like}))))))`;
        return w.where('f.id', '=', matching);
      })
  );
}

function ordered(q: FindingsQuery, sort: FindingSort, tenantId: string): FindingsQuery {
  switch (sort) {
    case 'risk':
      // Matches the (tenant_id, risk_score DESC, id) index.
      return q.orderBy('f.risk_score', 'desc').orderBy('f.id');
    case 'severity':
      // Matches the (tenant_id, severity_rank DESC, risk_score DESC, id) index.
      return q.orderBy('f.severity_rank', 'desc').orderBy('f.risk_score', 'desc').orderBy('f.id');
    case 'lastSeen':
      return q.orderBy(lastSeen(tenantId), 'desc').orderBy('f.id');
  }
}

/** Rows strictly after the cursor in the sort's order. */
function after(q: FindingsQuery, key: FindingKey, tenantId: string): FindingsQuery {
  switch (key.sort) {
    case 'risk':
      // The redundant `<=` bound lets the planner start the index scan at the cursor instead of filtering.
      return q
        .where('f.risk_score', '<=', key.risk)
        .where((eb) => eb.or([eb('f.risk_score', '<', key.risk), eb('f.id', '>', key.id)]));
    case 'severity':
      return q.where((eb) =>
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
    case 'lastSeen': {
      const at = new Date(key.lastSeen);
      return q
        .where(lastSeen(tenantId), '<=', at)
        .where((eb) => eb.or([eb(lastSeen(tenantId), '<', at), eb('f.id', '>', key.id)]));
    }
  }
}

function findingKey(sort: FindingSort, f: FindingRow): FindingKey {
  switch (sort) {
    case 'risk':
      return { sort, risk: f.risk_score, id: f.id };
    case 'severity':
      return { sort, rank: f.sev_rank, risk: f.risk_score, id: f.id };
    case 'lastSeen':
      return { sort, lastSeen: isoRequired(f.last_seen_at), id: f.id };
  }
}

export async function queryFindings(
  sql: Sql,
  tenantId: string,
  query: FindingFilter & { sort: FindingSort; limit: number; after?: FindingKey },
): Promise<{ items: FindingDto[]; nextKey: FindingKey | null }> {
  let q = filtered(findingsWithAssets(sql, tenantId), tenantId, query);
  if (query.after) {
    if (query.after.sort !== query.sort) throw new Error('cursor was made for another sort order');
    q = after(q, query.after, tenantId);
  }
  const rows = await ordered(q, query.sort, tenantId)
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return { items: page.map(toFinding), nextKey: more && last ? findingKey(query.sort, last) : null };
}

/** Every matching finding, page by page along the keyset, for streamed exports. */
export async function* iterateFindings(
  sql: Sql,
  tenantId: string,
  filter: FindingFilter & { sort: FindingSort },
  pageSize = 1_000,
): AsyncGenerator<FindingDto[]> {
  let after: FindingKey | undefined;
  for (;;) {
    const page = await queryFindings(sql, tenantId, {
      ...filter,
      limit: pageSize,
      ...(after ? { after } : {}),
    });
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
