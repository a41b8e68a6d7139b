-- OpenITA schema version 3: measures plans (one row per revision, the plan as JSON) and their audit trail.

CREATE TABLE "measure_plans" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_measure_plans" PRIMARY KEY AUTOINCREMENT,
    "AgencyId" INTEGER NOT NULL,
    "FiscalYear" INTEGER NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "ContentJson" TEXT NOT NULL,
    "CreatedAtUnixMs" INTEGER NOT NULL,
    "CreatedBy" TEXT NULL,
    "UpdatedAtUnixMs" INTEGER NOT NULL,
    "UpdatedBy" TEXT NULL,
    "SubmittedAtUnixMs" INTEGER NULL,
    "ApprovedByName" TEXT NULL,
    "ApprovedPosition" TEXT NULL,
    "ApprovedOn" TEXT NULL,
    "MemoNumber" TEXT NULL,
    "ApprovedByUserId" TEXT NULL,
    "PublishedAtUnixMs" INTEGER NULL,
    CONSTRAINT "FK_measure_plans_agencies_AgencyId" FOREIGN KEY ("AgencyId") REFERENCES "agencies" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_measure_plans_AgencyId_FiscalYear_Revision" ON "measure_plans" ("AgencyId", "FiscalYear", "Revision");

CREATE TABLE "measure_plan_events" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_measure_plan_events" PRIMARY KEY AUTOINCREMENT,
    "AgencyId" INTEGER NOT NULL,
    "FiscalYear" INTEGER NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Action" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "UserName" TEXT NULL,
    "AtUnixMs" INTEGER NOT NULL,
    "Note" TEXT NULL,
    CONSTRAINT "FK_measure_plan_events_agencies_AgencyId" FOREIGN KEY ("AgencyId") REFERENCES "agencies" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_measure_plan_events_AgencyId_FiscalYear_AtUnixMs" ON "measure_plan_events" ("AgencyId", "FiscalYear", "AtUnixMs");
