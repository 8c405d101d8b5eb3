-- Two-phase signing sessions: what 'prepare' produced, kept 300 s, completed once (any app instance).
CREATE TABLE "SigningSessions" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "CertificateSha256" character(64) NOT NULL,
    "Purpose" character varying(50) NOT NULL,
    "Targets" text NOT NULL,
    "PreparedState" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "CompletedAt" timestamp with time zone,
    CONSTRAINT "PK_SigningSessions" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_SigningSessions_ExpiresAt" ON "SigningSessions" ("ExpiresAt");

CREATE INDEX "IX_SigningSessions_UserId_CreatedAt" ON "SigningSessions" ("UserId", "CreatedAt");
