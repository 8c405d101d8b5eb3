using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>
/// Lifecycle. Legal transitions:
/// <code>
/// Draft ──SubmitForSignature──▶ AwaitingRealizationSignature ──RecordRealizationSignature──▶
///   AwaitingSpendingAuthoritySignature ──RecordSpendingAuthoritySignature──▶ SentToAccounting
/// Draft ──SendWithWetSignatures (R11)──▶ SentToAccounting (marked wet-signed, no e-signatures)
/// SentToAccounting ──Accept──▶ Accepted | ──AcceptSigned (accounting officer's e-signature)──▶ Accepted
/// SentToAccounting ──Return(reason)──▶ Returned ──StartNewVersion──▶ new Draft
/// Draft ──Cancel──▶ Cancelled
/// </code>
/// Any other call throws <see cref="DomainException"/> (<c>PO_TRANSITION</c>), as does a caller in the wrong
/// role (<c>PO_ROLE</c>). Forward transitions (submit, signatures, wet-signature send, accept) evaluate the whole
/// rule set on the resulting state; if any rule fails, nothing changes and the report lists the violations.
/// Return and Cancel are always allowed from their source state: they move the ÖEB away from payment.
/// </summary>
public sealed partial class PaymentOrder
{
    public SignatureRecord? RealizationSignature { get; private set; }

    public SignatureRecord? SpendingAuthoritySignature { get; private set; }

    /// <summary>The accounting officer's optional e-signature, given on acceptance (third signature field).</summary>
    public SignatureRecord? AccountingOfficerSignature { get; private set; }

    public Guid? SubmittedBy { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Who accepted, returned or cancelled, and when.</summary>
    public Guid? ClosedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>İade gerekçesi or iptal gerekçesi.</summary>
    public string? ClosingReason { get; private set; }

    /// <summary>Draft → AwaitingRealizationSignature, by the data-entry officer (or the realization officer preparing it).</summary>
    public RuleReport SubmitForSignature(Actor actor, DateTimeOffset at, ITransitionRules rules, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureStatus(PaymentOrderStatus.Draft, "imzaya gönderilemez");
        RequirePreparer(actor);
        var report = TryMove(PaymentOrderStatus.AwaitingRealizationSignature, rules, context);
        if (report.IsSatisfied)
        {
            SubmittedBy = actor.UserId;
            SubmittedAt = at;
        }

        return report;
    }

    /// <summary>AwaitingRealizationSignature → AwaitingSpendingAuthoritySignature; the signer must be a realization officer (R5).</summary>
    public RuleReport RecordRealizationSignature(Actor signer, DateTimeOffset signedAt, string signatureReference, ITransitionRules rules, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentException.ThrowIfNullOrWhiteSpace(signatureReference);
        EnsureStatus(PaymentOrderStatus.AwaitingRealizationSignature, "gerçekleştirme görevlisince imzalanamaz");
        RequireRole(signer, Role.RealizationOfficer, "ÖEB'yi ilk olarak yalnızca gerçekleştirme görevlisi imzalayabilir; veri giriş görevlisi imza atamaz.");

        RealizationSignature = new SignatureRecord(signer.UserId, signer.Role, signedAt, signatureReference.Trim());
        return TryMove(PaymentOrderStatus.AwaitingSpendingAuthoritySignature, rules, context, () => RealizationSignature = null);
    }

    /// <summary>AwaitingSpendingAuthoritySignature → SentToAccounting; the signer must be a spending authority other than the realization signer (R5).</summary>
    public RuleReport RecordSpendingAuthoritySignature(Actor signer, DateTimeOffset signedAt, string signatureReference, ITransitionRules rules, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentException.ThrowIfNullOrWhiteSpace(signatureReference);
        EnsureStatus(PaymentOrderStatus.AwaitingSpendingAuthoritySignature, "harcama yetkilisince imzalanamaz");
        RequireRole(signer, Role.SpendingAuthority, "ÖEB'yi ikinci olarak yalnızca harcama yetkilisi imzalayabilir.");
        if (RealizationSignature is not null && RealizationSignature.SignerId == signer.UserId)
        {
            throw new DomainException("PO_SAME_SIGNER", "Gerçekleştirme görevlisi ile harcama yetkilisi aynı kişi olamaz.");
        }

        SpendingAuthoritySignature = new SignatureRecord(signer.UserId, signer.Role, signedAt, signatureReference.Trim());
        var report = TryMove(PaymentOrderStatus.SentToAccounting, rules, context, () => SpendingAuthoritySignature = null);
        if (report.IsSatisfied)
        {
            SentAt = signedAt;
        }

        return report;
    }

    /// <summary>SentToAccounting → Accepted, by the accounting unit.</summary>
    public RuleReport Accept(Actor actor, DateTimeOffset at, ITransitionRules rules, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureStatus(PaymentOrderStatus.SentToAccounting, "kabul edilemez");
        RequireAccounting(actor);
        var report = TryMove(PaymentOrderStatus.Accepted, rules, context);
        if (report.IsSatisfied)
        {
            Close(actor, at, null);
        }

        return report;
    }

    /// <summary>
    /// SentToAccounting → Accepted with the accounting officer's own e-signature: only an accounting officer (staff
    /// accept without signing), never the person who signed as realization officer or spending authority.
    /// </summary>
    public RuleReport AcceptSigned(Actor officer, DateTimeOffset signedAt, string signatureReference, ITransitionRules rules, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentException.ThrowIfNullOrWhiteSpace(signatureReference);
        EnsureStatus(PaymentOrderStatus.SentToAccounting, "kabul edilemez");
        RequireRole(officer, Role.AccountingOfficer, "ÖEB'yi kabulde yalnızca muhasebe yetkilisi e-imzalayabilir; muhasebe personeli imzasız kayda alır.");
        if (IsWetSigned)
        {
            throw new DomainException("PO_WET_SIGNED", "Islak imzalı gönderilen ÖEB'nin e-imzalı belgesi yok; muhasebe yetkilisi e-imzası eklenemez.");
        }

        if (RealizationSignature?.SignerId == officer.UserId || SpendingAuthoritySignature?.SignerId == officer.UserId)
        {
            throw new DomainException("PO_SAME_SIGNER", "ÖEB'yi gerçekleştirme görevlisi veya harcama yetkilisi olarak imzalayan kişi muhasebe yetkilisi olarak da imzalayamaz.");
        }

        AccountingOfficerSignature = new SignatureRecord(officer.UserId, officer.Role, signedAt, signatureReference.Trim());
        var report = TryMove(PaymentOrderStatus.Accepted, rules, context, () => AccountingOfficerSignature = null);
        if (report.IsSatisfied)
        {
            Close(officer, signedAt, null);
        }

        return report;
    }

    /// <summary>SentToAccounting → Returned, by the accounting unit, with a mandatory reason.</summary>
    public void Return(Actor actor, DateTimeOffset at, string reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureStatus(PaymentOrderStatus.SentToAccounting, "iade edilemez");
        RequireAccounting(actor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("PO_RETURN_REASON", "İade gerekçesi yazılmalıdır.");
        }

        Status = PaymentOrderStatus.Returned;
        Close(actor, at, reason.Trim());
    }

    /// <summary>Draft → Cancelled, by the spending unit.</summary>
    public void Cancel(Actor actor, DateTimeOffset at, string? reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EnsureStatus(PaymentOrderStatus.Draft, "iptal edilemez");
        if (actor.Role is not (Role.DataEntryOfficer or Role.RealizationOfficer or Role.SpendingAuthority))
        {
            throw new DomainException("PO_ROLE", "ÖEB'yi yalnızca harcama biriminin görevlileri iptal edebilir.");
        }

        Status = PaymentOrderStatus.Cancelled;
        Close(actor, at, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
    }

    // Moves to the target state, evaluates the rules on it, and restores the previous state (running undo for
    // whatever the caller changed first) when a rule fails or the evaluation throws.
    private RuleReport TryMove(PaymentOrderStatus target, ITransitionRules rules, RuleContext context, Action? undo = null)
    {
        var previous = Status;
        var kept = false;
        try
        {
            ArgumentNullException.ThrowIfNull(rules);
            ArgumentNullException.ThrowIfNull(context);
            Status = target;
            var report = rules.Evaluate(this, context);
            kept = report.IsSatisfied;
            return report;
        }
        finally
        {
            if (!kept)
            {
                Status = previous;
                undo?.Invoke();
            }
        }
    }

    private void Close(Actor actor, DateTimeOffset at, string? reason)
    {
        ClosedBy = actor.UserId;
        ClosedAt = at;
        ClosingReason = reason;
    }

    private void EnsureStatus(PaymentOrderStatus expected, string what)
    {
        if (Status != expected)
        {
            throw new DomainException("PO_TRANSITION", $"ÖEB '{Status.TurkishName()}' durumunda; {what}.");
        }
    }

    private static void RequireRole(Actor actor, Role role, string message)
    {
        if (actor.Role != role)
        {
            throw new DomainException("PO_ROLE", message);
        }
    }

    private static void RequireAccounting(Actor actor)
    {
        if (actor.Role is not (Role.AccountingOfficer or Role.AccountingStaff))
        {
            throw new DomainException("PO_ROLE", "Bu işlemi yalnızca muhasebe biriminin yetkilisi veya personeli yapabilir.");
        }
    }
}
