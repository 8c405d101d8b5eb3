-- The PDF of each ÖEB version through signing: verification code, unsigned rendering and newest revision (by SHA-256 in the attachment store).
CREATE TABLE "SignedPaymentOrderDocuments" (
    "PaymentOrderId" uuid NOT NULL,
    "VerificationCode" character varying(32) NOT NULL,
    "RenderedSha256" character(64) NOT NULL,
    "CurrentSha256" character(64) NOT NULL,
    "Stage" character varying(30) NOT NULL,
    "RenderedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SignedPaymentOrderDocuments" PRIMARY KEY ("PaymentOrderId"),
    CONSTRAINT "FK_SignedPaymentOrderDocuments_PaymentOrders_PaymentOrderId" FOREIGN KEY ("PaymentOrderId") REFERENCES "PaymentOrders" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_SignedPaymentOrderDocuments_VerificationCode" ON "SignedPaymentOrderDocuments" ("VerificationCode");
