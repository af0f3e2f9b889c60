import { sql as fragment } from 'kysely';
import type { Sql } from '../client.ts';
import { iso, isoRequired } from './read/shared.ts';
import { selectScans } from './scan-counters.ts';
import { getTenantScanRow, type ScanRow, toScanRow } from './scans.ts';

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

const SETTLED = ['succeeded', 'partial'];

/** The previous successful scan of the same scope finished before `scan`, or null. */
async function previousScan(sql: Sql, tenantId: string, scan: ScanRow): Promise<ScanRow | null> {
  const row = await selectScans(sql.kysely)
    .where('scans.tenant_id', '=', tenantId)
    .where('scans.status', 'in', SETTLED)
    .where('scans.scope', '=', fragment`${JSON.stringify(scan.scope)}::jsonb`)
    .where('scans.finished_at', '<', scan.finishedAt)
    .where('scans.id', '<>', scan.id)
    .orderBy('scans.finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toScanRow(row) : null;
}

/** The evaluation that followed a scan (the newest, if it was re-run). */
async function evaluationOf(sql: Sql, tenantId: string, scanId: string) {
  const row = await sql.kysely
    .selectFrom('evaluations')
    .select(['id', 'finished_at', 'summary'])
    .where('tenant_id', '=', tenantId)
    .where('scan_id', '=', scanId)
    .where('finished_at', 'is not', null)
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  // The summary is the evaluation's JSON, written by the evaluation service.
  return row
    ? { ...row, summary: row.summary as { chokePoints?: { assetId: string; cuts: number }[] } }
    : null;
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
/** Choke points whose cut count changed between two evaluations' summaries: new, gone or moved. */
function chokePointDrift(
  before: readonly { assetId: string; cuts: number }[],
  after: readonly { assetId: string; cuts: number }[],
): ChokePointDrift[] {
  const cutsBefore = new Map(before.map((c) => [c.assetId, c.cuts]));
  const cutsAfter = new Map(after.map((c) => [c.assetId, c.cuts]));
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
  return chokePoints;
}

export async function scanChanges(
  sql: Sql,
  tenantId: string,
  scanId: string,
  options: { baselineScanId?: string } = {},
): Promise<ScanChanges | null> {
  const scan = await getTenantScanRow(sql, tenantId, scanId);
  if (!scan?.finishedAt) return null;
  // A baseline given by the caller (`changes --since`) replaces the previous scan of the same scope.
  const previous = options.baselineScanId
    ? await getTenantScanRow(sql, tenantId, options.baselineScanId)
    : await previousScan(sql, tenantId, scan);
  const empty = { assets: [], findings: [], attackPaths: [], chokePoints: [] };
  if (!previous?.finishedAt) {
    return {
      scanId,
      previousScanId: null,
      from: null,
      to: isoRequired(scan.finishedAt),
      ...empty,
      counts: {},
    };
  }
  const { provider, accounts } = scan.scope;
  const assetRows = await sql.kysely
    .selectFrom('asset_changes as c')
    .leftJoin('assets as a', (join) =>
      join.onRef('a.tenant_id', '=', 'c.tenant_id').onRef('a.id', '=', 'c.asset_id'),
    )
    .select(['c.asset_id', 'c.kind', 'c.provider', 'c.account_id', 'c.change', 'c.facts', 'a.name'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.at', '>', previous.finishedAt)
    .where('c.at', '<=', scan.finishedAt)
    .$if(provider !== undefined, (q) => q.where('c.provider', '=', provider ?? ''))
    // `= ANY`: an empty account list matches nothing (as the scope means), where `IN ()` would not parse.
    .$if(accounts !== undefined, (q) =>
      q.where('c.account_id', '=', (eb) => eb.fn.any(eb.val(accounts ?? []))),
    )
    .orderBy('c.id')
    .execute();
  const after = await evaluationOf(sql, tenantId, scan.id);
  const before = await evaluationOf(sql, tenantId, previous.id);
  // Findings and paths change when the scan's evaluation runs, after the scan finished.
  const windowStart = before?.finished_at ?? previous.finishedAt;
  const windowEnd = after?.finished_at ?? scan.finishedAt;
  const findings: FindingDrift[] = await sql.kysely
    .selectFrom('finding_events as e')
    .innerJoin('findings as f', 'f.id', 'e.finding_id')
    .select([
      'f.id as findingId',
      'f.rule_id as ruleId',
      'f.title',
      'f.severity',
      'f.asset_id as assetId',
      fragment<FindingDrift['change']>`CASE WHEN e.to_status = 'open' THEN 'opened' ELSE e.to_status END`.as(
        'change',
      ),
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.at', '>', windowStart)
    .where('e.at', '<=', windowEnd)
    .where((eb) =>
      eb.or([
        eb.and([eb('e.to_status', '=', 'open'), eb('e.from_status', 'is', null)]),
        eb('e.to_status', 'in', ['resolved', 'reopened']),
      ]),
    )
    .$if(provider !== undefined, (q) => q.where('f.provider', '=', provider ?? ''))
    .$if(accounts !== undefined, (q) =>
      q.where('f.account_id', '=', (eb) => eb.fn.any(eb.val(accounts ?? []))),
    )
    .orderBy('e.at')
    .orderBy('f.id')
    .execute();
  const paths: PathDrift[] = await sql.kysely
    .selectFrom('attack_paths')
    .select([
      'id as pathId',
      'entry_id as entryId',
      'target_id as targetId',
      'length',
      'score',
      fragment<
        PathDrift['change']
      >`CASE WHEN first_seen_at > ${windowStart} AND first_seen_at <= ${windowEnd} THEN 'new' ELSE 'gone' END`.as(
        'change',
      ),
    ])
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb.and([eb('first_seen_at', '>', windowStart), eb('first_seen_at', '<=', windowEnd)]),
        eb.and([
          eb('status', '=', 'resolved'),
          eb('resolved_at', '>', windowStart),
          eb('resolved_at', '<=', windowEnd),
        ]),
      ]),
    )
    .orderBy('score', 'desc')
    .orderBy('id')
    .execute();
  const chokePoints = chokePointDrift(before?.summary.chokePoints ?? [], after?.summary.chokePoints ?? []);
  // The change log's trigger writes only these changes and per-fact {from, to} pairs.
  const assets = netAssetChanges(
    assetRows.map((r) => ({
      ...r,
      change: r.change as AssetDrift['change'],
      facts: r.facts as Record<string, FactChange>,
    })),
  );
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
    from: iso(previous.finishedAt),
    to: isoRequired(scan.finishedAt),
    assets,
    findings,
    attackPaths: paths,
    chokePoints,
    counts,
  };
}

/** The newest finished (succeeded or partial) scan of the tenant, or null. */
export function latestFinishedScan(sql: Sql, tenantId: string): Promise<string | null> {
  return newestSettledScan(sql, tenantId);
}

/** The newest finished scan at or before `at` (for `changes --since <date>`), or null. */
export function lastScanBefore(sql: Sql, tenantId: string, at: Date): Promise<string | null> {
  return newestSettledScan(sql, tenantId, at);
}

async function newestSettledScan(sql: Sql, tenantId: string, notAfter?: Date): Promise<string | null> {
  const row = await sql.kysely
    .selectFrom('scans')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', SETTLED)
    .$if(notAfter !== undefined, (q) => q.where('finished_at', '<=', notAfter ?? null))
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** An asset's fact history, newest first. */
export async function assetHistory(
  sql: Sql,
  tenantId: string,
  assetId: string,
  limit = 100,
): Promise<{ change: string; facts: Record<string, FactChange>; at: string }[]> {
  const rows = await sql.kysely
    .selectFrom('asset_changes')
    .select(['change', 'facts', 'at'])
    .where('tenant_id', '=', tenantId)
    .where('asset_id', '=', assetId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    change: r.change,
    facts: r.facts as Record<string, FactChange>,
    at: isoRequired(r.at),
  }));
}

/** Drops asset changes older than the retention (days); returns how many went. */
export async function pruneAssetChanges(sql: Sql, tenantId: string, retentionDays: number): Promise<number> {
  const result = await sql.kysely
    .deleteFrom('asset_changes')
    .where('tenant_id', '=', tenantId)
    .where('at', '<', fragment<Date>`now() - make_interval(days => ${retentionDays}::int)`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
