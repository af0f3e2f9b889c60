-- Text search (`q`) over findings' titles and rule ids goes through the (rule, title) pairs a tenant's findings
-- carry, not through trigram indexes on the findings themselves. A finding's title is its rule's, so a million
-- findings hold about a hundred distinct titles a million times over: the two trigram indexes made every first write
-- add some forty GIN entries per finding, and a search read posting lists as long as the table. The pairs are kept by
-- the database, as the finding counts are, so every writer of findings keeps them without knowing.
CREATE TABLE "finding_titles" (
    "tenant_id" UUID NOT NULL,
    "rule_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "finding_titles_pkey" PRIMARY KEY ("tenant_id","rule_id","title")
);

-- Pairs are added, never removed: a pair no finding carries any more makes a search look at that rule's findings,
-- which are then matched on their own title and rule id, so it can cost a little time but never a wrong answer.
-- Sorted, so concurrent writers of one tenant take the key locks in one order.
CREATE FUNCTION aispm_record_finding_titles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO finding_titles (tenant_id, rule_id, title)
  SELECT DISTINCT tenant_id, rule_id, title FROM new_rows
   ORDER BY tenant_id, rule_id, title
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "findings_titles_insert" AFTER INSERT ON "findings"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aispm_record_finding_titles();
CREATE TRIGGER "findings_titles_update" AFTER UPDATE ON "findings"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aispm_record_finding_titles();

INSERT INTO "finding_titles" ("tenant_id", "rule_id", "title")
SELECT DISTINCT "tenant_id", "rule_id", "title" FROM "findings";

DROP INDEX IF EXISTS "findings_title_trgm_idx";
DROP INDEX IF EXISTS "findings_rule_id_trgm_idx";
