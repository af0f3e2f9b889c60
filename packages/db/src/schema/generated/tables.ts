import type { ColumnType } from "kysely";
export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type AiUsagePolicy = {
    tenant_id: string;
    version: number;
    policy: unknown;
    created_by: string;
    created_at: Generated<Timestamp>;
};
export type ApiToken = {
    id: Generated<string>;
    tenant_id: string;
    name: string;
    role: string;
    token_hash: string;
    prefix: string;
    created_by: string | null;
    created_at: Generated<Timestamp>;
    last_used_at: Timestamp | null;
    expires_at: Timestamp | null;
    revoked_at: Timestamp | null;
};
export type Asset = {
    tenant_id: string;
    id: string;
    kind: string;
    provider: string;
    account_id: string;
    region: string;
    name: string;
    native_type: string;
    /**
     * The connector task that owns the asset: `service@taskRegion`, used to reconcile removals.
     */
    source: string;
    properties: Generated<unknown>;
    tags: Generated<unknown>;
    content_hash: string;
    first_seen_at: Generated<Timestamp>;
    changed_at: Generated<Timestamp>;
    removed_at: Timestamp | null;
};
export type AssetChange = {
    id: Generated<string>;
    tenant_id: string;
    asset_id: string;
    kind: string;
    provider: string;
    account_id: string;
    change: string;
    facts: Generated<unknown>;
    at: Generated<Timestamp>;
};
export type AttackPath = {
    id: Generated<string>;
    tenant_id: string;
    fingerprint: string;
    entry_id: string;
    target_id: string;
    /**
     * exposure | poisoning | theft (what the route does to its crown jewel)
     */
    kind: Generated<string>;
    hops: unknown;
    length: number;
    likelihood: number;
    impact: number;
    score: number;
    /**
     * sha256 of what an evaluation writes (kind, hops, scores): an unchanged path is recognised by it and not rewritten.
     */
    content_hash: string | null;
    status: Generated<string>;
    first_seen_at: Generated<Timestamp>;
    last_seen_at: Generated<Timestamp>;
    resolved_at: Timestamp | null;
};
export type AuditLog = {
    id: Generated<string>;
    tenant_id: string;
    actor: string;
    action: string;
    target: string | null;
    details: Generated<unknown>;
    at: Generated<Timestamp>;
};
export type CloudAccount = {
    id: Generated<string>;
    tenant_id: string;
    provider: string;
    external_id: string;
    name: string;
    parent_external_id: string | null;
    org_path: Generated<string[]>;
    connection: Generated<unknown>;
    credentials_ciphertext: Buffer | null;
    enabled: Generated<boolean>;
    created_at: Generated<Timestamp>;
    updated_at: Generated<Timestamp>;
};
export type CoverageGap = {
    id: Generated<string>;
    tenant_id: string;
    scan_id: string;
    provider: string;
    account_id: string;
    region: string;
    service: string;
    operation: string;
    permission: string;
    error_code: string;
    scope: string;
    count: Generated<number>;
    message: Generated<string>;
    created_at: Generated<Timestamp>;
};
export type Edge = {
    tenant_id: string;
    id: string;
    kind: string;
    from_id: string;
    to_id: string;
    account_id: string;
    source: string;
    properties: Generated<unknown>;
    content_hash: string;
    first_seen_at: Generated<Timestamp>;
    changed_at: Generated<Timestamp>;
    removed_at: Timestamp | null;
};
export type Evaluation = {
    id: Generated<string>;
    tenant_id: string;
    scan_id: string | null;
    summary: Generated<unknown>;
    started_at: Generated<Timestamp>;
    finished_at: Timestamp | null;
};
export type Finding = {
    id: Generated<string>;
    tenant_id: string;
    fingerprint: string;
    rule_id: string;
    asset_id: string;
    provider: string;
    account_id: string;
    region: string;
    severity: string;
    /**
     * The severity as a number (critical 5 … info 1), so the severity sort has an index. A column the database
     * generates from `severity` (GENERATED ALWAYS … STORED, in the migration; Prisma cannot state it): never written.
     */
    severity_rank: number;
    risk_score: number;
    risk_reasons: Generated<unknown>;
    title: string;
    status: Generated<string>;
    controls: Generated<string[]>;
    evidence: Generated<unknown>;
    /**
     * sha256 of what an evaluation writes (severity, risk, title, controls, evidence): an unchanged finding is
     * recognised by it without sending or comparing its content.
     */
    content_hash: string | null;
    suppress_reason: string | null;
    suppressed_by: string | null;
    suppressed_until: Timestamp | null;
    first_seen_at: Generated<Timestamp>;
    last_seen_at: Generated<Timestamp>;
    resolved_at: Timestamp | null;
    last_evaluation_id: string | null;
};
export type FindingCount = {
    tenant_id: string;
    rule_id: string;
    severity: string;
    status: string;
    count: number;
};
export type FindingEvent = {
    id: Generated<string>;
    tenant_id: string;
    finding_id: string;
    from_status: string | null;
    to_status: string;
    actor: string;
    reason: string | null;
    at: Generated<Timestamp>;
};
export type FindingTitle = {
    tenant_id: string;
    rule_id: string;
    title: string;
};
export type GovernanceAnswer = {
    tenant_id: string;
    question_id: string;
    answer: string;
    note: string | null;
    answered_by: string;
    answered_at: Generated<Timestamp>;
};
export type Scan = {
    id: Generated<string>;
    tenant_id: string;
    trigger: string;
    status: Generated<string>;
    scope: Generated<unknown>;
    /**
     * Counters: summed from `scan_tasks` while the scan runs (no task locks this row), stored here when it ends.
     */
    tasks_total: Generated<number>;
    tasks_done: Generated<number>;
    tasks_failed: Generated<number>;
    assets_seen: Generated<number>;
    edges_seen: Generated<number>;
    assets_written: Generated<number>;
    assets_removed: Generated<number>;
    error: string | null;
    created_at: Generated<Timestamp>;
    started_at: Timestamp | null;
    finished_at: Timestamp | null;
};
export type ScanTask = {
    id: Generated<string>;
    tenant_id: string;
    scan_id: string;
    provider: string;
    account_id: string;
    region: string;
    service: string;
    status: Generated<string>;
    attempts: Generated<number>;
    error: string | null;
    throttled: Generated<number>;
    assets_seen: Generated<number>;
    edges_seen: Generated<number>;
    /**
     * Graph rows this task inserted or changed; summed into the scan's counters (`scans` holds them once it ends).
     */
    assets_written: Generated<number>;
    started_at: Timestamp | null;
    finished_at: Timestamp | null;
};
export type Schedule = {
    id: Generated<string>;
    tenant_id: string;
    name: string;
    cron: string;
    timezone: Generated<string>;
    scope: Generated<unknown>;
    enabled: Generated<boolean>;
    last_run_at: Timestamp | null;
    created_at: Generated<Timestamp>;
    updated_at: Generated<Timestamp>;
};
export type Sighting = {
    tenant_id: string;
    item_type: string;
    item_id: string;
    last_scan_id: string;
    last_seen_at: Generated<Timestamp>;
    /**
     * The reporter whose version the scan in `lastScanId` kept (`source`, task account, content hash): when two
     * tasks of a scan report the same item, the least key wins whatever the arrival order.
     */
    merge_key: string | null;
};
export type Tenant = {
    id: Generated<string>;
    slug: string;
    name: string;
    created_at: Generated<Timestamp>;
};
export type DB = {
    ai_usage_policies: AiUsagePolicy;
    api_tokens: ApiToken;
    asset_changes: AssetChange;
    assets: Asset;
    attack_paths: AttackPath;
    audit_log: AuditLog;
    cloud_accounts: CloudAccount;
    coverage_gaps: CoverageGap;
    edges: Edge;
    evaluations: Evaluation;
    finding_counts: FindingCount;
    finding_events: FindingEvent;
    finding_titles: FindingTitle;
    findings: Finding;
    governance_answers: GovernanceAnswer;
    scan_tasks: ScanTask;
    scans: Scan;
    schedules: Schedule;
    sightings: Sighting;
    tenants: Tenant;
};
