import { type AiUsagePolicy, AiUsagePolicySchema } from '@aispm/core';
import type { Db, Sql } from '../client.ts';
import { isoRequired } from './read/shared.ts';

export interface StoredUsagePolicy {
  version: number;
  policy: AiUsagePolicy;
  createdBy: string;
  createdAt: string;
}

/** Whether a policy rules anything out: an empty policy (every list absent) is no policy. */
export function usagePolicyConfigured(policy: AiUsagePolicy | null | undefined): policy is AiUsagePolicy {
  return Boolean(policy && Object.values(policy).some((list) => list !== undefined));
}

/** The tenant's AI usage policy in force (its newest version), or null when none was ever set. */
export async function getUsagePolicy(sql: Sql, tenantId: string): Promise<StoredUsagePolicy | null> {
  const row = await sql.kysely
    .selectFrom('ai_usage_policies')
    .select(['version', 'policy', 'created_by', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    version: row.version,
    // Stored only after the API or CLI validated it; parsed again so a hand-edited row cannot reach the rules.
    policy: AiUsagePolicySchema.parse(row.policy),
    createdBy: row.created_by,
    createdAt: isoRequired(row.created_at),
  };
}

/**
 * Puts a new version of the tenant's AI usage policy in force (versions are kept, never rewritten). Writers of one
 * tenant take turns, so two changes at once get consecutive versions instead of one failing.
 */
export async function setUsagePolicy(
  db: Db,
  tenantId: string,
  policy: AiUsagePolicy,
  createdBy: string,
): Promise<StoredUsagePolicy> {
  const valid = AiUsagePolicySchema.parse(policy);
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('aispm-usage-policy:' || $1))`, [tenantId]);
    const row = await tx.kysely
      .insertInto('ai_usage_policies')
      .columns(['tenant_id', 'version', 'policy', 'created_by'])
      .expression((eb) =>
        eb
          .selectFrom('ai_usage_policies')
          .select([
            eb.val(tenantId).as('tenant_id'),
            eb(eb.fn.coalesce(eb.fn.max('version'), eb.lit(0)), '+', 1).as('version'),
            eb.val(JSON.stringify(valid)).as('policy'),
            eb.val(createdBy).as('created_by'),
          ])
          .where('tenant_id', '=', tenantId),
      )
      .returning(['version', 'created_at'])
      .executeTakeFirstOrThrow();
    return { version: row.version, policy: valid, createdBy, createdAt: isoRequired(row.created_at) };
  });
}
