-- The hourly purge of expired card-flow rows deletes verification codes by expiry in batches.
CREATE INDEX "IX_SigningCodes_ExpiresAt" ON "SigningCodes" ("ExpiresAt");
