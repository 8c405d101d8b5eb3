-- Every export reads a package's ÖEB PDF, seal and report; compressed (the default for bytea), PostgreSQL decompresses
-- the ~130 KB ÖEB PDF with pglz at each read, about 3 % of the machine's CPU during a 1,000-ÖEB export
-- (docs/performance.md). Stored uncompressed, as the attachment chunks are, they cost more disk and no CPU.
-- Packages written before keep their compressed values until they are built again.
ALTER TABLE "AuditExportPackages" ALTER COLUMN "OebPdf" SET STORAGE EXTERNAL;
ALTER TABLE "AuditExportPackages" ALTER COLUMN "Seal" SET STORAGE EXTERNAL;
ALTER TABLE "AuditExportPackages" ALTER COLUMN "Report" SET STORAGE EXTERNAL;
