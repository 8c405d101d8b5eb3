-- Attachment storage: content-addressed blobs in 1 MiB chunks (no giant bytea), never deleted.
CREATE TABLE "AttachmentBlobs" (
    "Sha256" character(64) NOT NULL,
    "BlobId" uuid NOT NULL,
    "Size" bigint NOT NULL,
    "MediaType" character varying(100) NOT NULL,
    "StoredAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AttachmentBlobs" PRIMARY KEY ("Sha256")
);


CREATE TABLE "AttachmentChunks" (
    "BlobId" uuid NOT NULL,
    "Sequence" integer NOT NULL,
    "Data" bytea NOT NULL,
    CONSTRAINT "PK_AttachmentChunks" PRIMARY KEY ("BlobId", "Sequence")
);




CREATE UNIQUE INDEX "IX_AttachmentBlobs_BlobId" ON "AttachmentBlobs" ("BlobId");

-- PDFs and images are compressed already: skip TOAST compression, keep out-of-line storage.
ALTER TABLE "AttachmentChunks" ALTER COLUMN "Data" SET STORAGE EXTERNAL;
