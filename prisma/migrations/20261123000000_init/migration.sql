-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cloud_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parent_external_id" TEXT,
    "org_path" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "connection" JSONB NOT NULL DEFAULT '{}',
    "credentials_ciphertext" BYTEA,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cloud_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scans" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "scope" JSONB NOT NULL DEFAULT '{}',
    "tasks_total" INTEGER NOT NULL DEFAULT 0,
    "tasks_done" INTEGER NOT NULL DEFAULT 0,
    "tasks_failed" INTEGER NOT NULL DEFAULT 0,
    "assets_seen" INTEGER NOT NULL DEFAULT 0,
    "edges_seen" INTEGER NOT NULL DEFAULT 0,
    "assets_written" INTEGER NOT NULL DEFAULT 0,
    "assets_removed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "scans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scan_tasks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "scan_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "throttled" INTEGER NOT NULL DEFAULT 0,
    "assets_seen" INTEGER NOT NULL DEFAULT 0,
    "edges_seen" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "scan_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "scope" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_run_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "schedules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assets" (
    "tenant_id" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "native_type" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "content_hash" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(3),

    CONSTRAINT "assets_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "edges" (
    "tenant_id" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "from_id" TEXT NOT NULL,
    "to_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "content_hash" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(3),

    CONSTRAINT "edges_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "sightings" (
    "tenant_id" UUID NOT NULL,
    "item_type" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "last_scan_id" UUID NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sightings_pkey" PRIMARY KEY ("tenant_id","item_type","item_id")
);

-- CreateTable
CREATE TABLE "findings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "asset_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "risk_score" DOUBLE PRECISION NOT NULL,
    "risk_reasons" JSONB NOT NULL DEFAULT '[]',
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "controls" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "suppress_reason" TEXT,
    "suppressed_by" TEXT,
    "suppressed_until" TIMESTAMPTZ(3),
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "last_evaluation_id" UUID,

    CONSTRAINT "findings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "finding_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "finding_id" UUID NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "finding_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attack_paths" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "hops" JSONB NOT NULL,
    "length" INTEGER NOT NULL,
    "likelihood" DOUBLE PRECISION NOT NULL,
    "impact" DOUBLE PRECISION NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "attack_paths_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "scan_id" UUID,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "evaluations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE INDEX "cloud_accounts_tenant_id_parent_external_id_idx" ON "cloud_accounts"("tenant_id", "parent_external_id");

-- CreateIndex
CREATE UNIQUE INDEX "cloud_accounts_tenant_id_provider_external_id_key" ON "cloud_accounts"("tenant_id", "provider", "external_id");

-- CreateIndex
CREATE INDEX "scans_tenant_id_created_at_idx" ON "scans"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "scans_tenant_id_status_idx" ON "scans"("tenant_id", "status");

-- CreateIndex
CREATE INDEX "scan_tasks_tenant_id_scan_id_status_idx" ON "scan_tasks"("tenant_id", "scan_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "scan_tasks_scan_id_account_id_region_service_key" ON "scan_tasks"("scan_id", "account_id", "region", "service");

-- CreateIndex
CREATE UNIQUE INDEX "schedules_tenant_id_name_key" ON "schedules"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "assets_tenant_id_kind_idx" ON "assets"("tenant_id", "kind");

-- CreateIndex
CREATE INDEX "assets_tenant_id_provider_account_id_idx" ON "assets"("tenant_id", "provider", "account_id");

-- CreateIndex
CREATE INDEX "assets_tenant_id_region_idx" ON "assets"("tenant_id", "region");

-- CreateIndex
CREATE INDEX "assets_tenant_id_account_id_source_idx" ON "assets"("tenant_id", "account_id", "source");

-- CreateIndex
CREATE INDEX "assets_tags_idx" ON "assets" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "edges_tenant_id_from_id_idx" ON "edges"("tenant_id", "from_id");

-- CreateIndex
CREATE INDEX "edges_tenant_id_to_id_idx" ON "edges"("tenant_id", "to_id");

-- CreateIndex
CREATE INDEX "edges_tenant_id_kind_idx" ON "edges"("tenant_id", "kind");

-- CreateIndex
CREATE INDEX "edges_tenant_id_account_id_source_idx" ON "edges"("tenant_id", "account_id", "source");

-- CreateIndex
CREATE INDEX "sightings_tenant_id_last_scan_id_idx" ON "sightings"("tenant_id", "last_scan_id");

-- CreateIndex
CREATE INDEX "findings_tenant_id_status_severity_idx" ON "findings"("tenant_id", "status", "severity");

-- CreateIndex
CREATE INDEX "findings_tenant_id_risk_score_id_idx" ON "findings"("tenant_id", "risk_score" DESC, "id");

-- CreateIndex
CREATE INDEX "findings_tenant_id_rule_id_idx" ON "findings"("tenant_id", "rule_id");

-- CreateIndex
CREATE INDEX "findings_tenant_id_asset_id_idx" ON "findings"("tenant_id", "asset_id");

-- CreateIndex
CREATE INDEX "findings_tenant_id_provider_account_id_idx" ON "findings"("tenant_id", "provider", "account_id");

-- CreateIndex
CREATE INDEX "findings_controls_idx" ON "findings" USING GIN ("controls");

-- CreateIndex
CREATE UNIQUE INDEX "findings_tenant_id_fingerprint_key" ON "findings"("tenant_id", "fingerprint");

-- CreateIndex
CREATE INDEX "finding_events_tenant_id_finding_id_at_idx" ON "finding_events"("tenant_id", "finding_id", "at");

-- CreateIndex
CREATE INDEX "attack_paths_tenant_id_status_score_idx" ON "attack_paths"("tenant_id", "status", "score" DESC);

-- CreateIndex
CREATE INDEX "attack_paths_tenant_id_target_id_idx" ON "attack_paths"("tenant_id", "target_id");

-- CreateIndex
CREATE UNIQUE INDEX "attack_paths_tenant_id_fingerprint_key" ON "attack_paths"("tenant_id", "fingerprint");

-- CreateIndex
CREATE INDEX "evaluations_tenant_id_started_at_idx" ON "evaluations"("tenant_id", "started_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_tenant_id_idx" ON "api_tokens"("tenant_id");

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_at_idx" ON "audit_log"("tenant_id", "at" DESC);
