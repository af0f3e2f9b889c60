import type { Sql } from '../client.ts';

/**
 * Read models for the REST API: every list is tenant-scoped and keyset-paginated on an indexed order,
 * timestamps come back as ISO strings (the wire format).
 */

function iso(d: Date | string | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

function isoRequired(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

/** Builds a parameterised WHERE clause: `p(value)` appends a bind parameter and returns its placeholder. */
class Conditions {
  readonly params: unknown[] = [];
  readonly clauses: string[] = [];
  p = (value: unknown): string => {
    this.params.push(value);
    return `$${this.params.length}`;
  };
  add(clause: string): void {
    this.clauses.push(clause);
  }
  where(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

export interface KeysetPage<T> {
  items: T[];
  /** The last item's sort key, for the caller to encode into an opaque cursor; null on the last page. */
  nextKey: Record<string, unknown> | null;
}

// ---------------------------------------------------------------------------------------------------------
// accounts

export interface AccountDto {
  id: string;
  provider: string;
  externalId: string;
  name: string;
  parentExternalId: string | null;
  orgPath: string[];
  connection: Record<string, unknown>;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

interface AccountRow {
  id: string;
  provider: string;
  external_id: string;
  name: string;
  parent_external_id: string | null;
  org_path: string[] | null;
  connection: Record<string, unknown>;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

const ACCOUNT_COLUMNS =
  'id, provider, external_id, name, parent_external_id, org_path, connection, enabled, created_at, updated_at';

function toAccount(r: AccountRow): AccountDto {
  return {
    id: r.id,
    provider: r.provider,
    externalId: r.external_id,
    name: r.name,
    parentExternalId: r.parent_external_id,
    orgPath: r.org_path ?? [],
    connection: r.connection ?? {},
    enabled: r.enabled,
    createdAt: isoRequired(r.created_at),
    updatedAt: isoRequired(r.updated_at),
  };
}

export async function queryAccounts(
  sql: Sql,
  tenantId: string,
  filter: { provider?: string } = {},
): Promise<AccountDto[]> {
  const rows = await sql.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM cloud_accounts
      WHERE tenant_id = $1 AND ($2::text IS NULL OR provider = $2)
      ORDER BY provider, external_id`,
    [tenantId, filter.provider ?? null],
  );
  return rows.map(toAccount);
}

export async function getAccount(sql: Sql, tenantId: string, id: string): Promise<AccountDto | null> {
  const [row] = await sql.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM cloud_accounts WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  return row ? toAccount(row) : null;
}

/** Connects an account; null when the tenant already has this provider/externalId. */
export async function insertAccount(
  sql: Sql,
  tenantId: string,
  input: {
    provider: string;
    externalId: string;
    name: string;
    parentExternalId?: string | null;
    connection: Record<string, unknown>;
    enabled?: boolean;
  },
): Promise<AccountDto | null> {
  const [row] = await sql.query<AccountRow>(
    `INSERT INTO cloud_accounts (tenant_id, provider, external_id, name, parent_external_id, connection, enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, provider, external_id) DO NOTHING
     RETURNING ${ACCOUNT_COLUMNS}`,
    [
      tenantId,
      input.provider,
      input.externalId,
      input.name,
      input.parentExternalId ?? null,
      JSON.stringify(input.connection),
      input.enabled ?? true,
    ],
  );
  return row ? toAccount(row) : null;
}

export async function updateAccount(
  sql: Sql,
  tenantId: string,
  id: string,
  patch: { name?: string; enabled?: boolean; connection?: Record<string, unknown> },
): Promise<AccountDto | null> {
  const [row] = await sql.query<AccountRow>(
    `UPDATE cloud_accounts SET
        name = COALESCE($3, name),
        enabled = COALESCE($4, enabled),
        connection = COALESCE($5::jsonb, connection),
        updated_at = now()
      WHERE tenant_id = $1 AND id = $2
      RETURNING ${ACCOUNT_COLUMNS}`,
    [
      tenantId,
      id,
      patch.name ?? null,
      patch.enabled ?? null,
      patch.connection ? JSON.stringify(patch.connection) : null,
    ],
  );
  return row ? toAccount(row) : null;
}

// ---------------------------------------------------------------------------------------------------------
// scans

export interface ScanDto {
  id: string;
  trigger: string;
  status: string;
  scope: Record<string, unknown>;
  tasksTotal: number;
  tasksDone: number;
  tasksFailed: number;
  assetsSeen: number;
  edgesSeen: number;
  assetsWritten: number;
  assetsRemoved: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ScanTaskDto {
  id: string;
  provider: string;
  accountId: string;
  region: string;
  service: string;
  status: string;
  attempts: number;
  error: string | null;
  throttled: number;
  assetsSeen: number;
  edgesSeen: number;
  startedAt: string | null;
  finishedAt: string | null;
}

interface ScanRow {
  id: string;
  trigger: string;
  status: string;
  scope: Record<string, unknown>;
  tasks_total: number;
  tasks_done: number;
  tasks_failed: number;
  assets_seen: number;
  edges_seen: number;
  assets_written: number;
  assets_removed: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const SCAN_COLUMNS = `id, trigger, status, scope, tasks_total, tasks_done, tasks_failed, assets_seen, edges_seen,
  assets_written, assets_removed, error, created_at, started_at, finished_at`;

function toScan(r: ScanRow): ScanDto {
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    scope: r.scope ?? {},
    tasksTotal: r.tasks_total,
    tasksDone: r.tasks_done,
    tasksFailed: r.tasks_failed,
    assetsSeen: r.assets_seen,
    edgesSeen: r.edges_seen,
    assetsWritten: r.assets_written,
    assetsRemoved: r.assets_removed,
    error: r.error,
    createdAt: isoRequired(r.created_at),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

export interface ScanKey {
  createdAt: string;
  id: string;
}

export async function queryScans(
  sql: Sql,
  tenantId: string,
  options: { limit: number; status?: string; after?: ScanKey },
): Promise<KeysetPage<ScanDto>> {
  const c = new Conditions();
  c.add(`tenant_id = ${c.p(tenantId)}`);
  if (options.status) c.add(`status = ${c.p(options.status)}`);
  if (options.after) {
    const t = c.p(options.after.createdAt);
    c.add(
      `(created_at < ${t}::timestamptz OR (created_at = ${t}::timestamptz AND id > ${c.p(options.after.id)}))`,
    );
  }
  const rows = await sql.query<ScanRow>(
    `SELECT ${SCAN_COLUMNS} FROM scans ${c.where()} ORDER BY created_at DESC, id LIMIT ${c.p(options.limit + 1)}`,
    c.params,
  );
  return pageOf(rows.map(toScan), options.limit, (s) => ({ createdAt: s.createdAt, id: s.id }));
}

export async function getScanWithTasks(
  sql: Sql,
  tenantId: string,
  id: string,
): Promise<(ScanDto & { tasks: ScanTaskDto[] }) | null> {
  const [row] = await sql.query<ScanRow>(
    `SELECT ${SCAN_COLUMNS} FROM scans WHERE tenant_id = $1 AND id = $2`,
    [tenantId, id],
  );
  if (!row) return null;
  const tasks = await sql.query<{
    id: string;
    provider: string;
    account_id: string;
    region: string;
    service: string;
    status: string;
    attempts: number;
    error: string | null;
    throttled: number;
    assets_seen: number;
    edges_seen: number;
    started_at: Date | null;
    finished_at: Date | null;
  }>(
    `SELECT id, provider, account_id, region, service, status, attempts, error, throttled, assets_seen, edges_seen,
            started_at, finished_at
       FROM scan_tasks WHERE tenant_id = $1 AND scan_id = $2
      ORDER BY (error IS NULL), provider, account_id, region, service`,
    [tenantId, id],
  );
  return {
    ...toScan(row),
    tasks: tasks.map((t) => ({
      id: t.id,
      provider: t.provider,
      accountId: t.account_id,
      region: t.region,
      service: t.service,
      status: t.status,
      attempts: t.attempts,
      error: t.error,
      throttled: t.throttled,
      assetsSeen: t.assets_seen,
      edgesSeen: t.edges_seen,
      startedAt: iso(t.started_at),
      finishedAt: iso(t.finished_at),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// schedules

export interface ScheduleDto {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  scope: Record<string, unknown>;
  enabled: boolean;
  lastRunAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function querySchedules(sql: Sql, tenantId: string, name?: string): Promise<ScheduleDto[]> {
  const rows = await sql.query<{
    id: string;
    name: string;
    cron: string;
    timezone: string;
    scope: Record<string, unknown>;
    enabled: boolean;
    last_run_at: Date | null;
    created_at: Date;
    updated_at: Date;
  }>(
    `SELECT id, name, cron, timezone, scope, enabled, last_run_at, created_at, updated_at FROM schedules
      WHERE tenant_id = $1 AND ($2::text IS NULL OR name = $2) ORDER BY name`,
    [tenantId, name ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    cron: r.cron,
    timezone: r.timezone,
    scope: r.scope ?? {},
    enabled: r.enabled,
    lastRunAt: iso(r.last_run_at),
    createdAt: isoRequired(r.created_at),
    updatedAt: isoRequired(r.updated_at),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// assets

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

interface AssetRow {
  id: string;
  kind: string;
  provider: string;
  account_id: string;
  region: string;
  name: string;
  native_type: string;
  tags: Record<string, string>;
  properties?: Record<string, unknown>;
  first_seen_at: Date;
  last_seen_at: Date | null;
  removed_at: Date | null;
}

const ASSET_LIST_COLUMNS = `a.id, a.kind, a.provider, a.account_id, a.region, a.name, a.native_type, a.tags,
  a.first_seen_at, s.last_seen_at, a.removed_at`;
const SIGHTING_JOIN = `LEFT JOIN sightings s ON s.tenant_id = a.tenant_id AND s.item_type = 'asset' AND s.item_id = a.id`;

function toAsset(r: AssetRow): AssetDto {
  return {
    id: r.id,
    kind: r.kind,
    provider: r.provider,
    accountId: r.account_id,
    region: r.region,
    name: r.name,
    nativeType: r.native_type,
    tags: r.tags ?? {},
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
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export async function queryAssets(
  sql: Sql,
  tenantId: string,
  query: AssetQuery,
): Promise<KeysetPage<AssetDto>> {
  const c = new Conditions();
  c.add(`a.tenant_id = ${c.p(tenantId)}`);
  if (!query.includeRemoved) c.add('a.removed_at IS NULL');
  if (query.provider) c.add(`a.provider = ${c.p(query.provider)}`);
  if (query.kind?.length) c.add(`a.kind = ANY(${c.p(query.kind)}::text[])`);
  if (query.accountId) c.add(`a.account_id = ${c.p(query.accountId)}`);
  if (query.region) c.add(`a.region = ${c.p(query.region)}`);
  if (query.tag) c.add(`a.tags @> ${c.p(JSON.stringify({ [query.tag.key]: query.tag.value }))}::jsonb`);
  if (query.q) {
    const like = c.p(`%${escapeLike(query.q)}%`);
    c.add(`(a.name ILIKE ${like} OR a.id ILIKE ${like})`);
  }
  if (query.after) c.add(`a.id > ${c.p(query.after.id)}`);
  const rows = await sql.query<AssetRow>(
    `SELECT ${ASSET_LIST_COLUMNS} FROM assets a ${SIGHTING_JOIN} ${c.where()}
      ORDER BY a.id LIMIT ${c.p(query.limit + 1)}`,
    c.params,
  );
  return pageOf(rows.map(toAsset), query.limit, (a) => ({ id: a.id }));
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
  const [row] = await sql.query<AssetRow>(
    `SELECT ${ASSET_LIST_COLUMNS}, a.properties FROM assets a ${SIGHTING_JOIN} WHERE a.tenant_id = $1 AND a.id = $2`,
    [tenantId, id],
  );
  if (!row) return null;
  const edges = new Map<string, EdgeDto>();
  let frontier = [id];
  const seen = new Set(frontier);
  let truncated = false;
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const found = await sql.query<{
      id: string;
      kind: string;
      from_id: string;
      to_id: string;
      properties: Record<string, unknown>;
    }>(
      `SELECT id, kind, from_id, to_id, properties FROM edges
        WHERE tenant_id = $1 AND removed_at IS NULL AND (from_id = ANY($2::text[]) OR to_id = ANY($2::text[]))
        ORDER BY id LIMIT $3`,
      [tenantId, frontier, NEIGHBOURHOOD_EDGE_LIMIT + 1],
    );
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
        properties: e.properties ?? {},
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
    ? await sql.query<AssetRow>(
        `SELECT ${ASSET_LIST_COLUMNS} FROM assets a ${SIGHTING_JOIN}
          WHERE a.tenant_id = $1 AND a.id = ANY($2::text[]) ORDER BY a.id`,
        [tenantId, [...seen]],
      )
    : [];
  return {
    ...toAsset(row),
    properties: row.properties ?? {},
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
  const byProviderKind = await sql.query<{ provider: string; kind: string; count: number }>(
    `SELECT provider, kind, count(*)::int AS count FROM assets
      WHERE tenant_id = $1 AND removed_at IS NULL AND kind NOT IN ('internet', 'external-principal')
      GROUP BY provider, kind ORDER BY provider, kind`,
    [tenantId],
  );
  const byAccount = await sql.query<{ provider: string; accountId: string; count: number }>(
    `SELECT provider, account_id AS "accountId", count(*)::int AS count FROM assets
      WHERE tenant_id = $1 AND removed_at IS NULL AND kind NOT IN ('internet', 'external-principal')
      GROUP BY provider, account_id ORDER BY provider, account_id`,
    [tenantId],
  );
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

// ---------------------------------------------------------------------------------------------------------
// findings

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
  const events = await sql.query<{
    id: string;
    from_status: string | null;
    to_status: string;
    actor: string;
    reason: string | null;
    at: Date;
  }>(
    `SELECT id, from_status, to_status, actor, reason, at FROM finding_events
      WHERE tenant_id = $1 AND finding_id = $2 ORDER BY at, id`,
    [tenantId, id],
  );
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
  const [row] = await sql.query<{ status: string }>(
    'SELECT status FROM findings WHERE tenant_id = $1 AND id = $2',
    [tenantId, id],
  );
  return row?.status ?? null;
}

/** Active (open or reopened) and suppressed finding counts per rule, for compliance status. */
export async function findingCountsByRule(
  sql: Sql,
  tenantId: string,
): Promise<Map<string, { open: number; suppressed: number }>> {
  const rows = await sql.query<{ rule_id: string; open: number; suppressed: number }>(
    `SELECT rule_id,
            count(*) FILTER (WHERE status IN ('open', 'reopened'))::int AS open,
            count(*) FILTER (WHERE status = 'suppressed')::int AS suppressed
       FROM findings WHERE tenant_id = $1 GROUP BY rule_id`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.rule_id, { open: r.open, suppressed: r.suppressed }]));
}

export async function findingGauges(
  sql: Sql,
  tenantId: string | null,
): Promise<{ severity: string; status: string; count: number }[]> {
  return sql.query(
    `SELECT severity, status, count(*)::int AS count FROM findings
      WHERE ($1::uuid IS NULL OR tenant_id = $1) GROUP BY severity, status`,
    [tenantId],
  );
}

export async function scanGauges(
  sql: Sql,
  tenantId: string | null,
): Promise<{ status: string; count: number }[]> {
  return sql.query(
    `SELECT status, count(*)::int AS count FROM scans WHERE ($1::uuid IS NULL OR tenant_id = $1) GROUP BY status`,
    [tenantId],
  );
}

// ---------------------------------------------------------------------------------------------------------
// attack paths

export interface AttackPathDto {
  id: string;
  fingerprint: string;
  entryId: string;
  targetId: string;
  entryName: string | null;
  targetName: string | null;
  hops: unknown[];
  length: number;
  likelihood: number;
  impact: number;
  score: number;
  status: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
}

interface AttackPathRow {
  id: string;
  fingerprint: string;
  entry_id: string;
  target_id: string;
  entry_name: string | null;
  target_name: string | null;
  hops: unknown[];
  length: number;
  likelihood: number;
  impact: number;
  score: number;
  status: string;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
}

const PATH_COLUMNS = `p.id, p.fingerprint, p.entry_id, p.target_id, e.name AS entry_name, t.name AS target_name, p.hops,
  p.length, p.likelihood, p.impact, p.score, p.status, p.first_seen_at, p.last_seen_at, p.resolved_at`;
const PATH_JOINS = `LEFT JOIN assets e ON e.tenant_id = p.tenant_id AND e.id = p.entry_id
  LEFT JOIN assets t ON t.tenant_id = p.tenant_id AND t.id = p.target_id`;

function toPath(r: AttackPathRow): AttackPathDto {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    entryId: r.entry_id,
    targetId: r.target_id,
    entryName: r.entry_name,
    targetName: r.target_name,
    hops: Array.isArray(r.hops) ? r.hops : [],
    length: r.length,
    likelihood: r.likelihood,
    impact: r.impact,
    score: r.score,
    status: r.status,
    firstSeenAt: isoRequired(r.first_seen_at),
    lastSeenAt: isoRequired(r.last_seen_at),
    resolvedAt: iso(r.resolved_at),
  };
}

export async function queryAttackPaths(
  sql: Sql,
  tenantId: string,
  query: { limit: number; status?: string; targetId?: string; after?: { score: number; id: string } },
): Promise<KeysetPage<AttackPathDto>> {
  const c = new Conditions();
  c.add(`p.tenant_id = ${c.p(tenantId)}`);
  if (query.status) c.add(`p.status = ${c.p(query.status)}`);
  if (query.targetId) c.add(`p.target_id = ${c.p(query.targetId)}`);
  if (query.after) {
    const s = c.p(query.after.score);
    c.add(`p.score <= ${s}::float8 AND (p.score < ${s}::float8 OR p.id > ${c.p(query.after.id)}::uuid)`);
  }
  const rows = await sql.query<AttackPathRow>(
    `SELECT ${PATH_COLUMNS} FROM attack_paths p ${PATH_JOINS} ${c.where()}
      ORDER BY p.score DESC, p.id LIMIT ${c.p(query.limit + 1)}`,
    c.params,
  );
  return pageOf(rows.map(toPath), query.limit, (p) => ({ score: p.score, id: p.id }));
}

export async function getAttackPath(sql: Sql, tenantId: string, id: string): Promise<AttackPathDto | null> {
  const [row] = await sql.query<AttackPathRow>(
    `SELECT ${PATH_COLUMNS} FROM attack_paths p ${PATH_JOINS} WHERE p.tenant_id = $1 AND p.id = $2`,
    [tenantId, id],
  );
  return row ? toPath(row) : null;
}

/** Names and kinds of assets, for decorating ids kept in JSON (choke points, hops). */
export async function assetLabels(
  sql: Sql,
  tenantId: string,
  ids: string[],
): Promise<Map<string, { name: string; kind: string }>> {
  if (!ids.length) return new Map();
  const rows = await sql.query<{ id: string; name: string; kind: string }>(
    'SELECT id, name, kind FROM assets WHERE tenant_id = $1 AND id = ANY($2::text[])',
    [tenantId, ids],
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
}

// ---------------------------------------------------------------------------------------------------------
// evaluations

export interface EvaluationDto {
  id: string;
  scanId: string | null;
  summary: Record<string, unknown>;
  startedAt: string;
  finishedAt: string | null;
}

interface EvaluationRow {
  id: string;
  scan_id: string | null;
  summary: Record<string, unknown>;
  started_at: Date;
  finished_at: Date | null;
}

function toEvaluation(r: EvaluationRow): EvaluationDto {
  return {
    id: r.id,
    scanId: r.scan_id,
    summary: r.summary ?? {},
    startedAt: isoRequired(r.started_at),
    finishedAt: iso(r.finished_at),
  };
}

/** The newest finished evaluation: the one whose summary the dashboard shows. */
export async function latestEvaluation(sql: Sql, tenantId: string): Promise<EvaluationDto | null> {
  const [row] = await sql.query<EvaluationRow>(
    `SELECT id, scan_id, summary, started_at, finished_at FROM evaluations
      WHERE tenant_id = $1 AND finished_at IS NOT NULL ORDER BY started_at DESC, id LIMIT 1`,
    [tenantId],
  );
  return row ? toEvaluation(row) : null;
}

/** The last `limit` evaluations, oldest first (the order a trend chart draws them). */
export async function evaluationTrend(sql: Sql, tenantId: string, limit: number): Promise<EvaluationDto[]> {
  const rows = await sql.query<EvaluationRow>(
    `SELECT * FROM (
       SELECT id, scan_id, summary, started_at, finished_at FROM evaluations
        WHERE tenant_id = $1 ORDER BY started_at DESC, id LIMIT $2) recent
      ORDER BY started_at, id`,
    [tenantId, limit],
  );
  return rows.map(toEvaluation);
}

// ---------------------------------------------------------------------------------------------------------

function pageOf<T>(rows: T[], limit: number, key: (t: T) => Record<string, unknown>): KeysetPage<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextKey: more && last ? key(last) : null };
}

export async function tenantById(
  sql: Sql,
  tenantId: string,
): Promise<{ id: string; slug: string; name: string } | null> {
  const [row] = await sql.query<{ id: string; slug: string; name: string }>(
    'SELECT id, slug, name FROM tenants WHERE id = $1',
    [tenantId],
  );
  return row ?? null;
}
