-- The accounting unit's inbox (newest sent first, optionally by state) and the public verification page's
-- per-client throttle, shared by every app instance.
CREATE INDEX "IX_PaymentOrders_AccountingUnitId_SentAt" ON "PaymentOrders" ("AccountingUnitId", "SentAt");

CREATE INDEX "IX_PaymentOrders_AccountingUnitId_Status_SentAt" ON "PaymentOrders" ("AccountingUnitId", "Status", "SentAt");

CREATE TABLE "PublicVerificationThrottles" (
    "ClientKey" character(64) NOT NULL,
    "WindowStart" timestamp with time zone NOT NULL,
    "Requests" integer NOT NULL,
    "Failures" integer NOT NULL,
    CONSTRAINT "PK_PublicVerificationThrottles" PRIMARY KEY ("ClientKey")
);
