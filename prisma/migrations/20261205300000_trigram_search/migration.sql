-- Text search on findings and assets (`q`) served by trigram indexes: ILIKE '%…%' no longer scans every row.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "findings_title_trgm_idx" ON "findings" USING GIN ("title" gin_trgm_ops);
CREATE INDEX "findings_rule_id_trgm_idx" ON "findings" USING GIN ("rule_id" gin_trgm_ops);
CREATE INDEX "findings_asset_id_trgm_idx" ON "findings" USING GIN ("asset_id" gin_trgm_ops);
CREATE INDEX "assets_name_trgm_idx" ON "assets" USING GIN ("name" gin_trgm_ops);
