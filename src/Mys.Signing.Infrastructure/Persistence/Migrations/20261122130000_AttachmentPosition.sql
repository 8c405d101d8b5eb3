-- An ÖEB's attachments keep their entry order (R9: line k of the attachments description describes the k-th
-- invoice). Until now the order was lost on loading (EF Core returns an owned collection in primary-key order,
-- and the key is a random uuid). Existing rows get positions in that uuid order, which is what every reader saw.
ALTER TABLE "PaymentOrderAttachments" ADD "Position" integer NOT NULL DEFAULT 0;

UPDATE "PaymentOrderAttachments" a SET "Position" = n.position
FROM (SELECT "Id", (row_number() OVER (PARTITION BY "PaymentOrderId" ORDER BY "Id") - 1)::integer AS position
      FROM "PaymentOrderAttachments") n
WHERE a."Id" = n."Id";

ALTER TABLE "PaymentOrderAttachments" ALTER COLUMN "Position" DROP DEFAULT;

DROP INDEX "IX_PaymentOrderAttachments_PaymentOrderId";

CREATE UNIQUE INDEX "IX_PaymentOrderAttachments_PaymentOrderId_Position" ON "PaymentOrderAttachments" ("PaymentOrderId", "Position");
