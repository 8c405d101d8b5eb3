-- Structured documents produced in the system (HTOB, VİF): canonical JSON bytes and their SHA-256; ÖEBs link to them by id.
CREATE TABLE "StructuredDocuments" (
    "Id" uuid NOT NULL,
    "Type" character varying(10) NOT NULL,
    "SchemaVersion" integer NOT NULL,
    "SpendingUnitId" uuid NOT NULL,
    "Number" character varying(50) NOT NULL,
    "Date" date NOT NULL,
    "CanonicalJson" bytea NOT NULL,
    "Sha256" character(64) NOT NULL,
    "CreatedBy" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_StructuredDocuments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_StructuredDocuments_SpendingUnits_SpendingUnitId" FOREIGN KEY ("SpendingUnitId") REFERENCES "SpendingUnits" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_StructuredDocuments_SpendingUnitId_Type_Number" ON "StructuredDocuments" ("SpendingUnitId", "Type", "Number");
