-- OpenITA schema version 6: the concurrency token of workflow rows (issue 8): every write raises it by one.

ALTER TABLE measure_plans ADD COLUMN "Version" integer NOT NULL DEFAULT 1;
