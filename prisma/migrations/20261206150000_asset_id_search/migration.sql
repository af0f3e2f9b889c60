-- Text search finds a finding by its asset through the assets table (id or name), then the finding by its asset id:
-- a million findings share a few thousand assets, and an ARN's trigrams ("arn", ":aw", "s3:"…) are in nearly every
-- row, so matching `findings.asset_id` by trigram read posting lists of the whole table (about 1 s per search at 1M
-- findings). The assets' id index serves the same search over far fewer rows, and findings lose an index to maintain.
DROP INDEX IF EXISTS "findings_asset_id_trgm_idx";
CREATE INDEX "assets_id_trgm_idx" ON "assets" USING GIN ("id" gin_trgm_ops);
