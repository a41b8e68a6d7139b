-- OpenITA schema version 4: each agency's own analysis settings (its target, the tier thresholds); null = the defaults.

ALTER TABLE "agencies" ADD COLUMN "AnalysisTarget" TEXT NULL;

ALTER TABLE "agencies" ADD COLUMN "StrengthAbove" TEXT NULL;

ALTER TABLE "agencies" ADD COLUMN "UrgentBelow" TEXT NULL;
