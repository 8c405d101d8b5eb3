-- The object an S3 content's bytes are in, when it is not the one under its SHA-256 (docs/object-storage.md): a content
-- larger than one part is streamed to the bucket while it arrives, under a random upload key, before its hash is known.
-- NULL (every existing row, every PostgreSQL row, every content of one part) keeps the key `{prefix}{sha256}`.
ALTER TABLE "AttachmentBlobs" ADD "ObjectKey" character varying(300) NULL;
