using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Pades;

namespace Mys.Signing.Application.Signing;

/// <summary>What completing one prepared ÖEB produced before the commit: the stored signed revision, or why not.</summary>
public sealed record SignOutcome(PadesCompleted? Completed, string? RevisionSha256, string? SignerName, string? Code, string? Message)
{
    /// <summary>The accounting officer's step: the B-LT revision stored after the signed one (the document's new current revision).</summary>
    public string? LongTermSha256 { get; init; }

    /// <summary>The revision the document points at once committed.</summary>
    public string? CurrentSha256 => LongTermSha256 ?? RevisionSha256;

    public static readonly SignOutcome Changed = new(null, null, null, "DOCUMENT_CHANGED", null);

    public static SignOutcome Failed(string code, string message) => new(null, null, null, code, message);
}

/// <summary>
/// Completes one prepared ÖEB without touching a DbContext (so many run at once): verifies the card's value against
/// the certificate before it is embedded, time-stamps (B-T), validates the result and stores the revision; for the
/// accounting officer also the B-LT revision over it.
/// </summary>
public sealed class SignatureAssembly(SigningComponents signing, IAttachmentStore store, IAccountingAcceptance acceptance, ILogger<SignatureAssembly> logger)
{
    public async Task<SignOutcome> SignAsync(StoredItemState item, string signatureBase64, CancellationToken ct)
    {
        byte[] value;
        try
        {
            value = Convert.FromBase64String(signatureBase64 ?? string.Empty);
        }
        catch (FormatException)
        {
            return SignOutcome.Failed("SIGNATURE_MALFORMED", "İmza değeri okunamadı (base64 değil).");
        }

        PadesPrepared? prepared;
        await using (var basePdf = await store.OpenReadAsync(item.BaseSha256, ct))
        {
            prepared = basePdf is null ? null : await item.WithBaseAsync(basePdf, ct);
        }

        if (prepared is null)
        {
            return SignOutcome.Failed("DOCUMENT_MISSING", "ÖEB'nin belgesi depoda bulunamadı; sistem yöneticisine bildirin.");
        }

        // The prepared state was rebuilt from the session for this completion only: no copy of its PDF.
        var completed = await signing.Pades.CompleteInPlaceAsync(prepared, value, ct);
        if (completed.Error is { Code: "TSA_UNAVAILABLE" } tsaDown)
        {
            // Retried and timed out by the HTTP client's resilience pipeline already; nothing of this ÖEB was stored.
            logger.LogWarning("ÖEB {OrderId} not signed: time-stamp authority unavailable ({Detail})", item.PaymentOrderId, tsaDown.Message);
            return SignOutcome.Failed(tsaDown.Code, CompleteSignatures.TimeStampUnavailableMessage);
        }

        if (!completed.IsSuccess)
        {
            return SignOutcome.Failed(completed.Error!.Code, completed.Error.Message);
        }

        var validation = await signing.DocumentValidator.ValidatePdfAsync(completed.Value.Pdf, ct);
        if (!validation.Signatures.All(s => s.IsPassed) || validation.Signatures.Count == 0)
        {
            logger.LogError("Signed ÖEB {OrderId} failed validation: {Report}", item.PaymentOrderId, validation.ToJson());
            return SignOutcome.Failed("SIGNED_DOCUMENT_INVALID", "İmzalı belge doğrulamadan geçmedi: " + validation.Message);
        }

        // Stored before the state change (content-addressed; a revision whose ÖEB then fails to move on stays unreferenced).
        var revision = await store.SaveGeneratedAsync(completed.Value.Pdf, ContentKind.Pdf, ct);
        var outcome = new SignOutcome(completed.Value, revision.Sha256, validation.Signatures[^1].SignerName, null, null);
        if (item.Role != Role.AccountingOfficer)
        {
            return outcome;
        }

        // Acceptance raises the document to B-LT: /DSS with the validation data of all three signatures.
        var longTerm = await acceptance.StoreLongTermAsync(completed.Value.Pdf, ct);
        if (longTerm.Error is { } error)
        {
            logger.LogError("ÖEB {OrderId} signed by the accounting officer but the B-LT upgrade failed: {Error}", item.PaymentOrderId, error);
            return SignOutcome.Failed("LONG_TERM_FAILED", error);
        }

        return outcome with { LongTermSha256 = longTerm.Sha256 };
    }
}
