using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.Invoices;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>What the caller supplies to create a <see cref="SupportingDocument"/>.</summary>
public sealed record SupportingDocumentSpec
{
    public required string DocumentTypeCode { get; init; }

    public required DocumentSource Source { get; init; }

    public string? FileName { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>SHA-256 of the file, 64 hex characters (any case; stored lower case).</summary>
    public string? Sha256 { get; init; }

    public string? MediaType { get; init; }

    /// <summary>Id of the linked structured document (HTOB, VİF, e-Fatura ETTN) for linked sources.</summary>
    public string? StructuredDocumentId { get; init; }

    public InvoiceDetails? Invoice { get; init; }

    /// <summary>For a linked e-Fatura: the verdict on its XAdES signature, checked when it was uploaded.</summary>
    public EInvoiceSignatureVerdict? EInvoiceSignature { get; init; }

    /// <summary>R7: the file bears the signatures it needs (signed before attaching).</summary>
    public bool CarriesSignatures { get; init; }

    /// <summary>R4: this attachment is the contract's commitment file (taahhüt dosyası).</summary>
    public bool IsCommitmentFile { get; init; }
}

/// <summary>
/// A kanıtlayıcı belge attached to (or, if structured, linked with) an ÖEB. Its shape is validated here;
/// whether it is allowed on the ÖEB is decided by the rules (R2–R10, RS).
/// </summary>
public sealed class SupportingDocument
{
    // For the persistence layer's materialisation only.
    private SupportingDocument() => DocumentTypeCode = null!;

    private SupportingDocument(Guid id, SupportingDocumentSpec spec, string? sha256)
    {
        Id = id;
        DocumentTypeCode = spec.DocumentTypeCode.Trim();
        Source = spec.Source;
        FileName = string.IsNullOrWhiteSpace(spec.FileName) ? null : spec.FileName.Trim();
        SizeBytes = spec.SizeBytes;
        Sha256 = sha256;
        MediaType = string.IsNullOrWhiteSpace(spec.MediaType) ? null : spec.MediaType.Trim();
        StructuredDocumentId = string.IsNullOrWhiteSpace(spec.StructuredDocumentId) ? null : spec.StructuredDocumentId.Trim();
        Invoice = spec.Invoice;
        EInvoiceSignature = spec.EInvoiceSignature;
        CarriesSignatures = spec.CarriesSignatures;
        IsCommitmentFile = spec.IsCommitmentFile;
    }

    public Guid Id { get; private set; }

    public string DocumentTypeCode { get; private set; }

    public DocumentSource Source { get; private set; }

    public string? FileName { get; private set; }

    public long SizeBytes { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the file, or null for a linked structured document.</summary>
    public string? Sha256 { get; private set; }

    public string? MediaType { get; private set; }

    public string? StructuredDocumentId { get; private set; }

    public InvoiceDetails? Invoice { get; private set; }

    /// <summary>For a linked e-Fatura, the stored verdict on its signature; null for every other document.</summary>
    public EInvoiceSignatureVerdict? EInvoiceSignature { get; private set; }

    public bool CarriesSignatures { get; private set; }

    public bool IsCommitmentFile { get; private set; }

    /// <summary>
    /// Entry order within its ÖEB, set by <see cref="PaymentOrder.AddAttachment"/> (one more than the last; gaps after a
    /// removal are kept). Storage may hand attachments back in any order; the aggregate sorts them by this.
    /// </summary>
    public int Position { get; private set; }

    /// <summary>True when the document is present as a file (name, size and hash).</summary>
    public bool HasFile => Sha256 is not null && FileName is not null && SizeBytes > 0;

    public static Result<SupportingDocument> Create(Guid id, SupportingDocumentSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec.DocumentTypeCode))
        {
            return Result<SupportingDocument>.Failure("ATTACHMENT_TYPE", "Belge türü seçilmelidir.");
        }

        if (!Enum.IsDefined(spec.Source))
        {
            return Result<SupportingDocument>.Failure("ATTACHMENT_SOURCE", "Belgenin sisteme giriş şekli geçersiz.");
        }

        if (spec.SizeBytes < 0)
        {
            return Result<SupportingDocument>.Failure("ATTACHMENT_SIZE", "Dosya boyutu eksi olamaz.");
        }

        string? hash = null;
        if (!string.IsNullOrWhiteSpace(spec.Sha256))
        {
            hash = spec.Sha256.Trim().ToLowerInvariant();
            if (!IsSha256Hex(hash))
            {
                return Result<SupportingDocument>.Failure("ATTACHMENT_HASH", "Dosya özeti 64 karakterlik onaltılık SHA-256 değeri olmalıdır.");
            }
        }

        return Result<SupportingDocument>.Success(new SupportingDocument(id, spec, hash));
    }

    internal void ChangeInvoiceDetails(InvoiceDetails details) => Invoice = details;

    internal void AssignPosition(int position) => Position = position;

    internal SupportingDocument CopyWithNewId() =>
        new(Guid.NewGuid(), ToSpec(), Sha256) { Position = Position };

    private SupportingDocumentSpec ToSpec() => new()
    {
        DocumentTypeCode = DocumentTypeCode,
        Source = Source,
        FileName = FileName,
        SizeBytes = SizeBytes,
        Sha256 = Sha256,
        MediaType = MediaType,
        StructuredDocumentId = StructuredDocumentId,
        Invoice = Invoice is null ? null : Invoice with { },
        EInvoiceSignature = EInvoiceSignature is null ? null : EInvoiceSignature with { },
        CarriesSignatures = CarriesSignatures,
        IsCommitmentFile = IsCommitmentFile,
    };

    private static bool IsSha256Hex(string text)
    {
        if (text.Length != 64)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
