namespace Mys.Signing.Infrastructure.Signing;

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
/// </summary>
public sealed class SignedPaymentOrderDocument
{
    /// <summary>The ÖEB version (each version is its own PaymentOrder row).</summary>
    public Guid PaymentOrderId { get; init; }

    /// <summary>Printed on the PDF and typed on the public verification page: 80 random bits, not guessable.</summary>
    public required string VerificationCode { get; init; }

    /// <summary>SHA-256 (hex) of the unsigned rendering.</summary>
    public required string RenderedSha256 { get; init; }

    /// <summary>SHA-256 (hex) of the newest revision.</summary>
    public required string CurrentSha256 { get; set; }

    public SignedDocumentStage Stage { get; set; }

    public DateTimeOffset RenderedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
