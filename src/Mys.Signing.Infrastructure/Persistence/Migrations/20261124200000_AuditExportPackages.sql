-- Archive packages for the audit export (ibraz): per ÖEB the bundle's ÖEB PDF (when it differs from the stored
-- revision), its sealed manifest and its verification report, built ahead by the audit-export-packages job so an export
-- only streams. Derived data (rebuilt whenever its inputs change): no retention trigger.
CREATE TABLE "AuditExportPackages" (
    "PaymentOrderId" uuid NOT NULL,
    "DocumentSha256" character(64) NOT NULL,
    "OrderRowVersion" bigint NOT NULL,
    "OcrStamp" timestamp with time zone,
    "BuiltAt" timestamp with time zone NOT NULL,
    "BundleName" character varying(300) NOT NULL,
    "Entries" text NOT NULL,
    "OebPdf" bytea,
    "Manifest" bytea NOT NULL,
    "Seal" bytea NOT NULL,
    "Report" bytea NOT NULL,
    CONSTRAINT "PK_AuditExportPackages" PRIMARY KEY ("PaymentOrderId")
);
