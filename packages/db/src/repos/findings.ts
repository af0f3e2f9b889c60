import type { FindingDraft } from '@aispm/core';
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { Db, Sql } from '../client.ts';
import { countInt, type DB } from '../kysely.ts';
import type { Finding as FindingTable } from '../schema/generated/tables.ts';

export type { FindingDraft };

export const FINDING_STATUSES = ['open', 'resolved', 'reopened', 'suppressed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
/** Statuses of a finding that still stands (suppressed included: it fails, but is accepted for now). */
export const ACTIVE_FINDING_STATUSES = [
  'open',
  'reopened',
  'suppressed',
] as const satisfies readonly FindingStatus[];

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
