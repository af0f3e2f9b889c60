import type { Db } from '@aispm/db';
import { RULES } from '@aispm/policy';

/**
 * `findings` findings (and 2,000 buckets for the asset-name join, and the finished evaluation that saw them) for one
 * tenant, spread over real rule ids, five
 * severities, three statuses and ten accounts, then vacuumed and analysed as autovacuum would soon after a bulk load
 * (statistics, and the GIN indexes' pending lists merged). Plain INSERTs: the finding-count triggers keep counts.
 */
export async function seedFindings(db: Db, tenantId: string, findings: number): Promise<void> {
  await db.execute(
    `INSERT INTO assets (tenant_id, id, kind, provider, account_id, region, name, native_type, source, content_hash)
     SELECT $1, 'arn:aws:s3:::bench-bucket-' || i, 'data-store', 'aws', '1111111111' || lpad((i % 10)::text, 2, '0'),
            'us-east-1', 'bench-bucket-' || i, 'AWS::S3::Bucket', 's3@us-east-1', md5(i::text)
       FROM generate_series(1, 2000) AS i`,
    [tenantId],
  );
  await db.execute(
    `INSERT INTO findings (tenant_id, fingerprint, rule_id, asset_id, provider, account_id, region, severity, risk_score,
                           title, status, controls, evidence, last_seen_at)
     SELECT $1, 'fp-' || i, ($3::text[])[i % cardinality($3::text[]) + 1], 'arn:aws:s3:::bench-bucket-' || (i % 2000 + 1), 'aws',
            '1111111111' || lpad((i % 10)::text, 2, '0'), 'us-east-1',
            (ARRAY['critical','high','medium','low','info'])[i % 5 + 1], round((random() * 10)::numeric, 2),
            ($4::text[])[i % cardinality($3::text[]) + 1], CASE WHEN i % 13 = 0 THEN 'suppressed' WHEN i % 7 = 0 THEN 'resolved' ELSE 'open' END,
            CASE WHEN i % 6 = 0 THEN ARRAY['LLM03:2025', 'AML.T0010'] WHEN i % 6 = 1 THEN ARRAY['LLM06:2025'] ELSE ARRAY[]::text[] END,
            jsonb_build_object('bucket', 'bench-bucket-' || (i % 2000 + 1)), now() - (i || ' seconds')::interval
       FROM generate_series(1, $2::int) AS i`,
    // A finding's title is its rule's, as the evaluator writes it.
    [tenantId, findings, RULES.map((r) => r.id), RULES.map((r) => r.title)],
  );
  // The evaluation that saw them: standing findings show its time as their last-seen time (the lastSeen order).
  await db.execute(
    `INSERT INTO evaluations (tenant_id, started_at, finished_at) VALUES ($1, now() - interval '1 minute', now())`,
    [tenantId],
  );
  await db.execute('VACUUM ANALYZE findings');
  await db.execute('VACUUM ANALYZE assets');
  // Write the load's dirty pages out now, not while the bench measures (the checkpointer flushing a million rows
  // cost a third of the API's throughput in the first minutes after the load).
  await db.execute('CHECKPOINT');
}
