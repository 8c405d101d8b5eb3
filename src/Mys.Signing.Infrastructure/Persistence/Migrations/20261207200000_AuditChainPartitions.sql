-- The audit trail as 16 hash chains ("partitions"), each extended under its own advisory lock instead of one
-- cluster-wide lock, tied together by chained anchors written by the audit-chain-anchor job (docs/scaling.md,
-- "The audit chain across nodes"). Existing rows are not touched: without a partition they stay the legacy chain,
-- verified as before and sealed by the first anchor (which records its last row).
ALTER TABLE "AuditEntries" ADD "Partition" smallint;
ALTER TABLE "AuditEntries" ADD "Sequence" bigint;
ALTER TABLE "AuditEntries" ADD CONSTRAINT "CK_AuditEntries_Position" CHECK (("Partition" IS NULL) = ("Sequence" IS NULL));
CREATE UNIQUE INDEX "IX_AuditEntries_Partition_Sequence" ON "AuditEntries" ("Partition", "Sequence");
CREATE INDEX "IX_AuditEntries_Legacy" ON "AuditEntries" ("Id") WHERE "Partition" IS NULL;

CREATE TABLE "AuditAnchors" (
    "Id" bigint GENERATED ALWAYS AS IDENTITY,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Heads" text NOT NULL,
    "PreviousHash" bytea NOT NULL,
    "Hash" bytea NOT NULL,
    CONSTRAINT "PK_AuditAnchors" PRIMARY KEY ("Id")
);

-- Append-only like the entries (the same guard function), for every role; a superuser who disables the triggers is
-- still caught by 'mys audit verify'.
CREATE TRIGGER audit_anchors_no_update_or_delete
    BEFORE UPDATE OR DELETE ON "AuditAnchors"
    FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();

CREATE TRIGGER audit_anchors_no_truncate
    BEFORE TRUNCATE ON "AuditAnchors"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON "AuditAnchors" FROM PUBLIC;
