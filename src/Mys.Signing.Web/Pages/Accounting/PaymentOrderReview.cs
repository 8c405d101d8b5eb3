using Mys.Signing.Application.Accounting;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// The names the accounting officer's signing step (<c>PaymentOrderSigningService</c>) still calls; they are
/// <see cref="AccountingReview"/>'s. Goes when the signing step takes <see cref="AccountingReview"/> itself.
/// </summary>
public sealed class PaymentOrderReview(AccountingReview review)
{
    public Task<IReadOnlyList<string>> ReportProblemsAsync(PaymentOrder order, SignedPaymentOrderDocument? document, CancellationToken ct) =>
        review.ReportProblemsAsync(order, document, ct);

    public Task<(string? Sha256, string? Error)> StoreLongTermAsync(byte[]? pdf, CancellationToken ct) => review.StoreLongTermAsync(pdf, ct);

    public static void RecordAccepted(MysDbContext db, PaymentOrder order, string? previousSha256, string? longTermSha256, object? signature) =>
        AccountingReview.RecordAccepted(db, order, previousSha256, longTermSha256, signature);
}
