import { sql as fragment } from 'kysely';
import type { Sql } from '../../client.ts';
import { countInt } from '../../kysely.ts';
import { Conditions, escapeLike, iso, isoRequired } from './shared.ts';

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

interface FindingRow {
  id: string;
  rule_id: string;
  title: string;
  severity: string;
  risk_score: number;
  risk_reasons: unknown[];
  status: string;
  asset_id: string;
  asset_name: string | null;
  asset_kind: string | null;
  provider: string;
  account_id: string;
  region: string;
  controls: string[] | null;
  suppress_reason: string | null;
  suppressed_by: string | null;
  suppressed_until: Date | null;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
  evidence?: Record<string, unknown>;
  sev_rank: number;
}

const SEVERITY_RANK_SQL = `(CASE f.severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3
  WHEN 'low' THEN 2 WHEN 'info' THEN 1 ELSE 0 END)`;

const FINDING_COLUMNS = `f.id, f.rule_id, f.title, f.severity, f.risk_score, f.risk_reasons, f.status, f.asset_id,
  a.name AS asset_name, a.kind AS asset_kind, f.provider, f.account_id, f.region, f.controls, f.suppress_reason,
  f.suppressed_by, f.suppressed_until, f.first_seen_at, f.last_seen_at, f.resolved_at, ${SEVERITY_RANK_SQL} AS sev_rank`;
const ASSET_JOIN = 'LEFT JOIN assets a ON a.tenant_id = f.tenant_id AND a.id = f.asset_id';

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

function findingConditions(tenantId: string, filter: FindingFilter): Conditions {
  const c = new Conditions();
  c.add(`f.tenant_id = ${c.p(tenantId)}`);
  if (filter.severity?.length) c.add(`f.severity = ANY(${c.p(filter.severity)}::text[])`);
  if (filter.status?.length) c.add(`f.status = ANY(${c.p(filter.status)}::text[])`);
  if (filter.ruleId?.length) c.add(`f.rule_id = ANY(${c.p(filter.ruleId)}::text[])`);
  // `@>` on the array is what the GIN index on controls serves.
  if (filter.control) c.add(`f.controls @> ARRAY[${c.p(filter.control)}]::text[]`);
  if (filter.frameworkRules) c.add(`f.rule_id = ANY(${c.p(filter.frameworkRules)}::text[])`);
  if (filter.provider) c.add(`f.provider = ${c.p(filter.provider)}`);
  if (filter.accountId) c.add(`f.account_id = ${c.p(filter.accountId)}`);
  if (filter.assetId) c.add(`f.asset_id = ${c.p(filter.assetId)}`);
  if (filter.q) {
    const like = c.p(`%${escapeLike(filter.q)}%`);
    c.add(
      `(f.title ILIKE ${like} OR f.rule_id ILIKE ${like} OR f.asset_id ILIKE ${like} OR a.name ILIKE ${like})`,
    );
  }
  return c;
}

function findingOrder(sort: FindingSort): string {
  switch (sort) {
    case 'risk':
      // Matches the (tenant_id, risk_score DESC, id) index.
      return 'f.risk_score DESC, f.id';
    case 'severity':
      return `${SEVERITY_RANK_SQL} DESC, f.risk_score DESC, f.id`;
    case 'lastSeen':
      return 'f.last_seen_at DESC, f.id';
  }
}

function addFindingKey(c: Conditions, key: FindingKey): void {
  switch (key.sort) {
    case 'risk': {
      // The redundant `<=` bound lets the planner start the index scan at the cursor instead of filtering.
      const r = c.p(key.risk);
      c.add(`f.risk_score <= ${r}::float8 AND (f.risk_score < ${r}::float8 OR f.id > ${c.p(key.id)}::uuid)`);
      return;
    }
    case 'severity': {
      const s = c.p(key.rank);
      const r = c.p(key.risk);
      c.add(`(${SEVERITY_RANK_SQL} < ${s}::int OR (${SEVERITY_RANK_SQL} = ${s}::int AND
        (f.risk_score < ${r}::float8 OR (f.risk_score = ${r}::float8 AND f.id > ${c.p(key.id)}::uuid))))`);
      return;
    }
    case 'lastSeen': {
      const t = c.p(key.lastSeen);
      c.add(`f.last_seen_at <= ${t}::timestamptz AND
        (f.last_seen_at < ${t}::timestamptz OR f.id > ${c.p(key.id)}::uuid)`);
      return;
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
  const c = findingConditions(tenantId, query);
  if (query.after) {
    if (query.after.sort !== query.sort) throw new Error('cursor was made for another sort order');
    addFindingKey(c, query.after);
  }
  const rows = await sql.query<FindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM findings f ${ASSET_JOIN} ${c.where()}
      ORDER BY ${findingOrder(query.sort)} LIMIT ${c.p(query.limit + 1)}`,
    c.params,
  );
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
  const [row] = await sql.query<FindingRow & { fingerprint: string; last_evaluation_id: string | null }>(
    `SELECT ${FINDING_COLUMNS}, f.evidence, f.fingerprint, f.last_evaluation_id
       FROM findings f ${ASSET_JOIN} WHERE f.tenant_id = $1 AND f.id = $2`,
    [tenantId, id],
  );
  if (!row) return null;
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
    evidence: row.evidence ?? {},
    fingerprint: row.fingerprint,
    lastEvaluationId: row.last_evaluation_id,
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

/** Active (open or reopened) and suppressed finding counts per rule, for compliance status. */
export async function findingCountsByRule(
  sql: Sql,
  tenantId: string,
): Promise<Map<string, { open: number; suppressed: number }>> {
  const rows = await sql.kysely
    .selectFrom('findings')
    .select((eb) => [
      'rule_id',
      fragment<number>`count(*) FILTER (WHERE ${eb.ref('status')} IN ('open', 'reopened'))::int`.as('open'),
      fragment<number>`count(*) FILTER (WHERE ${eb.ref('status')} = 'suppressed')::int`.as('suppressed'),
    ])
    .where('tenant_id', '=', tenantId)
    .groupBy('rule_id')
    .execute();
  return new Map(rows.map((r) => [r.rule_id, { open: r.open, suppressed: r.suppressed }]));
}

export async function findingGauges(
  sql: Sql,
  tenantId: string | null,
): Promise<{ severity: string; status: string; count: number }[]> {
  return sql.kysely
    .selectFrom('findings')
    .select(['severity', 'status', countInt().as('count')])
    .$if(tenantId !== null, (q) => q.where('tenant_id', '=', tenantId as string))
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
