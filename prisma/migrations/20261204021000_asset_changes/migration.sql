-- Drift: what changed on each asset, kept as changes (never snapshots). A trigger records every asset row that
-- appears, disappears or changes content, with the facts that changed (from → to), whoever writes the graph.
CREATE TABLE "asset_changes" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "asset_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "facts" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "asset_changes_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "asset_changes_tenant_id_at_idx" ON "asset_changes"("tenant_id", "at");
CREATE INDEX "asset_changes_tenant_id_asset_id_at_idx" ON "asset_changes"("tenant_id", "asset_id", "at");

-- An asset's comparable facts as one flat object: top-level properties, typed facts (`facts.x`), tags (`tags.x`),
-- name and region.
CREATE FUNCTION aispm_asset_fact_map(props JSONB, tags JSONB, name TEXT, region TEXT) RETURNS JSONB
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb) FROM (
    SELECT key AS k, value AS v FROM jsonb_each(coalesce(props, '{}'::jsonb) - 'facts')
    UNION ALL
    SELECT 'facts.' || key, value FROM jsonb_each(
      CASE WHEN jsonb_typeof(props->'facts') = 'object' THEN props->'facts' ELSE '{}'::jsonb END)
    UNION ALL
    SELECT 'tags.' || key, value FROM jsonb_each(coalesce(tags, '{}'::jsonb))
    UNION ALL SELECT 'name', to_jsonb(name)
    UNION ALL SELECT 'region', to_jsonb(region)
  ) f
$$;

-- {"fact": {"from": old, "to": new}} for every fact that differs (absent on one side: null there).
CREATE FUNCTION aispm_fact_diff(before JSONB, after JSONB) RETURNS JSONB
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(coalesce(o.key, n.key),
           jsonb_build_object('from', o.value, 'to', n.value)), '{}'::jsonb)
    FROM jsonb_each(before) o FULL JOIN jsonb_each(after) n ON o.key = n.key
   WHERE o.value IS DISTINCT FROM n.value
$$;

CREATE FUNCTION aispm_record_asset_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  what TEXT;
  diff JSONB := '{}'::jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.removed_at IS NULL THEN what := 'added'; END IF;
  ELSIF OLD.removed_at IS NULL AND NEW.removed_at IS NOT NULL THEN
    what := 'removed';
  ELSIF OLD.removed_at IS NOT NULL AND NEW.removed_at IS NULL THEN
    what := 'added';
  ELSIF NEW.removed_at IS NULL AND OLD.content_hash IS DISTINCT FROM NEW.content_hash THEN
    diff := aispm_fact_diff(
      aispm_asset_fact_map(OLD.properties, OLD.tags, OLD.name, OLD.region),
      aispm_asset_fact_map(NEW.properties, NEW.tags, NEW.name, NEW.region));
    IF diff <> '{}'::jsonb THEN what := 'changed'; END IF;
  END IF;
  IF what IS NOT NULL THEN
    INSERT INTO asset_changes (tenant_id, asset_id, kind, provider, account_id, change, facts)
    VALUES (NEW.tenant_id, NEW.id, NEW.kind, NEW.provider, NEW.account_id, what, diff);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER assets_record_change AFTER INSERT OR UPDATE ON assets
  FOR EACH ROW EXECUTE FUNCTION aispm_record_asset_change();
