-- E-signature login challenges, one-time verification codes for agent signing, and their look-up throttle (all app instances share them).
CREATE TABLE "CodeLookupThrottles" (
    "Key" character varying(100) NOT NULL,
    "WindowStart" timestamp with time zone NOT NULL,
    "Failures" integer NOT NULL,
    "LockedUntil" timestamp with time zone,
    CONSTRAINT "PK_CodeLookupThrottles" PRIMARY KEY ("Key")
);

CREATE TABLE "LoginChallenges" (
    "Id" uuid NOT NULL,
    "NonceSha256" character(64) NOT NULL,
    "Origin" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    CONSTRAINT "PK_LoginChallenges" PRIMARY KEY ("Id")
);


CREATE TABLE "SigningCodes" (
    "Id" uuid NOT NULL,
    "CodeSha256" character(64) NOT NULL,
    "UserId" uuid NOT NULL,
    "Origin" character varying(200) NOT NULL,
    "Purpose" character varying(50) NOT NULL,
    "Targets" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "ClaimedAt" timestamp with time zone,
    "CertificateSha256" character(64),
    "SessionId" uuid,
    "CompletedAt" timestamp with time zone,
    "FailedAt" timestamp with time zone,
    "FailureCode" character varying(50),
    "FailureMessage" character varying(500),
    CONSTRAINT "PK_SigningCodes" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_LoginChallenges_ExpiresAt" ON "LoginChallenges" ("ExpiresAt");

CREATE UNIQUE INDEX "IX_LoginChallenges_NonceSha256" ON "LoginChallenges" ("NonceSha256");

CREATE UNIQUE INDEX "IX_SigningCodes_CodeSha256" ON "SigningCodes" ("CodeSha256");

CREATE INDEX "IX_SigningCodes_UserId_CreatedAt" ON "SigningCodes" ("UserId", "CreatedAt");
