using System.Text.Json;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Accounting;

/// <summary>
/// "İade Et": the accounting unit's officer or staff return an ÖEB sent to their unit, with a reason the spending unit
/// sees. The signed version stays as it is. Refused: nothing is saved.
/// </summary>
public sealed class ReturnPaymentOrder(AccountingReview review)
{
    public const int MaxReasonLength = 2000;

    public async Task<ReviewOutcome> ExecuteAsync(Actor actor, Guid accountingUnitId, Guid paymentOrderId, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (order, reviewer, refused) = await review.StartAsync(actor, accountingUnitId, paymentOrderId, "Return", ct);
        if (refused is not null)
        {
            return refused;
        }

        if (reason?.Length > MaxReasonLength)
        {
            return ReviewOutcome.Refused(RefusalKind.Invalid, "reason-too-long", $"İade gerekçesi en çok {MaxReasonLength} karakter olabilir.");
        }

        try
        {
            order!.Return(reviewer!, review.Clock.GetUtcNow(), reason ?? string.Empty);
        }
        catch (DomainException ex)
        {
            return ReviewOutcome.Refused(RefusalKind.Unprocessable, ex.Code, ex.Message);
        }

        review.Db.RecordEvent("PaymentOrderReturned", nameof(PaymentOrder), order.Id.ToString(), JsonSerializer.Serialize(new
        {
            number = order.Number.Value,
            version = order.Version,
            reason = order.ClosingReason,
        }));
        return await review.SaveAsync(order, "ÖEB iade edildi; harcama birimi gerekçeyi görecek.", ct);
    }
}
