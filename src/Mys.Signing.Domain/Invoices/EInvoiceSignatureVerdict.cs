namespace Mys.Signing.Domain.Invoices;

/// <summary>What the check of an e-Fatura's XAdES signature concluded (stored with the attachment).</summary>
public enum EInvoiceVerdictStatus
{
    /// <summary>Every reference digest and the signature value verify with the embedded certificate.</summary>
    Verified = 1,

    /// <summary>Verified, but the ECDSA signature value is DER-encoded instead of XMLDSig's r‖s; the invoice is not altered.</summary>
    VerifiedNonStandardEncoding = 2,

    /// <summary>A reference digest differs: what was signed was changed after signing.</summary>
    Altered = 3,

    /// <summary>The digests match but the signature value does not verify with the embedded certificate.</summary>
    SignatureInvalid = 4,

    /// <summary>The e-Fatura carries no ds:Signature.</summary>
    NotSigned = 5,

    /// <summary>The signature could not be checked (unsupported algorithm, missing certificate, unreadable structure).</summary>
    CouldNotCheck = 6,
}

/// <summary>
/// The stored verdict on an e-Fatura's signature: the status, the Turkish sentence shown to users (what was and was not
/// checked), who signed (a Mali Mühür of a VKN or a personal NES of a TCKN) and whether that id is the supplier's,
/// when it was checked, and the SHA-256 of the XML it was checked on (the XML itself is in the attachment store).
/// </summary>
public sealed record EInvoiceSignatureVerdict(
    EInvoiceVerdictStatus Status,
    string Message,
    string? Signer,
    string? SignerTaxId,
    bool? SignerIsSupplier,
    DateTimeOffset CheckedAt,
    string? XmlSha256)
{
    public const int MaxMessageLength = 2000;
    public const int MaxSignerLength = 500;

    /// <summary>True only for a signature that verified; "could not be checked" is never a success.</summary>
    public bool IsVerified => Status is EInvoiceVerdictStatus.Verified or EInvoiceVerdictStatus.VerifiedNonStandardEncoding;

    /// <summary>The short Turkish label of the status, as the pages show it.</summary>
    public string StatusLabel => Label(Status);

    public static string Label(EInvoiceVerdictStatus status) => status switch
    {
        EInvoiceVerdictStatus.Verified => "İmza doğrulandı",
        EInvoiceVerdictStatus.VerifiedNonStandardEncoding => "İmza doğrulandı (standart dışı imza değeri kodlaması)",
        EInvoiceVerdictStatus.Altered => "Belge imzalandıktan sonra değiştirilmiş",
        EInvoiceVerdictStatus.SignatureInvalid => "İmza değeri geçersiz",
        EInvoiceVerdictStatus.NotSigned => "İmzasız",
        EInvoiceVerdictStatus.CouldNotCheck => "İmza denetlenemedi",
        _ => "İmza denetlenemedi",
    };
}
