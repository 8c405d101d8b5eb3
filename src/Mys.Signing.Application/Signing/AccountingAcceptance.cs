using Mys.Signing.Application.Accounting;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Signing;

/// <summary>The accounting officer's step over the acceptance use case's shared part (<see cref="AccountingReview"/>).</summary>
internal sealed class AccountingAcceptance(AccountingReview review, MysDbContext db) : IAccountingAcceptance
{
    public Task<IReadOnlyList<string>> ReportProblemsAsync(PaymentOrder order, SignedPaymentOrderDocument document, CancellationToken ct) =>
        review.ReportProblemsAsync(order, document, ct);

    public Task<(string? Sha256, string? Error)> StoreLongTermAsync(byte[] pdf, CancellationToken ct) => review.StoreLongTermAsync(pdf, ct);

    public void RecordAccepted(PaymentOrder order, string previousSha256, string? longTermSha256, object signature) =>
        AccountingReview.RecordAccepted(db, order, previousSha256, longTermSha256, signature);
}
