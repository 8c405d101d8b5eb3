-- Where a stored content's bytes are (docs/object-storage.md): 'PostgreSql' (its "AttachmentChunks" rows) or 'S3' (one
-- object in the configured bucket whose key is the SHA-256). The default stays: every existing row, and every row the
-- PostgreSQL store inserts, holds its bytes here.
ALTER TABLE "AttachmentBlobs" ADD "Location" character varying(10) NOT NULL DEFAULT 'PostgreSql';

-- A chunk still goes only with its blob while the blob's bytes are here; once `mys attachments move-to-s3` has checked
-- the object's hash and switched the row to 'S3', the chunks are a stale copy and may be freed.
CREATE OR REPLACE FUNCTION attachment_chunks_retained() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF EXISTS (SELECT 1 FROM "AttachmentBlobs" b WHERE b."BlobId" = OLD."BlobId" AND b."Location" = 'PostgreSql') THEN
        RAISE EXCEPTION 'Chunk of a stored content: DELETE refused while the content exists' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END
$fn$;
