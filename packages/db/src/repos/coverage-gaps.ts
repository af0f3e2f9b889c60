import type { CoverageGap } from '@aispm/core';
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
  await sql.query(
    `INSERT INTO coverage_gaps
       (tenant_id, scan_id, provider, account_id, region, service, operation, permission, error_code, scope, count, message)
     SELECT $1, $2, g.provider, g.account_id, g.region, g.service, g.operation, g.permission, g.error_code, g.scope,
            g.count, g.message
       FROM jsonb_to_recordset($3::jsonb) AS g(provider text, account_id text, region text, service text,
            operation text, permission text, error_code text, scope text, count int, message text)
     ON CONFLICT (scan_id, provider, account_id, region, service, operation, error_code)
     DO UPDATE SET count = EXCLUDED.count, permission = EXCLUDED.permission, scope = EXCLUDED.scope,
                   message = EXCLUDED.message`,
    [
      tenantId,
      scanId,
      JSON.stringify(
        gaps.map((g) => ({
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
      ),
    ],
  );
}

/** A scan's coverage gaps of one tenant, in a stable order (provider, account, region, service, operation). */
export async function listCoverageGaps(
  sql: Sql,
  tenantId: string,
  scanId: string,
): Promise<CoverageGapRow[]> {
  const rows = await sql.query<{
    scan_id: string;
    provider: CoverageGap['provider'];
    account_id: string;
    region: string;
    service: string;
    operation: string;
    permission: string;
    error_code: string;
    scope: CoverageGap['scope'];
    count: number;
    message: string;
  }>(
    `SELECT scan_id, provider, account_id, region, service, operation, permission, error_code, scope, count, message
       FROM coverage_gaps WHERE tenant_id = $1 AND scan_id = $2
      ORDER BY provider, account_id, region, service, operation, error_code`,
    [tenantId, scanId],
  );
  return rows.map((r) => ({
    scanId: r.scan_id,
    provider: r.provider,
    accountId: r.account_id,
    region: r.region,
    service: r.service,
    operation: r.operation,
    permission: r.permission,
    errorCode: r.error_code,
    scope: r.scope,
    count: r.count,
    message: r.message,
  }));
}

/** How many gaps a scan recorded (finalize marks a scan with gaps `partial`). */
export async function countCoverageGaps(sql: Sql, scanId: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM coverage_gaps WHERE scan_id = $1',
    [scanId],
  );
  return row?.n ?? 0;
}
