-- The accounting officer's optional e-signature on acceptance ("Kayda Al ve e-İmzala"), a third SignatureRecord.
ALTER TABLE "PaymentOrders" ADD "AccountingOfficerSignature_SignerId" uuid;
ALTER TABLE "PaymentOrders" ADD "AccountingOfficerSignature_Role" integer;
ALTER TABLE "PaymentOrders" ADD "AccountingOfficerSignature_SignedAt" timestamp with time zone;
ALTER TABLE "PaymentOrders" ADD "AccountingOfficerSignature_SignatureReference" character varying(200);

-- The revision the officer's signature produced is retained like the other signers' revisions.
CREATE OR REPLACE FUNCTION attachment_blob_is_retained(sha character) RETURNS boolean LANGUAGE sql STABLE AS $fn$
    SELECT EXISTS (SELECT 1 FROM "PaymentOrderAttachments" a JOIN "PaymentOrders" o ON o."Id" = a."PaymentOrderId"
                   WHERE a."Sha256" = sha AND o."Status" <> 1 AND mys_within_retention(coalesce(o."ClosedAt", o."SentAt", o."CreatedAt")))
        OR EXISTS (SELECT 1 FROM "SignedPaymentOrderDocuments" d
                   WHERE (d."RenderedSha256" = sha OR d."CurrentSha256" = sha) AND mys_within_retention(d."UpdatedAt"))
        OR EXISTS (SELECT 1 FROM "PaymentOrders" o
                   WHERE (o."RealizationSignature_SignatureReference" = sha OR o."SpendingAuthoritySignature_SignatureReference" = sha
                          OR o."AccountingOfficerSignature_SignatureReference" = sha)
                     AND mys_within_retention(coalesce(o."ClosedAt", o."SentAt", o."CreatedAt")))
$fn$;
