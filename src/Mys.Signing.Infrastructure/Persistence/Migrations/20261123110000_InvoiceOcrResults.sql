-- OCR text of scanned invoices (e-Arşiv / paper), keyed by the stored file's SHA-256; filled by the invoice-ocr job
-- and compared with the typed R9 fields on the accounting unit's review page. Derived data: no retention trigger.
CREATE TABLE "InvoiceOcrResults" (
    "Sha256" character(64) NOT NULL,
    "Status" integer NOT NULL,
    "Text" character varying(100000),
    "Error" character varying(1000),
    "Engine" character varying(200),
    "Pages" integer NOT NULL,
    "DurationMs" integer NOT NULL,
    "Attempts" integer NOT NULL,
    "AttemptedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_InvoiceOcrResults" PRIMARY KEY ("Sha256")
);
