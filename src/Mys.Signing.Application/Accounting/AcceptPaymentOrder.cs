using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Signing;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Accounting;

/// <summary>
/// "Kayda Al": the accounting unit's officer or staff accept an ÖEB sent to their unit. Re-runs the verification
/// report (an e-signed ÖEB must be green), moves the ÖEB to Accepted under the rules, and raises the signed PDF to
/// B-LT (/DSS with every certificate and the OCSP/CRL answers of the moment, as an incremental update stored as a new
/// revision). A wet-signed ÖEB is accepted without a document. Refused: nothing is saved.
/// </summary>
public sealed class AcceptPaymentOrder(AccountingReview review, PaymentOrderSupport support, ILogger<AcceptPaymentOrder> logger)
{
    public async Task<ReviewOutcome> ExecuteAsync(Actor actor, Guid accountingUnitId, Guid paymentOrderId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (order, reviewer, refused) = await review.StartAsync(actor, accountingUnitId, paymentOrderId, "Accept", ct);
        if (refused is not null)
        {
            return refused;
        }

        if (order!.Status != PaymentOrderStatus.SentToAccounting)
        {
            return ReviewOutcome.Refused(RefusalKind.Conflict, "status", $"ÖEB '{order.Status.TurkishName()}' durumunda; kayda alınamaz.");
        }

        var document = await review.DocumentAsync(order.Id, ct);
        if (document is null && !order.IsWetSigned)
        {
            return ReviewOutcome.Refused(RefusalKind.Unprocessable, "no-document", "Bu ÖEB'nin e-imzalı belgesi yok; kayda alınamaz.");
        }

        var report = await review.Reports.BuildAsync(order, document, ct);
        if (document is not null && !report.AllHold)
        {
            logger.LogWarning("Accept of ÖEB {OrderId} refused: {Problems}", order.Id, report.Problems);
            return ReviewOutcome.Refused(RefusalKind.Unprocessable, "report", "Doğrulama raporu olumlu değil; ÖEB kayda alınamaz. İade edebilirsiniz.", report.Problems);
        }

        var now = review.Clock.GetUtcNow();
        RuleReport rules;
        try
        {
            rules = order.Accept(reviewer!, now, PaymentOrderRuleSet.Default, await support.RuleContextAsync(order, ct));
        }
        catch (DomainException ex)
        {
            return ReviewOutcome.Refused(RefusalKind.Unprocessable, ex.Code, ex.Message);
        }

        if (!rules.IsSatisfied)
        {
            return ReviewOutcome.Refused(RefusalKind.Unprocessable, "rules", "ÖEB kurallara uymuyor; kayda alınamaz.",
                rules.Violations.Select(v => $"{v.Code}: {v.Message}").ToList());
        }

        string? previous = null;
        if (document is not null)
        {
            var stored = await review.StoreLongTermAsync(await review.Reports.ReadAsync(document.CurrentSha256.Trim(), ct), ct);
            if (stored.Error is { } error)
            {
                review.Db.ChangeTracker.Clear();
                logger.LogWarning("Accept of ÖEB {OrderId} refused: B-LT upgrade failed ({Error})", order.Id, error);
                return ReviewOutcome.Refused(RefusalKind.Unavailable, "long-term", error);
            }

            previous = document.CurrentSha256.Trim();
            document.RaiseToLongTerm(stored.Sha256!, now);
        }

        AccountingReview.RecordAccepted(review.Db, order, previous, document?.CurrentSha256, null);
        return await review.SaveAsync(order, "ÖEB kayda alındı; imzalar uzun süreli doğrulanabilir (PAdES B-LT) hale getirildi.", ct);
    }
}
