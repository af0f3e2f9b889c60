-- What an attack path does to its crown jewel: exposure, poisoning (written data flows into it along the lineage)
-- or theft (it ends reading the jewel or invoking the model behind it). Paths stored before are exposure until the
-- next evaluation re-derives them.
ALTER TABLE "attack_paths" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'exposure';
