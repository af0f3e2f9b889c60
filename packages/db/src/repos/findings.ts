import { createHash } from 'node:crypto';
import type { FindingDraft } from '@aispm/core';
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db, Sql } from '../client.ts';
import { copyLine, pgTextArray } from '../copy-text.ts';
import { columnOf, countInt, type DB, recordsetColumns } from '../kysely.ts';
import type {
  FindingEvent as FindingEventTable,
  Finding as FindingTable,
} from '../schema/generated/tables.ts';
import { stagedMerge } from '../staged-merge.ts';

export type { FindingDraft };

export const FINDING_STATUSES = ['open', 'resolved', 'reopened', 'suppressed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
/** Statuses of a finding that still stands (suppressed included: it fails, but is accepted for now). */
export const ACTIVE_FINDING_STATUSES = [
  'open',
  'reopened',
  'suppressed',
] as const satisfies readonly FindingStatus[];
const ACTIVE_SQL = ACTIVE_FINDING_STATUSES.map((status) => `'${status}'`).join(', ');

export interface Finding extends FindingDraft {
  id: string;
  status: FindingStatus;
  suppressReason: string | null;
  suppressedBy: string | null;
  suppressedUntil: Date | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  lastEvaluationId: string | null;
}

export interface FindingEvent {
  id: string;
  findingId: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  reason: string | null;
  at: Date;
}

export interface SyncFindingsResult {
  opened: number;
  reopened: number;
  resolved: number;
  unsuppressed: number;
  seen: number;
}

/**
 * Findings per COPY into the stage and per merge statement: large enough to amortise the statements, small enough
 * that this process prepares the next chunk while the server merges one.
 */
export const FINDINGS_BATCH_SIZE = 20_000;

/**
 * Column names in the bulk statements below, checked against the generated tables: renaming a column in
 * schema.prisma without updating these statements fails the typecheck.
 */
const c = columnOf<FindingTable & FindingEventTable>();

/**
 * An evaluation's findings are staged chunk by chunk in a temporary table of the transaction (`COPY … FROM
 * STDIN`: no WAL, no JSON to parse), then merged by the statements below.
 */
const STAGE_COLUMNS = recordsetColumns<FindingTable>()({
  fingerprint: 'text',
  rule_id: 'text',
  asset_id: 'text',
  provider: 'text',
  account_id: 'text',
  region: 'text',
  severity: 'text',
  risk_score: 'double precision',
  risk_reasons: 'jsonb',
  title: 'text',
  controls: 'text[]',
  evidence: 'jsonb',
  content_hash: 'text',
});
type StageRow = Record<(typeof STAGE_COLUMNS.names)[number], unknown>;
const CREATE_STAGE = `CREATE TEMPORARY TABLE finding_stage (${STAGE_COLUMNS.definition}) ON COMMIT DROP`;
const COPY_STAGE = `COPY finding_stage (${STAGE_COLUMNS.list}) FROM STDIN`;

/**
 * What the evaluation saw failing, with each finding's content hash, plus the not-evaluated pairs (no hash) whose
 * findings stay as they are: a temporary table of the transaction, filled by one COPY, that unchanged findings are
 * recognised in and unseen findings are resolved against.
 */
const CREATE_SEEN = `CREATE TEMPORARY TABLE seen_findings (${c('fingerprint')} text, ${c('content_hash')} text) ON COMMIT DROP`;
const INDEX_SEEN = `CREATE INDEX ON seen_findings (${c('fingerprint')})`;
const COPY_SEEN = `COPY seen_findings (${c('fingerprint')}, ${c('content_hash')}) FROM STDIN`;

/**
 * The seen findings that need a write: new, changed or resolved before. Those stored with the same content (and
 * not resolved) are neither staged, updated nor locked, so an unchanged estate writes no finding row; their
 * last-seen time is the evaluation's (the read model takes it from there).
 */
const NEEDING_WRITE = `
SELECT s.${c('fingerprint')} FROM seen_findings s
 WHERE s.${c('content_hash')} IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM findings f
                    WHERE f.${c('tenant_id')} = $1 AND f.${c('fingerprint')} = s.${c('fingerprint')}
                      AND f.${c('content_hash')} = s.${c('content_hash')} AND f.${c('status')} <> 'resolved')`;

/**
 * New findings, and existing ones whose content or status changes, written in one statement from the stage, in
 * fingerprint order (one lock order for every writer). `$1` tenant, `$2` evaluation, `$3` time, `$4` actor.
 */
const MERGE_STAGE = `
WITH input AS (
  SELECT * FROM finding_stage
),
prev AS (
  SELECT f.${c('fingerprint')}, f.${c('status')} FROM findings f JOIN input i ON f.${c('tenant_id')} = $1 AND f.${c('fingerprint')} = i.${c('fingerprint')}
),
up AS (
  INSERT INTO findings AS f (${c('tenant_id')}, ${c('fingerprint')}, ${c('rule_id')}, ${c('asset_id')}, ${c('provider')}, ${c('account_id')}, ${c('region')}, ${c('severity')},
                             ${c('risk_score')}, ${c('risk_reasons')}, ${c('title')}, ${c('controls')}, ${c('evidence')}, ${c('content_hash')}, ${c('status')}, ${c('first_seen_at')},
                             ${c('last_seen_at')}, ${c('last_evaluation_id')})
  SELECT $1, ${c('fingerprint')}, ${c('rule_id')}, ${c('asset_id')}, ${c('provider')}, ${c('account_id')}, ${c('region')}, ${c('severity')}, ${c('risk_score')}, ${c('risk_reasons')}, ${c('title')},
         ${c('controls')}, ${c('evidence')}, ${c('content_hash')}, 'open', $3, $3, $2
    FROM input ORDER BY ${c('fingerprint')} COLLATE "C"
  ON CONFLICT (${c('tenant_id')}, ${c('fingerprint')}) DO UPDATE SET
    ${c('severity')} = EXCLUDED.${c('severity')},
    ${c('risk_score')} = EXCLUDED.${c('risk_score')},
    ${c('risk_reasons')} = EXCLUDED.${c('risk_reasons')},
    ${c('title')} = EXCLUDED.${c('title')},
    ${c('controls')} = EXCLUDED.${c('controls')},
    ${c('evidence')} = EXCLUDED.${c('evidence')},
    ${c('content_hash')} = EXCLUDED.${c('content_hash')},
    ${c('last_seen_at')} = EXCLUDED.${c('last_seen_at')},
    ${c('last_evaluation_id')} = EXCLUDED.${c('last_evaluation_id')},
    ${c('status')} = CASE WHEN f.${c('status')} = 'resolved' THEN 'reopened' ELSE f.${c('status')} END,
    ${c('resolved_at')} = CASE WHEN f.${c('status')} = 'resolved' THEN NULL ELSE f.${c('resolved_at')} END
  RETURNING f.${c('id')}, f.${c('fingerprint')}, f.${c('status')}
),
ev AS (
  INSERT INTO finding_events (${c('tenant_id')}, ${c('finding_id')}, ${c('from_status')}, ${c('to_status')}, ${c('actor')}, ${c('reason')}, ${c('at')})
  SELECT $1, up.${c('id')}, prev.${c('status')}, up.${c('status')}, $4, CASE WHEN prev.${c('status')} IS NULL THEN 'first detected' ELSE 'failing again' END, $3
    FROM up LEFT JOIN prev ON prev.${c('fingerprint')} = up.${c('fingerprint')}
   WHERE prev.${c('status')} IS DISTINCT FROM up.${c('status')}
  RETURNING ${c('to_status')}
)
SELECT count(*) FILTER (WHERE ${c('to_status')} = 'open')::int AS opened,
       count(*) FILTER (WHERE ${c('to_status')} = 'reopened')::int AS reopened
  FROM ev`;

/** Suppressions past their expiry return to open (or reopened when the finding was ever resolved). */
const EXPIRE_SUPPRESSIONS = `
WITH expired AS (
  UPDATE findings f SET
    ${c('status')} = CASE WHEN EXISTS (SELECT 1 FROM finding_events e WHERE e.${c('tenant_id')} = f.${c('tenant_id')} AND e.${c('finding_id')} = f.${c('id')}
                                AND e.${c('to_status')} = 'resolved') THEN 'reopened' ELSE 'open' END,
    ${c('suppress_reason')} = NULL, ${c('suppressed_by')} = NULL, ${c('suppressed_until')} = NULL
  WHERE f.${c('tenant_id')} = $1 AND f.${c('status')} = 'suppressed' AND f.${c('suppressed_until')} IS NOT NULL AND f.${c('suppressed_until')} <= $2
  RETURNING f.${c('id')}, f.${c('status')}
)
INSERT INTO finding_events (${c('tenant_id')}, ${c('finding_id')}, ${c('from_status')}, ${c('to_status')}, ${c('actor')}, ${c('reason')}, ${c('at')})
SELECT $1, ${c('id')}, 'suppressed', ${c('status')}, $3, 'suppression expired', $2 FROM expired`;

/** Findings not seen by this evaluation are fixed: resolve them (suppressed ones too: nothing left to hide). */
const RESOLVE_UNSEEN = `
WITH gone AS (
  UPDATE findings f SET ${c('status')} = 'resolved', ${c('resolved_at')} = $2,
         ${c('suppress_reason')} = NULL, ${c('suppressed_by')} = NULL, ${c('suppressed_until')} = NULL
    FROM findings old
   WHERE old.${c('tenant_id')} = f.${c('tenant_id')} AND old.${c('id')} = f.${c('id')}
     AND f.${c('tenant_id')} = $1 AND f.${c('status')} IN (${ACTIVE_SQL})
     AND NOT EXISTS (SELECT 1 FROM seen_findings s WHERE s.fingerprint = f.${c('fingerprint')})
  RETURNING f.${c('id')}, old.${c('status')} AS ${c('from_status')}
)
INSERT INTO finding_events (${c('tenant_id')}, ${c('finding_id')}, ${c('from_status')}, ${c('to_status')}, ${c('actor')}, ${c('reason')}, ${c('at')})
SELECT $1, ${c('id')}, ${c('from_status')}, 'resolved', $3, 'no longer failing', $2 FROM gone`;

/**
 * What an evaluation writes for a finding, hashed (the rest of the row is its identity or its lifecycle). Plain
 * JSON, not canonical: the same rules build the same evidence in the same key order, and a hash that differs for
 * equal content only costs one full comparison in the upsert, never a wrong skip.
 */
function findingContentHash(d: FindingDraft): string {
  return createHash('sha256')
    .update(JSON.stringify([d.severity, d.riskScore, d.riskReasons, d.title, d.controls, d.evidence ?? {}]))
    .digest('base64');
}

function stageRow(d: FindingDraft, contentHash: string): StageRow {
  return {
    fingerprint: d.fingerprint,
    rule_id: d.ruleId,
    asset_id: d.assetId,
    provider: d.provider,
    account_id: d.accountId,
    region: d.region,
    severity: d.severity,
    risk_score: d.riskScore,
    risk_reasons: d.riskReasons,
    title: d.title,
    controls: pgTextArray(d.controls),
    evidence: d.evidence ?? {},
    content_hash: contentHash,
  };
}

/**
 * Serializes the writers of a tenant's evaluation results (the API's POST /evaluations, the worker's post-scan
 * evaluation, the CLI): concurrent evaluations wait their turn instead of deadlocking on each other's rows.
 */
export async function lockTenantEvaluation(tx: Sql, tenantId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('aispm-evaluation:' || $1))`, [tenantId]);
}

/**
 * Brings the findings table in line with one evaluation's failing (rule, asset) pairs: new ones open,
 * resolved ones that fail again reopen, ones no longer failing resolve, expired suppressions lift. Every
 * status change is written to finding_events. Running it again with the same drafts changes no status, writes no
 * event and writes no finding row (an active finding's last-seen time is the latest evaluation's: read model).
 */
export async function syncFindings(
  db: Db,
  tenantId: string,
  evaluationId: string,
  drafts: readonly FindingDraft[],
  options: {
    actor?: string;
    now?: Date;
    batchSize?: number;
    /** Fingerprints the evaluation could not evaluate: their findings neither resolve nor change. */
    notEvaluated?: readonly string[];
  } = {},
): Promise<SyncFindingsResult> {
  const actor = options.actor ?? 'aispm';
  const now = options.now ?? new Date();
  const size = options.batchSize ?? FINDINGS_BATCH_SIZE;
  const unique = new Map<string, FindingDraft>();
  for (const d of drafts) unique.set(d.fingerprint, d);
  // One key order for every writer: two transactions that lock rows in the same order cannot deadlock.
  const rows = [...unique.values()].sort((a, b) =>
    a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0,
  );
  const hashed = rows.map((draft) => ({ draft, hash: findingContentHash(draft) }));
  function* seenLines(): Generator<string> {
    for (const { draft, hash } of hashed) yield copyLine([draft.fingerprint, hash]);
    // Findings of pairs the evaluation could not evaluate (a needed fact was unknown) stay as they are.
    for (const fingerprint of options.notEvaluated ?? []) yield copyLine([fingerprint, null]);
  }
  return db.transaction(async (tx) => {
    await lockTenantEvaluation(tx, tenantId);
    const unsuppressed = await tx.execute(EXPIRE_SUPPRESSIONS, [tenantId, now, actor]);
    await tx.execute(CREATE_SEEN);
    await tx.copyFrom(COPY_SEEN, seenLines());
    // Indexed after the load (cheaper than during it): whatever plan the resolve step gets, a lookup is a probe.
    await tx.execute(INDEX_SEEN);
    await tx.execute('ANALYZE seen_findings');
    const needed = new Set(
      (await tx.query<{ fingerprint: string }>(NEEDING_WRITE, [tenantId])).map((r) => r.fingerprint),
    );
    const writes = hashed.filter((h) => needed.has(h.draft.fingerprint));
    await tx.execute(CREATE_STAGE);
    const merged = await stagedMerge(tx, {
      items: writes,
      chunkRows: size,
      stage: 'finding_stage',
      copy: COPY_STAGE,
      encode: (h) => {
        const row = stageRow(h.draft, h.hash);
        return copyLine(STAGE_COLUMNS.names.map((n) => row[n]));
      },
      merge: async (on) =>
        (
          await on.query<{ opened: number; reopened: number }>(MERGE_STAGE, [
            tenantId,
            evaluationId,
            now,
            actor,
          ])
        )[0],
    });
    const opened = merged.reduce((n, r) => n + (r?.opened ?? 0), 0);
    const reopened = merged.reduce((n, r) => n + (r?.reopened ?? 0), 0);
    const resolved = await tx.execute(RESOLVE_UNSEEN, [tenantId, now, actor]);
    return { opened, reopened, resolved, unsuppressed, seen: rows.length };
  });
}

const FINDING_COLUMNS = [
  'id',
  'fingerprint',
  'rule_id',
  'asset_id',
  'provider',
  'account_id',
  'region',
  'severity',
  'risk_score',
  'risk_reasons',
  'title',
  'status',
  'controls',
  'evidence',
  'suppress_reason',
  'suppressed_by',
  'suppressed_until',
  'first_seen_at',
  'last_seen_at',
  'resolved_at',
  'last_evaluation_id',
] as const;

function toFinding(r: Pick<Selectable<FindingTable>, (typeof FINDING_COLUMNS)[number]>): Finding {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    ruleId: r.rule_id,
    assetId: r.asset_id,
    provider: r.provider,
    accountId: r.account_id,
    region: r.region,
    severity: r.severity,
    riskScore: r.risk_score,
    riskReasons: (r.risk_reasons as string[] | null) ?? [],
    title: r.title,
    status: r.status as FindingStatus,
    controls: r.controls,
    evidence: r.evidence,
    suppressReason: r.suppress_reason,
    suppressedBy: r.suppressed_by,
    suppressedUntil: r.suppressed_until,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    resolvedAt: r.resolved_at,
    lastEvaluationId: r.last_evaluation_id,
  };
}

/** A finding of the tenant by id; an id that is not even a UUID simply matches nothing. */
function byId(eb: ExpressionBuilder<DB, 'findings'>, id: string) {
  return eb(eb.cast('id', 'text'), '=', id);
}

export async function getFinding(sql: Sql, tenantId: string, id: string): Promise<Finding | null> {
  const row = await sql.kysely
    .selectFrom('findings')
    .select(FINDING_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where((eb) => byId(eb, id))
    .executeTakeFirst();
  return row ? toFinding(row) : null;
}

export async function getFindingByFingerprint(
  sql: Sql,
  tenantId: string,
  fingerprint: string,
): Promise<Finding | null> {
  const row = await sql.kysely
    .selectFrom('findings')
    .select(FINDING_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
  return row ? toFinding(row) : null;
}

export async function listFindingEvents(
  sql: Sql,
  tenantId: string,
  findingId: string,
): Promise<FindingEvent[]> {
  const rows = await sql.kysely
    .selectFrom('finding_events')
    .select(['id', 'finding_id', 'from_status', 'to_status', 'actor', 'reason', 'at'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb(eb.cast('finding_id', 'text'), '=', findingId))
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    findingId: r.finding_id,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    actor: r.actor,
    reason: r.reason,
    at: r.at,
  }));
}

export interface SuppressInput {
  reason: string;
  by: string;
  /** When the suppression lapses; omitted = until lifted by hand. */
  until?: Date | null;
}

/** Suppresses a finding (accepted risk / false positive). Throws a clear error on bad input or unknown id. */
export async function suppressFinding(
  db: Db,
  tenantId: string,
  findingId: string,
  input: SuppressInput,
): Promise<Finding> {
  if (!input.reason?.trim()) throw new Error('a suppression needs a reason');
  if (!input.by?.trim()) throw new Error('a suppression needs the name of who suppresses it');
  if (input.until && Number.isNaN(input.until.getTime()))
    throw new Error('suppression expiry is not a valid date');
  if (input.until && input.until.getTime() <= Date.now())
    throw new Error('suppression expiry must be in the future');
  return db.transaction(async (tx) => {
    const current = await tx.kysely
      .selectFrom('findings')
      .select('status')
      .where('tenant_id', '=', tenantId)
      .where((eb) => byId(eb, findingId))
      .forUpdate()
      .executeTakeFirst();
    const from = current?.status;
    if (!from) throw new Error(`finding ${findingId} not found`);
    if (from === 'resolved') throw new Error(`finding ${findingId} is resolved: nothing to suppress`);
    await tx.kysely
      .updateTable('findings')
      .set({
        status: 'suppressed',
        suppress_reason: input.reason.trim(),
        suppressed_by: input.by.trim(),
        suppressed_until: input.until ?? null,
      })
      .where('tenant_id', '=', tenantId)
      .where((eb) => byId(eb, findingId))
      .execute();
    await tx.kysely
      .insertInto('finding_events')
      .values({
        tenant_id: tenantId,
        finding_id: findingId,
        from_status: from,
        to_status: 'suppressed',
        actor: input.by.trim(),
        reason: input.reason.trim(),
      })
      .execute();
    const f = await getFinding(tx, tenantId, findingId);
    if (!f) throw new Error(`finding ${findingId} not found`);
    return f;
  });
}

/** Lifts a suppression: back to open, or reopened when the finding was resolved at some point. */
export async function unsuppressFinding(
  db: Db,
  tenantId: string,
  findingId: string,
  actor: string,
  reason?: string,
): Promise<Finding> {
  if (!actor?.trim()) throw new Error('lifting a suppression needs the name of who lifts it');
  return db.transaction(async (tx) => {
    const row = await tx.kysely
      .selectFrom('findings as f')
      .select((eb) => [
        'f.status',
        eb
          .exists(
            eb
              .selectFrom('finding_events as e')
              .select('e.id')
              .whereRef('e.tenant_id', '=', 'f.tenant_id')
              .whereRef('e.finding_id', '=', 'f.id')
              .where('e.to_status', '=', 'resolved'),
          )
          .as('everResolved'),
      ])
      .where('f.tenant_id', '=', tenantId)
      .where((eb) => eb(eb.cast('f.id', 'text'), '=', findingId))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new Error(`finding ${findingId} not found`);
    if (row.status !== 'suppressed') throw new Error(`finding ${findingId} is ${row.status}, not suppressed`);
    const to = row.everResolved ? 'reopened' : 'open';
    await tx.kysely
      .updateTable('findings')
      .set({ status: to, suppress_reason: null, suppressed_by: null, suppressed_until: null })
      .where('tenant_id', '=', tenantId)
      .where((eb) => byId(eb, findingId))
      .execute();
    await tx.kysely
      .insertInto('finding_events')
      .values({
        tenant_id: tenantId,
        finding_id: findingId,
        from_status: 'suppressed',
        to_status: to,
        actor: actor.trim(),
        reason: reason ?? 'suppression lifted',
      })
      .execute();
    const f = await getFinding(tx, tenantId, findingId);
    if (!f) throw new Error(`finding ${findingId} not found`);
    return f;
  });
}

export interface FindingCounts {
  /** Active (open + reopened) findings per severity. */
  bySeverity: Record<string, number>;
  byStatus: Record<string, number>;
}

export async function countFindings(sql: Sql, tenantId: string): Promise<FindingCounts> {
  const rows = await sql.kysely
    .selectFrom('findings')
    .select(['status', 'severity', countInt().as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy(['status', 'severity'])
    .execute();
  const bySeverity: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    if (r.status === 'open' || r.status === 'reopened')
      bySeverity[r.severity] = (bySeverity[r.severity] ?? 0) + r.n;
  }
  return { bySeverity, byStatus };
}
