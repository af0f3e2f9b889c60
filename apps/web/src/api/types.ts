/** Wire types of the aispm REST API (`/api/v1`). Kept in one place so a contract change is one edit. */

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type Provider = 'aws' | 'azure' | 'gcp';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A list endpoint that is not paginated (small, bounded collections). */
export interface Items<T> {
  items: T[];
}

export interface Me {
  tenant: { id: string; slug?: string; name: string } | string;
  tokenId?: string;
  role: string;
  name: string;
}

export interface InventorySummary {
  byProvider: Record<string, number>;
  byKind: Record<string, number>;
  byProviderKind: { provider: string; kind: string; count: number }[];
  byAccount: { provider: string; accountId: string; count: number }[];
}

export interface ChokePoint {
  assetId: string;
  name?: string | null;
  kind?: string | null;
  cuts: number;
  paths?: string[];
}

export interface FrameworkPosture {
  controls: number;
  evidenced: number;
  failing: number;
}

export interface EvaluationSummary {
  findings: { bySeverity: Partial<Record<Severity, number>>; byStatus: Record<string, number> };
  rules?: number;
  attackPaths?: number;
  frameworks?: Record<string, FrameworkPosture>;
  chokePoints?: ChokePoint[];
}

export interface Evaluation {
  id: string;
  startedAt: string;
  finishedAt?: string | null;
  summary: EvaluationSummary;
}

export interface Finding {
  id: string;
  ruleId: string;
  title: string;
  severity: Severity;
  riskScore: number;
  /** Usually sentences; tolerated as objects too (rendered through formatReason). */
  riskReasons: unknown[];
  status: string;
  assetId: string;
  assetName?: string | null;
  assetKind?: string | null;
  provider: string;
  accountId: string;
  region: string;
  controls: string[];
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface GraphEdgeDto {
  id?: string;
  kind: string;
  from: string;
  to: string;
  properties?: Record<string, unknown>;
}

export interface Remediation {
  console?: string[];
  cli?: string;
  terraform?: string;
}

export interface RuleDto {
  id: string;
  title: string;
  severity: Severity;
  rationale?: string;
  remediation?: Remediation;
  references?: string[];
  /** Framework id → control ids the rule evidences. */
  mappings?: Record<string, string[]>;
}

export interface FindingEventDto {
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  reason: string | null;
  at: string;
}

export interface FindingDetail extends Finding {
  evidence?: {
    properties?: Record<string, unknown>;
    edges?: GraphEdgeDto[];
    related?: string[];
    [key: string]: unknown;
  };
  rule?: RuleDto | null;
  history?: FindingEventDto[];
  suppressReason?: string | null;
  suppressedBy?: string | null;
  suppressedUntil?: string | null;
}

export interface Asset {
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
}

export interface AssetDetail extends Asset {
  properties: Record<string, unknown>;
  neighbourhood?: { assets: Asset[]; edges: GraphEdgeDto[] };
  findings?: Finding[];
}

export interface Hop {
  assetId: string;
  kind?: string;
  name?: string;
  /** The edge kind that leads INTO this hop (absent on the entry). */
  via?: string | null;
}

export interface AttackPath {
  id: string;
  entryId: string;
  targetId: string;
  entryName?: string | null;
  targetName?: string | null;
  length: number;
  likelihood: number;
  impact: number;
  score: number;
  status: string;
  hops: Hop[];
}

export interface FrameworkSummary {
  id: string;
  title: string;
  version?: string | null;
  controls: number;
  /** Controls that configuration can evidence (everything but `not-evidenceable`). */
  evidenced: number;
  failing: number;
  passing?: number;
}

export type ControlStatus = 'pass' | 'fail' | 'no-data' | 'not-evaluated' | 'not-evidenceable';

export interface ControlDto {
  id: string;
  title: string;
  status: ControlStatus;
  rules: string[];
  failing: number;
  suppressed?: number;
  passing: number;
  reason?: string;
}

export interface FrameworkDetail {
  id: string;
  title: string;
  version?: string | null;
  controls: ControlDto[];
}

export interface ScanTaskDto {
  accountId: string;
  region: string;
  service: string;
  status: string;
  attempts: number;
  error: string | null;
  throttled: number;
}

export interface Scan {
  id: string;
  status: string;
  trigger: string;
  tasksTotal: number;
  tasksDone: number;
  tasksFailed: number;
  assetsSeen: number;
  edgesSeen: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error?: string | null;
  tasks?: ScanTaskDto[];
}

export interface ScheduleDto {
  id: string;
  name: string;
  cron: string;
  timezone?: string;
  createdAt?: string;
  enabled?: boolean;
  lastRunAt?: string | null;
  scope?: Record<string, unknown>;
}

export interface CloudAccountDto {
  id: string;
  provider: string;
  externalId: string;
  name: string;
  enabled?: boolean;
  parentExternalId?: string | null;
  connection?: Record<string, unknown>;
  createdAt?: string;
}

export interface ApiTokenDto {
  id: string;
  name: string;
  role: string;
  prefix?: string;
  createdAt: string;
  lastUsedAt?: string | null;
  expiresAt?: string | null;
  revokedAt?: string | null;
}

export interface CreatedToken extends ApiTokenDto {
  token: string;
}

export const API_ROLES = ['admin', 'analyst', 'auditor', 'scanner'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export interface ScanScope {
  provider?: Provider;
  accounts?: string[];
}

export interface ConnectAccountInput {
  provider: Provider;
  externalId: string;
  name: string;
  connection?: Record<string, unknown>;
}
