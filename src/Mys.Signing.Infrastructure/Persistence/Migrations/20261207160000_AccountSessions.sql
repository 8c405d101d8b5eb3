-- Sessions that end (a row per login, checked on every request by every app instance), passwords people own
-- (a one-time password forces a change), and the password-login throttle (per address, per account and address,
-- per account; see docs/security.md).
ALTER TABLE "AspNetUsers" ADD "MustChangePassword" boolean NOT NULL DEFAULT FALSE;
ALTER TABLE "AspNetUsers" ALTER COLUMN "MustChangePassword" DROP DEFAULT;
ALTER TABLE "AspNetUsers" ADD "PasswordChangedAt" timestamp with time zone;

CREATE TABLE "UserSessions" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastSeenAt" timestamp with time zone NOT NULL,
    "Address" character varying(64),
    "UserAgent" character varying(300),
    "Method" character varying(20) NOT NULL,
    "EndedAt" timestamp with time zone,
    "EndReason" character varying(30),
    CONSTRAINT "PK_UserSessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_UserSessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_UserSessions_UserId_CreatedAt" ON "UserSessions" ("UserId", "CreatedAt");

CREATE TABLE "LoginThrottles" (
    "Key" character varying(120) NOT NULL,
    "WindowStart" timestamp with time zone NOT NULL,
    "Failures" integer NOT NULL,
    "BlockedUntil" timestamp with time zone,
    CONSTRAINT "PK_LoginThrottles" PRIMARY KEY ("Key")
);
