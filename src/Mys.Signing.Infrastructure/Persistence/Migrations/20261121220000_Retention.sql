-- Retention: within the retention period (Mys:Retention:Years, default 10; 'mys db migrate' writes the configured
-- value into mys_retention_years()) nothing that was sent is deleted, by any role. Drafts stay deletable, and the
-- attachment store's own refusals never delete (a refused upload is rolled back, not deleted).
CREATE FUNCTION mys_retention_years() RETURNS integer LANGUAGE sql STABLE AS $fn$ SELECT 10 $fn$;

CREATE FUNCTION mys_within_retention(at timestamp with time zone) RETURNS boolean LANGUAGE sql STABLE AS $fn$
    SELECT at IS NULL OR at > now() - make_interval(years => mys_retention_years())
$fn$;

-- An ÖEB that left the draft state (signed, sent, accepted, returned or cancelled) is kept; its retention runs from
-- when it was closed, else sent, else created.
CREATE FUNCTION payment_orders_retained() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF OLD."Status" <> 1 AND mys_within_retention(coalesce(OLD."ClosedAt", OLD."SentAt", OLD."CreatedAt")) THEN
        RAISE EXCEPTION 'Payment order % is within retention: DELETE refused', OLD."Id" USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$fn$;

CREATE TRIGGER payment_orders_no_delete_within_retention
    BEFORE DELETE ON "PaymentOrders"
    FOR EACH ROW EXECUTE FUNCTION payment_orders_retained();

-- Lines and attachment rows belong to their ÖEB: removable while it is a draft (editing), kept once it is not.
CREATE FUNCTION payment_order_parts_retained() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF EXISTS (SELECT 1 FROM "PaymentOrders" o WHERE o."Id" = OLD."PaymentOrderId" AND o."Status" <> 1
               AND mys_within_retention(coalesce(o."ClosedAt", o."SentAt", o."CreatedAt"))) THEN
        RAISE EXCEPTION '% row of a payment order within retention: DELETE refused', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$fn$;

CREATE TRIGGER payment_order_attachments_no_delete_within_retention
    BEFORE DELETE ON "PaymentOrderAttachments"
    FOR EACH ROW EXECUTE FUNCTION payment_order_parts_retained();

CREATE TRIGGER payment_order_lines_no_delete_within_retention
    BEFORE DELETE ON "PaymentOrderLines"
    FOR EACH ROW EXECUTE FUNCTION payment_order_parts_retained();

CREATE FUNCTION signed_documents_retained() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF mys_within_retention(OLD."UpdatedAt") THEN
        RAISE EXCEPTION 'Signed document of payment order % is within retention: DELETE refused', OLD."PaymentOrderId" USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$fn$;

CREATE TRIGGER signed_documents_no_delete_within_retention
    BEFORE DELETE ON "SignedPaymentOrderDocuments"
    FOR EACH ROW EXECUTE FUNCTION signed_documents_retained();

-- A stored content is kept while a retained ÖEB refers to it: as an attachment, as a signed revision (rendered,
-- newest, or the revision a signature produced).
CREATE FUNCTION attachment_blob_is_retained(sha character) RETURNS boolean LANGUAGE sql STABLE AS $fn$
    SELECT EXISTS (SELECT 1 FROM "PaymentOrderAttachments" a JOIN "PaymentOrders" o ON o."Id" = a."PaymentOrderId"
                   WHERE a."Sha256" = sha AND o."Status" <> 1 AND mys_within_retention(coalesce(o."ClosedAt", o."SentAt", o."CreatedAt")))
        OR EXISTS (SELECT 1 FROM "SignedPaymentOrderDocuments" d
                   WHERE (d."RenderedSha256" = sha OR d."CurrentSha256" = sha) AND mys_within_retention(d."UpdatedAt"))
        OR EXISTS (SELECT 1 FROM "PaymentOrders" o
                   WHERE (o."RealizationSignature_SignatureReference" = sha OR o."SpendingAuthoritySignature_SignatureReference" = sha)
                     AND mys_within_retention(coalesce(o."ClosedAt", o."SentAt", o."CreatedAt")))
$fn$;

CREATE FUNCTION attachment_blobs_retained() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF attachment_blob_is_retained(OLD."Sha256") THEN
        RAISE EXCEPTION 'Content % is referenced by a payment order within retention: DELETE refused', OLD."Sha256" USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$fn$;

CREATE TRIGGER attachment_blobs_no_delete_within_retention
    BEFORE DELETE ON "AttachmentBlobs"
    FOR EACH ROW EXECUTE FUNCTION attachment_blobs_retained();

-- A chunk goes only with its blob: while the blob row exists its chunks stay (else the content would be corrupt).
CREATE FUNCTION attachment_chunks_retained() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF EXISTS (SELECT 1 FROM "AttachmentBlobs" b WHERE b."BlobId" = OLD."BlobId") THEN
        RAISE EXCEPTION 'Chunk of a stored content: DELETE refused while the content exists' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$fn$;

CREATE TRIGGER attachment_chunks_no_delete_while_blob_exists
    BEFORE DELETE ON "AttachmentChunks"
    FOR EACH ROW EXECUTE FUNCTION attachment_chunks_retained();

-- TRUNCATE bypasses row triggers: refuse it on every retained table.
CREATE FUNCTION retained_tables_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'TRUNCATE of % refused: it holds records under retention', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$fn$;

CREATE TRIGGER payment_orders_no_truncate BEFORE TRUNCATE ON "PaymentOrders" FOR EACH STATEMENT EXECUTE FUNCTION retained_tables_no_truncate();
CREATE TRIGGER payment_order_attachments_no_truncate BEFORE TRUNCATE ON "PaymentOrderAttachments" FOR EACH STATEMENT EXECUTE FUNCTION retained_tables_no_truncate();
CREATE TRIGGER payment_order_lines_no_truncate BEFORE TRUNCATE ON "PaymentOrderLines" FOR EACH STATEMENT EXECUTE FUNCTION retained_tables_no_truncate();
CREATE TRIGGER signed_documents_no_truncate BEFORE TRUNCATE ON "SignedPaymentOrderDocuments" FOR EACH STATEMENT EXECUTE FUNCTION retained_tables_no_truncate();
CREATE TRIGGER attachment_blobs_no_truncate BEFORE TRUNCATE ON "AttachmentBlobs" FOR EACH STATEMENT EXECUTE FUNCTION retained_tables_no_truncate();
CREATE TRIGGER attachment_chunks_no_truncate BEFORE TRUNCATE ON "AttachmentChunks" FOR EACH STATEMENT EXECUTE FUNCTION retained_tables_no_truncate();
