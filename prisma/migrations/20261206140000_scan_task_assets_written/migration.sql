-- A task keeps the graph rows it wrote, so completing a task no longer adds to the scan row: a running scan's
-- counters are summed from its tasks when read, and written to the scan row once, when the scan ends. Before, every
-- task's commit locked the one scan row, and a 1,000-account scan's workers queued on it.
ALTER TABLE "scan_tasks" ADD COLUMN "assets_written" INTEGER NOT NULL DEFAULT 0;
