-- A signing session's prepared state is binary (SigningSessionFormat in the application's signing feature), no longer
-- JSON text: a 100-ÖEB batch's text was ≈ 0.4 M characters, copied as UTF-16 and UTF-8 strings on the large-object heap.
-- A session prepared before this version cannot be completed by it (its state is in the earlier format): one still
-- open is expired now, so completing it answers "session expired" and the signer prepares again (a session lives 5
-- minutes). Its text is kept as UTF-8 bytes, which the app also refuses as "session expired".
UPDATE "SigningSessions" SET "ExpiresAt" = now() WHERE "CompletedAt" IS NULL AND "ExpiresAt" > now();

ALTER TABLE "SigningSessions" ALTER COLUMN "PreparedState" TYPE bytea USING convert_to("PreparedState", 'UTF8');
