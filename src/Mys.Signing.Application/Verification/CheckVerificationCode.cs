using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Signatures.Validation;

namespace Mys.Signing.Application.Verification;

public sealed record PublicSigner(string Name, string Role, DateTimeOffset? At);

/// <summary>What public verification shows of a document: nothing beyond what is printed on it, and the verdict.</summary>
public sealed record PublicVerificationSummary(
    string Number, int Version, DateOnly Date, string Unit, string Status, string Code, IReadOnlyList<PublicSigner> Signers, bool Valid, string Message);

/// <summary>
/// Anyone holding a printed or exported ÖEB types its verification code (or scans the QR): the signed document it
/// names, and the summary of its current revision validated now. The throttle per client is the caller's.
/// </summary>
public sealed class CheckVerificationCode(MysDbContext db, SignatureValidation validation, BuildVerificationReport reports)
{
    /// <summary>The signed document of a code as printed (any spacing or case); null for an unknown or malformed code.</summary>
    public async Task<SignedPaymentOrderDocument?> FindAsync(string? code, CancellationToken ct)
    {
        var normalised = VerificationCode.Normalise(code);
        return normalised is null
            ? null
            : await db.SignedPaymentOrderDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.VerificationCode == normalised, ct);
    }

    public async Task<PublicVerificationSummary> SummarizeAsync(SignedPaymentOrderDocument document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var order = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == document.PaymentOrderId, ct);
        var unit = await db.SpendingUnits.AsNoTracking().Where(u => u.Id == order.SpendingUnitId).Select(u => u.Name).SingleAsync(ct);
        var pdf = await reports.ReadAsync(document.CurrentSha256.Trim(), ct);
        ValidationReport? result = pdf is null ? null : await validation.Validator(document.Stage >= SignedDocumentStage.LongTerm).ValidatePdfAsync(pdf, ct);
        var signers = result?.Signatures.Where(s => s.Kind == "PAdES").Select(s => new PublicSigner(s.SignerName ?? "—", s.Role ?? "—", s.TimeStampTime ?? s.ClaimedSigningTime)).ToList() ?? [];
        return new PublicVerificationSummary(order.Number.Value, order.Version, order.DocumentDate, unit, order.Status.TurkishName(), document.VerificationCode, signers,
            result?.Indication == Indication.TotalPassed, result?.Message ?? "Belge bulunamadı.");
    }
}
