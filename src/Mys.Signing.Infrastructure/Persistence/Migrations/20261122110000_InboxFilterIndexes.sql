-- The accounting inbox filtered by spending unit (newest sent first) and searched by document number.
CREATE INDEX "IX_PaymentOrders_AccountingUnitId_SpendingUnitId_SentAt" ON "PaymentOrders" ("AccountingUnitId", "SpendingUnitId", "SentAt");

CREATE INDEX "IX_PaymentOrders_AccountingUnitId_Number" ON "PaymentOrders" ("AccountingUnitId", "Number");
