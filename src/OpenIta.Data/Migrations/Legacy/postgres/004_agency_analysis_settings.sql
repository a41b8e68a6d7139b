-- OpenITA schema version 4: each agency's own analysis settings (its target, the tier thresholds); null = the defaults.

ALTER TABLE agencies ADD COLUMN "AnalysisTarget" numeric(5,2);

ALTER TABLE agencies ADD COLUMN "StrengthAbove" numeric(5,2);

ALTER TABLE agencies ADD COLUMN "UrgentBelow" numeric(5,2);
