-- OpenITA schema version 2: API tokens for the REST API (only a SHA-256 hash of each token is stored).

CREATE TABLE "api_tokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_api_tokens" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAtUnixMs" INTEGER NOT NULL,
    "ExpiresAtUnixMs" INTEGER NULL,
    "LastUsedAtUnixMs" INTEGER NULL,
    CONSTRAINT "FK_api_tokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_api_tokens_TokenHash" ON "api_tokens" ("TokenHash");

CREATE INDEX "IX_api_tokens_UserId" ON "api_tokens" ("UserId");
