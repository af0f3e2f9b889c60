import type { CoverageGap } from '@aispm/core';
import { sql as fragment } from 'kysely';
import type { Sql } from '../client.ts';

export interface CoverageGapRow extends CoverageGap {
  scanId: string;
}

/**
 * Records a task's coverage gaps with its write (same transaction): a task succeeds once, so its gaps are written
 * once; a replayed write replaces the counts instead of adding to them.
 */
export async function recordCoverageGaps(
  sql: Sql,
  tenantId: string,
  scanId: string,
  gaps: readonly CoverageGap[],
): Promise<void> {
  if (gaps.length === 0) return;
  await sql.kysely
    .insertInto('coverage_gaps')
    .values(
      gaps.map((g) => ({
        tenant_id: tenantId,
        scan_id: scanId,
        provider: g.provider,
        account_id: g.accountId,
        region: g.region,
        service: g.service,
        operation: g.operation,
        permission: g.permission,
        error_code: g.errorCode,
        scope: g.scope,
        count: g.count,
        message: g.message,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['scan_id', 'provider', 'account_id', 'region', 'service', 'operation', 'error_code'])
        .doUpdateSet((eb) => ({
          count: eb.ref('excluded.count'),
          permission: eb.ref('excluded.permission'),
          scope: eb.ref('excluded.scope'),
          message: eb.ref('excluded.message'),
        })),
    )
    .execute();
}

/** A scan's coverage gaps of one tenant, in a stable order (provider, account, region, service, operation). */
export async function listCoverageGaps(
  sql: Sql,
  tenantId: string,
  scanId: string,
): Promise<CoverageGapRow[]> {
  const rows = await sql.kysely
    .selectFrom('coverage_gaps')
    .select([
      'scan_id',
      'provider',
      'account_id',
      'region',
      'service',
      'operation',
      'permission',
      'error_code',
      'scope',
      'count',
      'message',
    ])
    .where('tenant_id', '=', tenantId)
    .where('scan_id', '=', scanId)
    .orderBy('provider')
    .orderBy('account_id')
    .orderBy('region')
    .orderBy('service')
    .orderBy('operation')
    .orderBy('error_code')
    .execute();
  return rows.map((r) => ({
    scanId: r.scan_id,
    // Written from a CoverageGap (above): the provider and scope vocabularies are the core's.
    provider: r.provider as CoverageGap['provider'],
    accountId: r.account_id,
    region: r.region,
    service: r.service,
    operation: r.operation,
    permission: r.permission,
    errorCode: r.error_code,
    scope: r.scope as CoverageGap['scope'],
    count: r.count,
    message: r.message,
  }));
}

/** How many gaps a scan recorded (finalize marks a scan with gaps `partial`). */
export async function countCoverageGaps(sql: Sql, scanId: string): Promise<number> {
  const row = await sql.kysely
    .selectFrom('coverage_gaps')
    .select(fragment<number>`count(*)::int`.as('n'))
    .where('scan_id', '=', scanId)
    .executeTakeFirst();
  return row?.n ?? 0;
}

/**
 * Tasks of a scan that lost a whole listing (a `list` gap): `provider|account|region|service` keys. Such a task
 * succeeded but did not see everything it owns, so reconciling it would mark what it could not list as removed.
 */
export async function tasksWithListGaps(sql: Sql, scanId: string): Promise<Set<string>> {
  const rows = await sql.kysely
    .selectFrom('coverage_gaps')
    .select(['provider', 'account_id', 'region', 'service'])
    .distinct()
    .where('scan_id', '=', scanId)
    .where('scope', '=', 'list')
    .execute();
  return new Set(rows.map((r) => listGapTaskKey(r.provider, r.account_id, r.region, r.service)));
}

export function listGapTaskKey(provider: string, accountId: string, region: string, service: string): string {
  return `${provider}\u0000${accountId}\u0000${region}\u0000${service}`;
}
