-- Phase-2 tasks look up the edges pointing at ids with a prefix (`arn:aws:s3:::`, a region's Lambda functions):
-- text_pattern_ops lets the (tenant, target) index serve those range scans under any collation, and it still
-- serves the equality lookups the old index did.
DROP INDEX "edges_tenant_id_to_id_idx";
CREATE INDEX "edges_tenant_id_to_id_idx" ON "edges"("tenant_id", "to_id" text_pattern_ops);
