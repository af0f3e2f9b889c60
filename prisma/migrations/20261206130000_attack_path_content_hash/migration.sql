-- Attack paths, like findings, are recognised unchanged by a hash of their content: an evaluation that finds the
-- same paths writes no path row (an open path's last-seen time is the latest evaluation's, in the read model).
ALTER TABLE "attack_paths" ADD COLUMN "content_hash" TEXT;
