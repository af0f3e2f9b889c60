-- The findings list's severity sort on an index: the rank is a column the database generates from the severity
-- (every writer, bulk SQL included, gets it right), not a CASE evaluated for every row before the first page.
ALTER TABLE "findings" ADD COLUMN "severity_rank" INTEGER NOT NULL GENERATED ALWAYS AS (
  CASE "severity" WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 WHEN 'info' THEN 1 ELSE 0 END
) STORED;

CREATE INDEX "findings_tenant_id_severity_rank_risk_score_id_idx" ON "findings"("tenant_id", "severity_rank" DESC, "risk_score" DESC, "id");
