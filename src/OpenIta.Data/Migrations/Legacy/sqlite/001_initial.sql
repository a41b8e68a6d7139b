-- OpenITA schema version 1: agencies, results and their scores, users (ASP.NET Core Identity) and memberships.
-- Generated from the EF Core model on 2026-11-22, then kept as it is: later changes come as new numbered scripts.

CREATE TABLE "agencies" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_agencies" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "NameTh" TEXT NOT NULL,
    "NameEn" TEXT NULL,
    "Abbreviation" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Size" TEXT NULL,
    "Province" TEXT NULL,
    "ParentId" INTEGER NULL,
    "Path" TEXT NOT NULL,
    "IsSynthetic" INTEGER NOT NULL,
    CONSTRAINT "FK_agencies_agencies_ParentId" FOREIGN KEY ("ParentId") REFERENCES "agencies" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "IsAdministrator" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "results" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_results" PRIMARY KEY AUTOINCREMENT,
    "AgencyId" INTEGER NOT NULL,
    "FiscalYear" INTEGER NOT NULL,
    "InputJson" TEXT NOT NULL,
    "TotalHundredths" INTEGER NULL,
    "TotalExact" TEXT NULL,
    "RatingCode" TEXT NULL,
    "Passed" INTEGER NULL,
    "DiscrepancyCount" INTEGER NOT NULL,
    "UpdatedAtUnixMs" INTEGER NOT NULL,
    "UpdatedBy" TEXT NULL,
    CONSTRAINT "FK_results_agencies_AgencyId" FOREIGN KEY ("AgencyId") REFERENCES "agencies" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "memberships" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_memberships" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "AgencyId" INTEGER NOT NULL,
    "Role" TEXT NOT NULL,
    CONSTRAINT "FK_memberships_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_memberships_agencies_AgencyId" FOREIGN KEY ("AgencyId") REFERENCES "agencies" ("Id") ON DELETE CASCADE
);

CREATE TABLE "result_scores" (
    "ResultId" INTEGER NOT NULL,
    "Level" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "Hundredths" INTEGER NOT NULL,
    "Exact" TEXT NOT NULL,
    "Given" INTEGER NOT NULL,
    CONSTRAINT "PK_result_scores" PRIMARY KEY ("ResultId", "Level", "Code"),
    CONSTRAINT "FK_result_scores_results_ResultId" FOREIGN KEY ("ResultId") REFERENCES "results" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_agencies_ParentId" ON "agencies" ("ParentId");

CREATE INDEX "IX_agencies_Path" ON "agencies" ("Path");

CREATE UNIQUE INDEX "IX_agencies_Slug" ON "agencies" ("Slug");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_memberships_AgencyId" ON "memberships" ("AgencyId");

CREATE UNIQUE INDEX "IX_memberships_UserId_AgencyId_Role" ON "memberships" ("UserId", "AgencyId", "Role");

CREATE INDEX "IX_result_scores_Level_Code" ON "result_scores" ("Level", "Code");

CREATE UNIQUE INDEX "IX_results_AgencyId_FiscalYear" ON "results" ("AgencyId", "FiscalYear");

CREATE INDEX "IX_results_FiscalYear_TotalHundredths" ON "results" ("FiscalYear", "TotalHundredths");
