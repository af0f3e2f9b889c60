-- What an evaluation wrote for a finding, hashed: a re-evaluation recognises an unchanged finding by it alone.
-- Rows written before it have none and are compared in full once.
ALTER TABLE "findings" ADD COLUMN "content_hash" TEXT;
