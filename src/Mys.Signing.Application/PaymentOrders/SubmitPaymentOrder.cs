using System.Text.Json;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>The outcome of "İmzaya Gönder": submitted, or the rule violations that keep the ÖEB a draft.</summary>
public sealed record Submission(PaymentOrder Order, IReadOnlyList<RuleViolation> Violations)
{
    public bool Submitted => Violations.Count == 0;
}

/// <summary>The data-entry officer sends a draft ÖEB to the realization officer for signature ("İmzaya Gönder").</summary>
public sealed class SubmitPaymentOrder(MysDbContext db, DataEntryOrders orders, ILogger<SubmitPaymentOrder> logger)
{
    public async Task<Outcome<Submission>> RunAsync(Actor actor, Guid unitId, Guid id, uint formVersion, CancellationToken ct)
    {
        var found = await orders.FindAsync(actor, unitId, id, ct);
        if (found.Value is not { } order)
        {
            return found.Refusal!;
        }

        if (!order.IsEditable)
        {
            return orders.Refuse(DataEntryOrders.NotEditable(order, "imzaya gönderilemez"));
        }

        var support = orders.Support;
        support.ExpectRowVersion(order, formVersion);
        var context = await support.RuleContextAsync(order, ct);
        var report = order.SubmitForSignature(new Domain.PaymentOrders.Actor(actor.Id, Role.DataEntryOfficer), support.Clock.GetUtcNow(), PaymentOrderRuleSet.Default, context);
        if (!report.IsSatisfied)
        {
            logger.LogInformation("Submit of ÖEB {OrderId} refused: {Codes}", order.Id, string.Join(",", report.Violations.Select(v => v.Code)));
            orders.Forget();
            return new Submission(order, report.Violations);
        }

        db.RecordEvent("PaymentOrderSubmitted", nameof(PaymentOrder), order.Id.ToString(),
            JsonSerializer.Serialize(new { number = order.Number.Value, status = order.Status.ToString(), attachments = order.Attachments.Count, gross = order.GrossAmount.ToString() }));
        if (await orders.SaveAsync(logger, "Bu ÖEB siz incelerken değiştirildi. Güncel hâlini kontrol edip yeniden gönderin.", ct) is { } stale)
        {
            return stale;
        }

        logger.LogInformation("ÖEB {OrderId} submitted for signature", order.Id);
        return new Submission(order, []);
    }
}
