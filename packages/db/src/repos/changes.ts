import type { ScanScope } from '@aispm/core';
import type { Sql } from '../client.ts';
import { iso, isoRequired } from './read/shared.ts';

export interface FactChange {
  from: unknown;
  to: unknown;
}

export interface AssetDrift {
  assetId: string;
  name: string | null;
  kind: string;
  provider: string;
  accountId: string;
  change: 'added' | 'removed' | 'changed';
  /** For `changed`: the facts that differ between the two scans (first value → last value). */
  facts: Record<string, FactChange>;
}

export interface FindingDrift {
  findingId: string;
  ruleId: string;
  title: string;
  severity: string;
  assetId: string;
  change: 'opened' | 'resolved' | 'reopened';
}

export interface PathDrift {
  pathId: string;
  entryId: string;
  targetId: string;
  length: number;
  score: number;
  change: 'new' | 'gone';
}

export interface ChokePointDrift {
  assetId: string;
  change: 'new' | 'gone' | 'moved';
  cutsBefore: number;
  cutsAfter: number;
}

export interface ScanChanges {
  scanId: string;
  /** The previous successful scan of the same scope the changes are counted against (null: the first one). */
  previousScanId: string | null;
  from: string | null;
  to: string;
  assets: AssetDrift[];
  findings: FindingDrift[];
  attackPaths: PathDrift[];
  chokePoints: ChokePointDrift[];
  counts: Record<string, number>;
}

interface ScanRow {
  id: string;
  scope: ScanScope;
  status: string;
  finished_at: Date | null;
}

const SETTLED = ['succeeded', 'partial'];

/** The previous successful scan of the same scope finished before `scan`, or null. */
async function previousScan(sql: Sql, tenantId: string, scan: ScanRow): Promise<ScanRow | null> {
  const [row] = await sql.query<ScanRow>(
    `SELECT id, scope, status, finished_at FROM scans
      WHERE tenant_id = $1 AND status = ANY($2) AND scope = $3::jsonb AND finished_at < $4 AND id <> $5
      ORDER BY finished_at DESC LIMIT 1`,
    [tenantId, SETTLED, JSON.stringify(scan.scope ?? {}), scan.finished_at, scan.id],
  );
  return row ?? null;
}

/** The evaluation that followed a scan (the newest, if it was re-run). */
async function evaluationOf(sql: Sql, tenantId: string, scanId: string) {
  const [row] = await sql.query<{
    id: string;
    finished_at: Date | null;
    summary: { chokePoints?: { assetId: string; cuts: number }[] };
  }>(
    `SELECT id, finished_at, summary FROM evaluations
      WHERE tenant_id = $1 AND scan_id = $2 AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1`,
    [tenantId, scanId],
  );
  return row ?? null;
}

/** Net change per asset over a window: added-then-removed cancels out, facts keep their first and last value. */
function netAssetChanges(
  rows: {
    asset_id: string;
    kind: string;
    provider: string;
    account_id: string;
    change: AssetDrift['change'];
    facts: Record<string, FactChange>;
    name: string | null;
  }[],
): AssetDrift[] {
  const byAsset = new Map<string, typeof rows>();
  for (const r of rows) byAsset.set(r.asset_id, [...(byAsset.get(r.asset_id) ?? []), r]);
  const out: AssetDrift[] = [];
  for (const [assetId, list] of byAsset) {
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const base = {
      assetId,
      name: last.name,
      kind: last.kind,
      provider: last.provider,
      accountId: last.account_id,
    };
    if (first.change === 'added' && last.change === 'removed') continue;
    if (first.change === 'added') out.push({ ...base, change: 'added', facts: {} });
    else if (last.change === 'removed') out.push({ ...base, change: 'removed', facts: {} });
    else {
      const facts: Record<string, FactChange> = {};
      for (const r of list) {
        for (const [key, c] of Object.entries(r.facts ?? {}))
          facts[key] = { from: facts[key]?.from ?? c.from, to: c.to };
      }
      for (const [key, c] of Object.entries(facts))
        if (JSON.stringify(c.from) === JSON.stringify(c.to)) delete facts[key];
      if (Object.keys(facts).length > 0) out.push({ ...base, change: 'changed', facts });
    }
  }
  return out.sort((a, b) => a.change.localeCompare(b.change) || a.assetId.localeCompare(b.assetId));
}

/**
 * What changed between a scan and the previous successful scan of the same scope: assets (from the change log the
 * `assets` trigger keeps), findings (their lifecycle events), attack paths and choke points (the two evaluations).
 * Null when the scan does not exist for the tenant or has not finished.
 */
export async function scanChanges(
  sql: Sql,
  tenantId: string,
  scanId: string,
  options: { baselineScanId?: string } = {},
): Promise<ScanChanges | null> {
  const scanRow = (id: string) =>
    sql
      .query<ScanRow>('SELECT id, scope, status, finished_at FROM scans WHERE tenant_id = $1 AND id = $2', [
        tenantId,
        id,
      ])
      .then((rows) => rows[0]);
  const scan = await scanRow(scanId);
  if (!scan?.finished_at) return null;
  // A baseline given by the caller (`changes --since`) replaces the previous scan of the same scope.
  const previous = options.baselineScanId
    ? ((await scanRow(options.baselineScanId)) ?? null)
    : await previousScan(sql, tenantId, scan);
  const empty = { assets: [], findings: [], attackPaths: [], chokePoints: [] };
  if (!previous?.finished_at) {
    return {
      scanId,
      previousScanId: null,
      from: null,
      to: isoRequired(scan.finished_at),
      ...empty,
      counts: {},
    };
  }
  const scope = scan.scope ?? {};
  const assetRows = await sql.query<Parameters<typeof netAssetChanges>[0][number]>(
    `SELECT c.asset_id, c.kind, c.provider, c.account_id, c.change, c.facts, a.name
       FROM asset_changes c LEFT JOIN assets a ON a.tenant_id = c.tenant_id AND a.id = c.asset_id
      WHERE c.tenant_id = $1 AND c.at > $2 AND c.at <= $3
        AND ($4::text IS NULL OR c.provider = $4) AND ($5::text[] IS NULL OR c.account_id = ANY($5))
      ORDER BY c.id`,
    [tenantId, previous.finished_at, scan.finished_at, scope.provider ?? null, scope.accounts ?? null],
  );
  const after = await evaluationOf(sql, tenantId, scan.id);
  const before = await evaluationOf(sql, tenantId, previous.id);
  // Findings and paths change when the scan's evaluation runs, after the scan finished.
  const windowStart = before?.finished_at ?? previous.finished_at;
  const windowEnd = after?.finished_at ?? scan.finished_at;
  const findings = await sql.query<FindingDrift>(
    `SELECT f.id AS "findingId", f.rule_id AS "ruleId", f.title, f.severity, f.asset_id AS "assetId",
            CASE WHEN e.to_status = 'open' THEN 'opened' ELSE e.to_status END AS change
       FROM finding_events e JOIN findings f ON f.id = e.finding_id
      WHERE e.tenant_id = $1 AND e.at > $2 AND e.at <= $3
        AND ((e.to_status = 'open' AND e.from_status IS NULL) OR e.to_status IN ('resolved', 'reopened'))
        AND ($4::text IS NULL OR f.provider = $4) AND ($5::text[] IS NULL OR f.account_id = ANY($5))
      ORDER BY e.at, f.id`,
    [tenantId, windowStart, windowEnd, scope.provider ?? null, scope.accounts ?? null],
  );
  const paths = await sql.query<PathDrift>(
    `SELECT id AS "pathId", entry_id AS "entryId", target_id AS "targetId", length, score,
            CASE WHEN first_seen_at > $2 AND first_seen_at <= $3 THEN 'new' ELSE 'gone' END AS change
       FROM attack_paths
      WHERE tenant_id = $1 AND ((first_seen_at > $2 AND first_seen_at <= $3)
         OR (status = 'resolved' AND resolved_at > $2 AND resolved_at <= $3))
      ORDER BY score DESC, id`,
    [tenantId, windowStart, windowEnd],
  );
  const cutsBefore = new Map((before?.summary.chokePoints ?? []).map((c) => [c.assetId, c.cuts]));
  const cutsAfter = new Map((after?.summary.chokePoints ?? []).map((c) => [c.assetId, c.cuts]));
  const chokePoints: ChokePointDrift[] = [];
  for (const id of new Set([...cutsBefore.keys(), ...cutsAfter.keys()])) {
    const b = cutsBefore.get(id) ?? 0;
    const a = cutsAfter.get(id) ?? 0;
    if (a === b) continue;
    chokePoints.push({
      assetId: id,
      change: b === 0 ? 'new' : a === 0 ? 'gone' : 'moved',
      cutsBefore: b,
      cutsAfter: a,
    });
  }
  chokePoints.sort((x, y) => x.assetId.localeCompare(y.assetId));
  const assets = netAssetChanges(assetRows);
  const counts: Record<string, number> = {};
  for (const [group, list] of [
    ['assets', assets],
    ['findings', findings],
    ['attackPaths', paths],
    ['chokePoints', chokePoints],
  ] as const) {
    for (const item of list) counts[`${group}.${item.change}`] = (counts[`${group}.${item.change}`] ?? 0) + 1;
  }
  return {
    scanId,
    previousScanId: previous.id,
    from: iso(previous.finished_at),
    to: isoRequired(scan.finished_at),
    assets,
    findings,
    attackPaths: paths,
    chokePoints,
    counts,
  };
}

/** The newest finished (succeeded or partial) scan of the tenant, or null. */
export async function latestFinishedScan(sql: Sql, tenantId: string): Promise<string | null> {
  const [row] = await sql.query<{ id: string }>(
    `SELECT id FROM scans WHERE tenant_id = $1 AND status = ANY($2) ORDER BY finished_at DESC LIMIT 1`,
    [tenantId, SETTLED],
  );
  return row?.id ?? null;
}

/** The newest finished scan at or before `at` (for `changes --since <date>`), or null. */
export async function lastScanBefore(sql: Sql, tenantId: string, at: Date): Promise<string | null> {
  const [row] = await sql.query<{ id: string }>(
    `SELECT id FROM scans WHERE tenant_id = $1 AND status = ANY($2) AND finished_at <= $3
      ORDER BY finished_at DESC LIMIT 1`,
    [tenantId, SETTLED, at],
  );
  return row?.id ?? null;
}

/** An asset's fact history, newest first. */
export async function assetHistory(
  sql: Sql,
  tenantId: string,
  assetId: string,
  limit = 100,
): Promise<{ change: string; facts: Record<string, FactChange>; at: string }[]> {
  const rows = await sql.query<{ change: string; facts: Record<string, FactChange>; at: Date }>(
    `SELECT change, facts, at FROM asset_changes WHERE tenant_id = $1 AND asset_id = $2
      ORDER BY id DESC LIMIT $3`,
    [tenantId, assetId, limit],
  );
  return rows.map((r) => ({ change: r.change, facts: r.facts, at: isoRequired(r.at) }));
}

/** Drops asset changes older than the retention (days); returns how many went. */
export async function pruneAssetChanges(sql: Sql, tenantId: string, retentionDays: number): Promise<number> {
  return sql.execute(
    `DELETE FROM asset_changes WHERE tenant_id = $1 AND at < now() - make_interval(days => $2::int)`,
    [tenantId, retentionDays],
  );
}
