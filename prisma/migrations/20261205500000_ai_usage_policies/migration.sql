-- A tenant's AI usage policy, versioned (a change is a new version; the newest is in force). Changes go through the
-- API or the CLI, which write the audit log.
CREATE TABLE "ai_usage_policies" (
    "tenant_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "policy" JSONB NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_usage_policies_pkey" PRIMARY KEY ("tenant_id","version")
);
