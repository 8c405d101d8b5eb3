-- Payment orders (ÖEB): the aggregate, its lines and attachments, and the document/expense type catalogue.
-- Catalogue rows are seeded from CatalogSeed by DatabaseMigrator after migrating (missing codes only).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "DocumentTypes" (
    "Code" character varying(40) NOT NULL,
    "Name" character varying(200) NOT NULL,
    "IsStructured" boolean NOT NULL,
    "AllowedSources" integer[] NOT NULL,
    "MustBeSignedBeforeAttaching" boolean NOT NULL,
    "IsInvoice" boolean NOT NULL,
    "IsCommitmentFile" boolean NOT NULL,
    "Note" character varying(1000),
    CONSTRAINT "PK_DocumentTypes" PRIMARY KEY ("Code")
);

CREATE TABLE "ExpenseTypes" (
    "Code" character varying(40) NOT NULL,
    "Name" character varying(200) NOT NULL,
    "RequiredDocuments" jsonb NOT NULL,
    "AllowedDocumentTypeCodes" text[] NOT NULL,
    "RequiresSpendingInstruction" boolean NOT NULL,
    "IsContractBased" boolean NOT NULL,
    "IsUncertain" boolean NOT NULL,
    "Note" character varying(1000),
    CONSTRAINT "PK_ExpenseTypes" PRIMARY KEY ("Code")
);

CREATE TABLE "PaymentOrders" (
    "Id" uuid NOT NULL,
    "Version" integer NOT NULL,
    "PreviousVersionId" uuid,
    "NextVersionId" uuid,
    "Number" character varying(30) NOT NULL,
    "DocumentDate" date NOT NULL,
    "BudgetYear" integer NOT NULL,
    "SpendingUnitId" uuid NOT NULL,
    "AccountingUnitId" uuid NOT NULL,
    "ExpenseTypeCode" character varying(40) NOT NULL,
    "Classification" character varying(40),
    "GrossAmount" numeric(18,2) NOT NULL,
    "Payee_Name" character varying(250),
    "Payee_TaxId" character varying(11),
    "Payee_TaxOffice" character varying(100),
    "Payee_Iban" character varying(26),
    "Payee_BankName" character varying(100),
    "Description" character varying(2000),
    "AttachmentsDescription" character varying(4000) NOT NULL,
    "Contract_ContractNumber" character varying(50),
    "Contract_ProgressPaymentNumber" integer,
    "Contract_CommitmentFileOrderId" uuid,
    "Status" integer NOT NULL,
    "CreatedBy" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "RealizationSignature_SignerId" uuid,
    "RealizationSignature_Role" integer,
    "RealizationSignature_SignedAt" timestamp with time zone,
    "RealizationSignature_SignatureReference" character varying(200),
    "SpendingAuthoritySignature_SignerId" uuid,
    "SpendingAuthoritySignature_Role" integer,
    "SpendingAuthoritySignature_SignedAt" timestamp with time zone,
    "SpendingAuthoritySignature_SignatureReference" character varying(200),
    "SubmittedBy" uuid,
    "SubmittedAt" timestamp with time zone,
    "SentAt" timestamp with time zone,
    "ClosedBy" uuid,
    "ClosedAt" timestamp with time zone,
    "ClosingReason" character varying(1000),
    "WetSignature_ApprovalDate" date,
    "WetSignature_ApprovalNumber" character varying(100),
    "WetSignature_Reason" character varying(1000),
    "WetSignature_ChosenBy" uuid,
    "WetSignature_ChosenByRole" integer,
    "IsWetSigned" boolean NOT NULL,
    "Deduction_IncomeTaxWithholding" numeric(18,2) NOT NULL,
    "Deduction_Other" numeric(18,2) NOT NULL,
    "Deduction_SocialSecurity" numeric(18,2) NOT NULL,
    "Deduction_StampDuty" numeric(18,2) NOT NULL,
    "Deduction_VatWithholding" numeric(18,2) NOT NULL,
    CONSTRAINT "PK_PaymentOrders" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PaymentOrders_AccountingUnits_AccountingUnitId" FOREIGN KEY ("AccountingUnitId") REFERENCES "AccountingUnits" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PaymentOrders_SpendingUnits_SpendingUnitId" FOREIGN KEY ("SpendingUnitId") REFERENCES "SpendingUnits" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PaymentOrderAttachments" (
    "Id" uuid NOT NULL,
    "DocumentTypeCode" character varying(40) NOT NULL,
    "Source" integer NOT NULL,
    "FileName" character varying(255),
    "SizeBytes" bigint NOT NULL,
    "Sha256" character(64),
    "MediaType" character varying(100),
    "StructuredDocumentId" character varying(64),
    "Invoice_InvoiceNumber" character varying(50),
    "Invoice_SupplierTaxId" character varying(20),
    "Invoice_InvoiceDate" date,
    "CarriesSignatures" boolean NOT NULL,
    "IsCommitmentFile" boolean NOT NULL,
    "PaymentOrderId" uuid NOT NULL,
    CONSTRAINT "PK_PaymentOrderAttachments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PaymentOrderAttachments_PaymentOrders_PaymentOrderId" FOREIGN KEY ("PaymentOrderId") REFERENCES "PaymentOrders" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PaymentOrderLines" (
    "Id" integer GENERATED ALWAYS AS IDENTITY,
    "Account" character varying(30) NOT NULL,
    "Side" integer NOT NULL,
    "Amount" numeric(18,2) NOT NULL,
    "PaymentOrderId" uuid NOT NULL,
    CONSTRAINT "PK_PaymentOrderLines" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PaymentOrderLines_PaymentOrders_PaymentOrderId" FOREIGN KEY ("PaymentOrderId") REFERENCES "PaymentOrders" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PaymentOrderAttachments_PaymentOrderId" ON "PaymentOrderAttachments" ("PaymentOrderId");

CREATE INDEX "IX_PaymentOrderAttachments_StructuredDocumentId" ON "PaymentOrderAttachments" ("StructuredDocumentId");

CREATE INDEX "IX_PaymentOrderLines_PaymentOrderId" ON "PaymentOrderLines" ("PaymentOrderId");

CREATE INDEX "IX_PaymentOrders_AccountingUnitId" ON "PaymentOrders" ("AccountingUnitId");

CREATE INDEX "IX_PaymentOrders_Payee_Name" ON "PaymentOrders" USING gin ("Payee_Name" gin_trgm_ops);

CREATE INDEX "IX_PaymentOrders_PreviousVersionId" ON "PaymentOrders" ("PreviousVersionId");

CREATE UNIQUE INDEX "IX_PaymentOrders_SpendingUnitId_BudgetYear_Number_Version" ON "PaymentOrders" ("SpendingUnitId", "BudgetYear", "Number", "Version");

CREATE INDEX "IX_PaymentOrders_SpendingUnitId_DocumentDate" ON "PaymentOrders" ("SpendingUnitId", "DocumentDate");

CREATE INDEX "IX_PaymentOrders_SpendingUnitId_ExpenseTypeCode_DocumentDate" ON "PaymentOrders" ("SpendingUnitId", "ExpenseTypeCode", "DocumentDate");

CREATE INDEX "IX_PaymentOrders_SpendingUnitId_GrossAmount" ON "PaymentOrders" ("SpendingUnitId", "GrossAmount");

CREATE INDEX "IX_PaymentOrders_SpendingUnitId_Number" ON "PaymentOrders" ("SpendingUnitId", "Number");

CREATE INDEX "IX_PaymentOrders_SpendingUnitId_Status_DocumentDate" ON "PaymentOrders" ("SpendingUnitId", "Status", "DocumentDate");
