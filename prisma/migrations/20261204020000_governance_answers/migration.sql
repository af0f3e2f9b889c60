-- Answers to the governance questions the platform cannot see (self-assessment, maturity criteria), per tenant.
-- Changes go through the API, which writes the audit log.
CREATE TABLE "governance_answers" (
    "tenant_id" UUID NOT NULL,
    "question_id" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "note" TEXT,
    "answered_by" TEXT NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "governance_answers_pkey" PRIMARY KEY ("tenant_id","question_id")
);
