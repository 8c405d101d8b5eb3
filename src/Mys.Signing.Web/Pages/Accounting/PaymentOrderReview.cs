using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Pages.PaymentOrders;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>What accept or return did: done, or refused with the reasons (nothing saved).</summary>
public sealed record ReviewOutcome(bool Done, string Message, IReadOnlyList<string> Problems)
{
    public static ReviewOutcome Refused(string message, IReadOnlyList<string>? problems = null) => new(false, message, problems ?? []);
}

/// <summary>
/// "Kayda Al" and "İade Et". Accepting re-runs the verification report, moves the ÖEB to Accepted and raises the
/// signed PDF to B-LT (/DSS with every certificate and the OCSP/CRL answers of the moment, as an incremental update
/// stored as a new revision). Returning needs a reason the spending unit sees; the signed version stays as it is.
/// </summary>
public sealed class PaymentOrderReview(
    MysDbContext db, IAttachmentStore store, BuildVerificationReport reports, SignatureValidation validation, PaymentOrderSupport support,
    ILogger<PaymentOrderReview> logger)
{
    public Task<PaymentOrder?> FindAsync(Guid accountingUnitId, Guid id, CancellationToken ct) =>
        db.PaymentOrders.SingleOrDefaultAsync(o => o.Id == id && o.AccountingUnitId == accountingUnitId && o.SentAt != null, ct);

    public Task<SignedPaymentOrderDocument?> DocumentAsync(Guid id, CancellationToken ct) =>
        db.SignedPaymentOrderDocuments.SingleOrDefaultAsync(d => d.PaymentOrderId == id, ct);

    public async Task<ReviewOutcome> AcceptAsync(PaymentOrder order, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status != PaymentOrderStatus.SentToAccounting)
        {
            return ReviewOutcome.Refused($"ÖEB '{order.Status.TurkishName()}' durumunda; kayda alınamaz.");
        }

        var document = await DocumentAsync(order.Id, ct);
        if (document is null && !order.IsWetSigned)
        {
            return ReviewOutcome.Refused("Bu ÖEB'nin e-imzalı belgesi yok; kayda alınamaz.");
        }

        var report = await reports.BuildAsync(order, document, ct);
        if (document is not null && !report.AllHold)
        {
            logger.LogWarning("Accept of ÖEB {OrderId} refused: {Problems}", order.Id, report.Problems);
            return ReviewOutcome.Refused("Doğrulama raporu olumlu değil; ÖEB kayda alınamaz. İade edebilirsiniz.", report.Problems);
        }

        var now = support.Clock.GetUtcNow();
        RuleReport rules;
        try
        {
            rules = order.Accept(actor, now, PaymentOrderRuleSet.Default, await support.RuleContextAsync(order, ct));
        }
        catch (DomainException ex)
        {
            return ReviewOutcome.Refused(ex.Message);
        }

        if (!rules.IsSatisfied)
        {
            return ReviewOutcome.Refused("ÖEB kurallara uymuyor; kayda alınamaz.", rules.Violations.Select(v => $"{v.Code}: {v.Message}").ToList());
        }

        string? previous = null;
        if (document is not null)
        {
            var pdf = await reports.ReadAsync(document.CurrentSha256.Trim(), ct);
            var stored = await StoreLongTermAsync(pdf, ct);
            if (stored.Error is { } error)
            {
                db.ChangeTracker.Clear();
                logger.LogWarning("Accept of ÖEB {OrderId} refused: B-LT upgrade failed ({Error})", order.Id, error);
                return ReviewOutcome.Refused(error);
            }

            previous = document.CurrentSha256.Trim();
            document.RaiseToLongTerm(stored.Sha256!, now);
        }

        RecordAccepted(db, order, previous, document?.CurrentSha256, null);
        return await SaveAsync(order, "ÖEB kayda alındı; imzalar uzun süreli doğrulanabilir (PAdES B-LT) hale getirildi.", ct);
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

    public async Task<ReviewOutcome> ReturnAsync(PaymentOrder order, Actor actor, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        try
        {
            order.Return(actor, support.Clock.GetUtcNow(), reason ?? string.Empty);
        }
        catch (DomainException ex)
        {
            return ReviewOutcome.Refused(ex.Message);
        }

        db.RecordEvent("PaymentOrderReturned", nameof(PaymentOrder), order.Id.ToString(), JsonSerializer.Serialize(new
        {
            number = order.Number.Value,
            version = order.Version,
            reason = order.ClosingReason,
        }));
        return await SaveAsync(order, "ÖEB iade edildi; harcama birimi gerekçeyi görecek.", ct);
    }

    private async Task<ReviewOutcome> SaveAsync(PaymentOrder order, string message, CancellationToken ct)
    {
        if (!await db.TrySaveChangesAsync(logger, ct))
        {
            return ReviewOutcome.Refused("ÖEB siz işlem yaparken değiştirildi; sayfayı yenileyip yeniden deneyin.");
        }

        logger.LogInformation("ÖEB {OrderId} {Status}", order.Id, order.Status);
        return new ReviewOutcome(true, message, []);
    }
}
