-- CreateTable
CREATE TABLE "coverage_gaps" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "scan_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "permission" TEXT NOT NULL,
    "error_code" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "message" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coverage_gaps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "coverage_gaps_tenant_id_scan_id_idx" ON "coverage_gaps"("tenant_id", "scan_id");

-- CreateIndex
CREATE UNIQUE INDEX "coverage_gaps_scan_operation_key" ON "coverage_gaps"("scan_id", "provider", "account_id", "region", "service", "operation", "error_code");
