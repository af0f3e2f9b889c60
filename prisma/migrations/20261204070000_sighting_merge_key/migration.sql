-- The reporter (task source, task account, content hash) whose version of an asset / edge the scan in
-- last_scan_id kept: when two tasks of one scan report the same item, the least merge key wins whatever the
-- arrival order, so the same estate always stores the same graph.
ALTER TABLE "sightings" ADD COLUMN "merge_key" TEXT;
