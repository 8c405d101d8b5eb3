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

-- Queues the invoice files of one ÖEB if it is sent (4 SentToAccounting, 5 Accepted, 6 Returned); a file already read
-- is not queued, a file already queued keeps its row (the newest sending time wins).
CREATE FUNCTION invoice_ocr_enqueue(order_id uuid) RETURNS void LANGUAGE sql AS $fn$
    INSERT INTO "InvoiceOcrQueue" ("Sha256", "MediaType", "SentAt", "NotBefore")
    SELECT a."Sha256", min(a."MediaType"), coalesce(o."SentAt", now()), now()
    FROM "PaymentOrders" o
    JOIN "PaymentOrderAttachments" a ON a."PaymentOrderId" = o."Id"
    WHERE o."Id" = order_id AND o."Status" IN (4, 5, 6) AND a."DocumentTypeCode" = 'FATURA' AND a."Sha256" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "InvoiceOcrResults" r WHERE r."Sha256" = a."Sha256" AND r."Status" = 1)
    GROUP BY a."Sha256", o."SentAt"
    ON CONFLICT ("Sha256") DO UPDATE SET "SentAt" = greatest("InvoiceOcrQueue"."SentAt", EXCLUDED."SentAt")
$fn$;

-- Sending is a status change (the domain's path); an ÖEB inserted already sent gets its attachments after its own row
-- (EF inserts the owner first), hence the trigger on attachments too.
CREATE FUNCTION invoice_ocr_enqueue_trigger() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_TABLE_NAME <> 'PaymentOrders' THEN
        PERFORM invoice_ocr_enqueue(NEW."PaymentOrderId");
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM invoice_ocr_enqueue(NEW."Id");
    ELSIF OLD."Status" NOT IN (4, 5, 6) THEN
        PERFORM invoice_ocr_enqueue(NEW."Id");
    END IF;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER payment_orders_enqueue_invoice_ocr
    AFTER INSERT OR UPDATE OF "Status" ON "PaymentOrders"
    FOR EACH ROW WHEN (NEW."Status" IN (4, 5, 6)) EXECUTE FUNCTION invoice_ocr_enqueue_trigger();

CREATE TRIGGER payment_order_attachments_enqueue_invoice_ocr
    AFTER INSERT OR UPDATE OF "Sha256", "DocumentTypeCode" ON "PaymentOrderAttachments"
    FOR EACH ROW WHEN (NEW."DocumentTypeCode" = 'FATURA' AND NEW."Sha256" IS NOT NULL) EXECUTE FUNCTION invoice_ocr_enqueue_trigger();

-- What was sent before this migration and is not read yet (files that already failed MaxAttempts times are dropped by
-- the job when it first sees them).
INSERT INTO "InvoiceOcrQueue" ("Sha256", "MediaType", "SentAt", "NotBefore")
SELECT a."Sha256", min(a."MediaType"), coalesce(max(o."SentAt"), now()), now()
FROM "PaymentOrderAttachments" a
JOIN "PaymentOrders" o ON o."Id" = a."PaymentOrderId"
WHERE o."Status" IN (4, 5, 6) AND a."DocumentTypeCode" = 'FATURA' AND a."Sha256" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "InvoiceOcrResults" r WHERE r."Sha256" = a."Sha256" AND r."Status" = 1)
GROUP BY a."Sha256";
