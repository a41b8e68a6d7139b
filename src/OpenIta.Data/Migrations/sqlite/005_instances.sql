-- OpenITA schema version 5: several instances on one database. The data-protection key ring (cookies made by one
-- instance are read by the others) and the security counters (sign-in limits shared by every instance; keys are
-- HMACs, never an address or a user name in clear).

CREATE TABLE "data_protection_keys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "security_counters" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_security_counters" PRIMARY KEY,
    "WindowStartUnixMs" INTEGER NOT NULL,
    "Count" INTEGER NOT NULL,
    "BlockedUntilUnixMs" INTEGER NULL
);
