using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>How far the ÖEB's PDF has been signed (PAdES baseline levels plus who signed).</summary>
public enum SignedDocumentStage
{
    /// <summary>Rendered for the first signature; no signature yet.</summary>
    Rendered = 0,

    /// <summary>Signed by the realization officer (B-T).</summary>
    RealizationSigned = 1,

    /// <summary>Signed by the spending authority as well (B-T); this is what is sent to the accounting unit.</summary>
    SpendingAuthoritySigned = 2,

    /// <summary>The accounting unit accepted it: /DSS with certificates and revocation data added (B-LT).</summary>
    LongTerm = 3,

    /// <summary>A document time-stamp was added over the B-LT file (B-LTA).</summary>
    Archived = 4,
}

/// <summary>
/// The PDF of one ÖEB version as it travels through signing: rendered once (with its verification code printed on
/// it) before the first signature, then extended by incremental updates. Every revision's bytes live in the
/// content-addressed attachment store under their SHA-256; this row points at the newest. The domain's
/// SignatureRecord.SignatureReference is the SHA-256 of the revision that signature produced.
/// It moves on only through its methods, each from the stage it follows (<see cref="SignerStep"/>).
/// </summary>
public sealed class SignedPaymentOrderDocument
{
    private SignedPaymentOrderDocument()
    {
    }

    /// <summary>The ÖEB version (each version is its own PaymentOrder row).</summary>
    public Guid PaymentOrderId { get; private init; }

    /// <summary>Printed on the PDF and typed on the public verification page: 80 random bits, not guessable.</summary>
    public string VerificationCode { get; private init; } = string.Empty;

    /// <summary>SHA-256 (hex) of the unsigned rendering.</summary>
    public string RenderedSha256 { get; private init; } = string.Empty;

    /// <summary>SHA-256 (hex) of the newest revision.</summary>
    public string CurrentSha256 { get; private set; } = string.Empty;

    public SignedDocumentStage Stage { get; private set; }

    public DateTimeOffset RenderedAt { get; private init; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The first rendering of an ÖEB version, before any signature.</summary>
    public static SignedPaymentOrderDocument Rendered(Guid paymentOrderId, string verificationCode, string renderedSha256, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verificationCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(renderedSha256);
        return new SignedPaymentOrderDocument
        {
            PaymentOrderId = paymentOrderId,
            VerificationCode = verificationCode,
            RenderedSha256 = renderedSha256,
            CurrentSha256 = renderedSha256,
            Stage = SignedDocumentStage.Rendered,
            RenderedAt = at,
            UpdatedAt = at,
        };
    }

    /// <summary>
    /// The signer of <paramref name="step"/> signed: <paramref name="revisionSha256"/> (for the accounting officer the
    /// B-LT revision over the signed one) becomes current and the document moves to the stage that follows.
    /// </summary>
    public void RecordSigned(SignerStep step, string revisionSha256, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(step);
        MoveOn(step.Before, step.After, revisionSha256, at);
    }

    /// <summary>Accepted without a signature of the accounting unit: the validation data make the signed revision B-LT.</summary>
    public void RaiseToLongTerm(string longTermSha256, DateTimeOffset at) =>
        MoveOn(SignedDocumentStage.SpendingAuthoritySigned, SignedDocumentStage.LongTerm, longTermSha256, at);

    /// <summary>A document time-stamp over the B-LT file (or over an earlier archive time-stamp, renewed before it expires).</summary>
    public void Archive(string archivedSha256, DateTimeOffset at)
    {
        if (Stage is not (SignedDocumentStage.LongTerm or SignedDocumentStage.Archived))
        {
            throw StageError(SignedDocumentStage.LongTerm);
        }

        MoveOn(Stage, SignedDocumentStage.Archived, archivedSha256, at);
    }

    private void MoveOn(SignedDocumentStage from, SignedDocumentStage to, string sha256, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        if (Stage != from)
        {
            throw StageError(from);
        }

        CurrentSha256 = sha256;
        Stage = to;
        UpdatedAt = at;
    }

    private DomainException StageError(SignedDocumentStage expected) =>
        new("DOCUMENT_STAGE", $"ÖEB'nin imzalı belgesi '{Stage}' aşamasında; '{expected}' aşamasından sonraki adım uygulanamaz.");
}
