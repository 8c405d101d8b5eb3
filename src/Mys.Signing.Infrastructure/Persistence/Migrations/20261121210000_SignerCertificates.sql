-- Signers' certificates: the register of certificates seen per user, the reminder outbox, in-app notifications,
-- and the shared job schedule (leases taken with SELECT ... FOR UPDATE SKIP LOCKED; see docs/scheduling.md).
CREATE TABLE "ScheduledJobs" (
    "Name" character varying(100) NOT NULL,
    "Cron" character varying(100) NOT NULL,
    "NextRunAt" timestamp with time zone NOT NULL,
    "LeaseOwner" character varying(200),
    "LeaseUntil" timestamp with time zone,
    "LastStartedAt" timestamp with time zone,
    "LastFinishedAt" timestamp with time zone,
    "LastError" character varying(2000),
    "RunCount" bigint NOT NULL,
    CONSTRAINT "PK_ScheduledJobs" PRIMARY KEY ("Name")
);

CREATE TABLE "CertificateReminders" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "DedupKey" character varying(200) NOT NULL,
    "Stage" character varying(20) NOT NULL,
    "Subject" character varying(200) NOT NULL,
    "Body" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "SentAt" timestamp with time zone,
    "Channel" character varying(20),
    "Attempts" integer NOT NULL,
    "LastError" character varying(1000),
    CONSTRAINT "PK_CertificateReminders" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CertificateReminders_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Notifications" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Body" text NOT NULL,
    "Link" character varying(300),
    "CreatedAt" timestamp with time zone NOT NULL,
    "ReadAt" timestamp with time zone,
    CONSTRAINT "PK_Notifications" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Notifications_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "SignerCertificates" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "Sha256" character(64) NOT NULL,
    "SerialNumber" character varying(64) NOT NULL,
    "Issuer" character varying(500) NOT NULL,
    "Subject" character varying(500) NOT NULL,
    "SubjectTckn" character(11) NOT NULL,
    "NotBefore" timestamp with time zone NOT NULL,
    "NotAfter" timestamp with time zone NOT NULL,
    "Qualified" boolean NOT NULL,
    "KeyType" character varying(20) NOT NULL,
    "FirstSeenAt" timestamp with time zone NOT NULL,
    "FirstSource" character varying(30) NOT NULL,
    "LastSeenAt" timestamp with time zone NOT NULL,
    "LastSource" character varying(30) NOT NULL,
    CONSTRAINT "PK_SignerCertificates" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SignerCertificates_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_CertificateReminders_DedupKey" ON "CertificateReminders" ("DedupKey");

CREATE INDEX "IX_CertificateReminders_SentAt" ON "CertificateReminders" ("SentAt");

CREATE INDEX "IX_CertificateReminders_UserId" ON "CertificateReminders" ("UserId");

CREATE INDEX "IX_Notifications_UserId_CreatedAt" ON "Notifications" ("UserId", "CreatedAt");

CREATE UNIQUE INDEX "IX_SignerCertificates_Sha256" ON "SignerCertificates" ("Sha256");

CREATE INDEX "IX_SignerCertificates_UserId_NotAfter" ON "SignerCertificates" ("UserId", "NotAfter");
