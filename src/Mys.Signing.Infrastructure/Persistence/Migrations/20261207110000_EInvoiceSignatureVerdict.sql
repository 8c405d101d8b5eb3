-- Issue 22: the verdict on a linked e-Fatura's XAdES signature is stored with the attachment (it was shown once in the
-- flash message and lost). Null for every other attachment and for e-Faturas linked before this migration (they show
-- "not checked" until the XML is uploaded again). Status: 1 Verified, 2 VerifiedNonStandardEncoding, 3 Altered,
-- 4 SignatureInvalid, 5 NotSigned, 6 CouldNotCheck.
ALTER TABLE "PaymentOrderAttachments" ADD "EInvoiceSignature_Status" integer;
ALTER TABLE "PaymentOrderAttachments" ADD "EInvoiceSignature_Message" character varying(2000);
ALTER TABLE "PaymentOrderAttachments" ADD "EInvoiceSignature_Signer" character varying(500);
ALTER TABLE "PaymentOrderAttachments" ADD "EInvoiceSignature_SignerTaxId" character varying(11);
ALTER TABLE "PaymentOrderAttachments" ADD "EInvoiceSignature_SignerIsSupplier" boolean;
ALTER TABLE "PaymentOrderAttachments" ADD "EInvoiceSignature_CheckedAt" timestamp with time zone;
ALTER TABLE "PaymentOrderAttachments" ADD "EInvoiceSignature_XmlSha256" character(64);
