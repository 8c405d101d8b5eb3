using Mys.Signing.Domain.Access;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>The R11 wet-signature path: Draft → SentToAccounting without e-signatures, under the Ministry's approval.</summary>
public sealed partial class PaymentOrder
{
    /// <summary>R11: the Ministry approval under which this ÖEB went with wet signatures; null on the e-signature path.</summary>
    public WetSignatureApproval? WetSignature { get; private set; }

    /// <summary>True when the ÖEB was sent with wet signatures under R11 and skipped e-signing.</summary>
    public bool IsWetSigned { get; private set; }

    /// <summary>
    /// R11: Draft → SentToAccounting with wet signatures, under the Ministry's approval. Only a spending
    /// authority may choose it; rule R11 checks the approval's date, number and reason.
    /// </summary>
    public RuleReport SendWithWetSignatures(
        Actor actor, DateOnly? approvalDate, string? approvalNumber, string? reason, DateTimeOffset at, ITransitionRules rules, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureStatus(PaymentOrderStatus.Draft, "ıslak imza ile gönderilemez");
        RequireRole(actor, Role.SpendingAuthority, "Islak imza ile gönderimi yalnızca harcama yetkilisi seçebilir.");

        WetSignature = new WetSignatureApproval(approvalDate, approvalNumber?.Trim(), reason?.Trim(), actor.UserId, actor.Role);
        IsWetSigned = true;
        var report = TryMove(PaymentOrderStatus.SentToAccounting, rules, context, () =>
        {
            WetSignature = null;
            IsWetSigned = false;
        });
        if (report.IsSatisfied)
        {
            SubmittedBy = actor.UserId;
            SubmittedAt = at;
            SentAt = at;
        }

        return report;
    }
}
