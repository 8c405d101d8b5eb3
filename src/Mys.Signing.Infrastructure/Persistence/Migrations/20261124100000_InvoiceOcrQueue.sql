-- Work queue of the invoice-ocr job: scanned invoice files (document type FATURA with a stored file) of ÖEBs sent to
-- accounting that have no OCR text yet. The job used to find them by joining every sent ÖEB's attachments with
-- "InvoiceOcrResults" each minute (cost grows with every ÖEB ever sent); now it reads the newest due rows of this table
-- through "IX_InvoiceOcrQueue_SentAt" and deletes a row once its file is read or has failed Mys:Ocr:MaxAttempts times.
CREATE TABLE "InvoiceOcrQueue" (
    "Sha256" character(64) NOT NULL,
    "MediaType" character varying(100),
    "SentAt" timestamp with time zone NOT NULL,
    "NotBefore" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_InvoiceOcrQueue" PRIMARY KEY ("Sha256")
);

CREATE INDEX "IX_InvoiceOcrQueue_SentAt" ON "InvoiceOcrQueue" ("SentAt");

-- Queues the invoice files of ÖEBs that were just sent (status 4 SentToAccounting, 5 Accepted, 6 Returned); a file
-- already read is not queued, a file already queued keeps its row (the newest sending time wins). Sending is a status
-- change (the domain's path); an ÖEB inserted already sent gets its attachments after its own row (EF inserts the owner
-- first), hence the trigger on attachments too. Statement triggers with transition tables: one set-based insert per
-- statement, so a bulk insert of 100,000 ÖEBs costs one join, not 100,000 trigger calls.
CREATE FUNCTION invoice_ocr_enqueue() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    sent uuid[];
BEGIN
    IF TG_TABLE_NAME = 'PaymentOrderAttachments' THEN
        SELECT array_agg(DISTINCT c."PaymentOrderId") INTO sent FROM changed c
        WHERE c."DocumentTypeCode" = 'FATURA' AND c."Sha256" IS NOT NULL;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(c."Id") INTO sent FROM changed c WHERE c."Status" IN (4, 5, 6);
    ELSE
        SELECT array_agg(c."Id") INTO sent FROM changed c JOIN previous p ON p."Id" = c."Id"
        WHERE c."Status" IN (4, 5, 6) AND p."Status" NOT IN (4, 5, 6);
    END IF;

    IF sent IS NOT NULL THEN
        INSERT INTO "InvoiceOcrQueue" ("Sha256", "MediaType", "SentAt", "NotBefore")
        SELECT a."Sha256", min(a."MediaType"), coalesce(max(o."SentAt"), now()), now()
        FROM "PaymentOrders" o
        JOIN "PaymentOrderAttachments" a ON a."PaymentOrderId" = o."Id"
        WHERE o."Id" = ANY(sent) AND o."Status" IN (4, 5, 6) AND a."DocumentTypeCode" = 'FATURA' AND a."Sha256" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "InvoiceOcrResults" r WHERE r."Sha256" = a."Sha256" AND r."Status" = 1)
        GROUP BY a."Sha256"
        ON CONFLICT ("Sha256") DO UPDATE SET "SentAt" = greatest("InvoiceOcrQueue"."SentAt", EXCLUDED."SentAt");
    END IF;

    RETURN NULL;
END
$fn$;

CREATE TRIGGER payment_orders_inserted_enqueue_invoice_ocr
    AFTER INSERT ON "PaymentOrders" REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_ocr_enqueue();

CREATE TRIGGER payment_orders_updated_enqueue_invoice_ocr
    AFTER UPDATE ON "PaymentOrders" REFERENCING OLD TABLE AS previous NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_ocr_enqueue();

CREATE TRIGGER payment_order_attachments_inserted_enqueue_invoice_ocr
    AFTER INSERT ON "PaymentOrderAttachments" REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_ocr_enqueue();

-- What was sent before this migration and is not read yet (files that already failed MaxAttempts times are dropped by
-- the job when it first sees them).
INSERT INTO "InvoiceOcrQueue" ("Sha256", "MediaType", "SentAt", "NotBefore")
SELECT a."Sha256", min(a."MediaType"), coalesce(max(o."SentAt"), now()), now()
FROM "PaymentOrderAttachments" a
JOIN "PaymentOrders" o ON o."Id" = a."PaymentOrderId"
WHERE o."Status" IN (4, 5, 6) AND a."DocumentTypeCode" = 'FATURA' AND a."Sha256" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "InvoiceOcrResults" r WHERE r."Sha256" = a."Sha256" AND r."Status" = 1)
GROUP BY a."Sha256";
