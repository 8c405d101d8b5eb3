using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Actor = Mys.Signing.Application.Access.Actor;
using Reviewer = Mys.Signing.Domain.PaymentOrders.Actor;

namespace Mys.Signing.Application.Accounting;

/// <summary>What accept or return did: done with its message, or refused (nothing saved) with the reasons.</summary>
public sealed record ReviewOutcome(string Message, Refusal? Refusal, IReadOnlyList<string> Problems)
{
    public bool Done => Refusal is null;

    public static ReviewOutcome Completed(string message) => new(message, null, []);

    public static ReviewOutcome Refused(RefusalKind kind, string code, string message, IReadOnlyList<string>? problems = null) =>
        new(message, new Refusal(kind, code, message), problems ?? []);
}

/// <summary>
/// What the accounting unit's review shares: the ÖEBs sent to a unit, who acts for the unit, the B-LT upgrade of an
/// accepted document and its audit event (also used by the accounting officer's signing step), and the save.
/// </summary>
public sealed class AccountingReview(
    MysDbContext db, IAttachmentStore store, BuildVerificationReport reports, SignatureValidation validation, PaymentOrderSupport support,
    ILogger<AccountingReview> logger)
{
    internal MysDbContext Db => db;

    internal BuildVerificationReport Reports => reports;

    internal TimeProvider Clock => support.Clock;

    public Task<PaymentOrder?> FindAsync(Guid accountingUnitId, Guid id, CancellationToken ct) =>
        db.PaymentOrders.SingleOrDefaultAsync(o => o.Id == id && o.AccountingUnitId == accountingUnitId && o.SentAt != null, ct);

    public Task<SignedPaymentOrderDocument?> DocumentAsync(Guid id, CancellationToken ct) =>
        db.SignedPaymentOrderDocuments.SingleOrDefaultAsync(d => d.PaymentOrderId == id, ct);

    /// <summary>
    /// The role <paramref name="actor"/> reviews in for the accounting unit (its officer first, as the page filter
    /// picks it), or null when they hold neither role there.
    /// </summary>
    public static Role? ReviewingRole(Actor actor, Guid accountingUnitId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return !actor.IsActive ? null
            : actor.Holds(Role.AccountingOfficer, accountingUnitId) ? Role.AccountingOfficer
            : actor.Holds(Role.AccountingStaff, accountingUnitId) ? Role.AccountingStaff
            : null;
    }

    /// <summary>
    /// The ÖEB sent to the unit, once the actor is known to review for it: Forbidden when they do not, NotFound when
    /// the unit has no such sent ÖEB.
    /// </summary>
    internal async Task<(PaymentOrder? Order, Reviewer? Reviewer, ReviewOutcome? Refused)> StartAsync(
        Actor actor, Guid accountingUnitId, Guid id, string what, CancellationToken ct)
    {
        if (ReviewingRole(actor, accountingUnitId) is not { } role)
        {
            logger.LogWarning("{What} of ÖEB {OrderId} refused: user {UserId} does not review for accounting unit {UnitId}", what, id, actor.Id, accountingUnitId);
            return (null, null, ReviewOutcome.Refused(RefusalKind.Forbidden, "not-reviewer", "Bu muhasebe biriminin ÖEB'leri üzerinde işlem yetkiniz yok."));
        }

        return await FindAsync(accountingUnitId, id, ct) is { } order
            ? (order, new Reviewer(actor.Id, role), null)
            : (null, null, ReviewOutcome.Refused(RefusalKind.NotFound, "not-found", "ÖEB bulunamadı."));
    }

    /// <summary>Every reason the verification report of the stored document is not green (empty: it holds).</summary>
    public async Task<IReadOnlyList<string>> ReportProblemsAsync(PaymentOrder order, SignedPaymentOrderDocument? document, CancellationToken ct) =>
        (await reports.BuildAsync(order, document, ct)).Problems;

    /// <summary>
    /// Raises a signed revision to B-LT (/DSS incremental update with every certificate and the OCSP/CRL answers of the
    /// moment) and stores it; touches no DbContext. Error: a Turkish reason, the revision is then not stored.
    /// </summary>
    public async Task<(string? Sha256, string? Error)> StoreLongTermAsync(byte[]? pdf, CancellationToken ct)
    {
        var extended = pdf is null ? null : await validation.Extender().AddValidationDataAsync(pdf, validation.TrustAnchors, ct);
        if (extended is null || !extended.IsSuccess)
        {
            return (null, "Uzun süreli doğrulama verisi (B-LT) eklenemedi: " + (extended?.Error?.Message ?? "belge depoda yok") + " Daha sonra yeniden deneyin.");
        }

        using var stream = new MemoryStream(extended.Value, writable: false);
        var stored = await store.SaveAsync(stream, ContentKind.Pdf, long.MaxValue, ct);
        return stored.IsSuccess ? (stored.Value.Sha256, null) : (null, "B-LT belge saklanamadı: " + stored.Error!.Message);
    }

    /// <summary>The PaymentOrderAccepted audit event; <paramref name="signature"/> describes the accounting officer's e-signature, if given.</summary>
    public static void RecordAccepted(MysDbContext db, PaymentOrder order, string? previousSha256, string? longTermSha256, object? signature)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(order);
        db.RecordEvent("PaymentOrderAccepted", nameof(PaymentOrder), order.Id.ToString(), JsonSerializer.Serialize(new
        {
            number = order.Number.Value,
            version = order.Version,
            previousSha256,
            longTermSha256,
            wetSigned = order.IsWetSigned,
            accountingOfficerSignature = signature,
        }));
    }

    /// <summary>Saves the decision; refused (nothing saved) when someone else changed the ÖEB meanwhile.</summary>
    internal async Task<ReviewOutcome> SaveAsync(PaymentOrder order, string message, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Save of ÖEB {OrderId} refused: changed by someone else since it was read", order.Id);
            db.ChangeTracker.Clear();
            return ReviewOutcome.Refused(RefusalKind.Conflict, "changed", "ÖEB siz işlem yaparken değiştirildi; sayfayı yenileyip yeniden deneyin.");
        }

        logger.LogInformation("ÖEB {OrderId} {Status}", order.Id, order.Status);
        return ReviewOutcome.Completed(message);
    }
}
