-- Finding counts per (tenant, rule, severity, status), maintained by the database itself: compliance status and
-- the metrics gauges read a few hundred rows instead of counting every finding on each request (a million
-- findings made that a full scan). Statement-level triggers see a statement's rows as transition tables, so a
-- bulk evaluation adds its counts in one grouped statement, however many rows it wrote.
CREATE TABLE "finding_counts" (
    "tenant_id" UUID NOT NULL,
    "rule_id" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "finding_counts_pkey" PRIMARY KEY ("tenant_id","rule_id","severity","status")
);

-- Old rows count -1 and new rows +1, summed per key in one sorted statement: every writer locks the count rows
-- in key order, so a suppress and an unsuppress racing on the same rule cannot deadlock.
CREATE FUNCTION aispm_apply_finding_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO finding_counts AS c (tenant_id, rule_id, severity, status, count)
    SELECT tenant_id, rule_id, severity, status, count(*)::int FROM new_rows
     GROUP BY tenant_id, rule_id, severity, status
     ORDER BY tenant_id, rule_id, severity, status
    ON CONFLICT (tenant_id, rule_id, severity, status) DO UPDATE SET count = c.count + EXCLUDED.count;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE finding_counts AS c SET count = c.count - d.n
      FROM (SELECT tenant_id, rule_id, severity, status, count(*)::int AS n FROM old_rows
             GROUP BY tenant_id, rule_id, severity, status) d
     WHERE (c.tenant_id, c.rule_id, c.severity, c.status) = (d.tenant_id, d.rule_id, d.severity, d.status);
  ELSE
    INSERT INTO finding_counts AS c (tenant_id, rule_id, severity, status, count)
    SELECT tenant_id, rule_id, severity, status, sum(delta)::int FROM (
        SELECT tenant_id, rule_id, severity, status, -1 AS delta FROM old_rows
        UNION ALL
        SELECT tenant_id, rule_id, severity, status, 1 FROM new_rows) d
     GROUP BY tenant_id, rule_id, severity, status
    HAVING sum(delta) <> 0
     ORDER BY tenant_id, rule_id, severity, status
    ON CONFLICT (tenant_id, rule_id, severity, status) DO UPDATE SET count = c.count + EXCLUDED.count;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "findings_counts_insert" AFTER INSERT ON "findings"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aispm_apply_finding_counts();
CREATE TRIGGER "findings_counts_update" AFTER UPDATE ON "findings"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aispm_apply_finding_counts();
CREATE TRIGGER "findings_counts_delete" AFTER DELETE ON "findings"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aispm_apply_finding_counts();

INSERT INTO "finding_counts" ("tenant_id", "rule_id", "severity", "status", "count")
SELECT "tenant_id", "rule_id", "severity", "status", count(*)::int FROM "findings"
 GROUP BY "tenant_id", "rule_id", "severity", "status";
