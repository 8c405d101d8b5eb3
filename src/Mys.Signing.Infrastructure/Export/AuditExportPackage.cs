namespace Mys.Signing.Infrastructure.Export;

/// <summary>
/// An ÖEB's archive package for the audit export (ibraz), prepared ahead so that an export only streams: the ÖEB PDF as
/// it goes into the bundle (<see cref="OebPdf"/>, a copy with /DSS added when the stored revision is not yet B-LT; null
/// when the stored revision goes in as it is), the bundle's sealed manifest and the verification report. Attachments are
/// not copied: they are streamed from the store at export time and hashed on the way.
/// A package is valid for exactly the inputs it was built from: the ÖEB's current signed revision
/// (<see cref="DocumentSha256"/>), the ÖEB row (<see cref="OrderRowVersion"/>, its xmin) and the OCR results of its scanned
/// invoices (<see cref="OcrStamp"/>); if any changed, it is rebuilt. Derived data, written with plain SQL (not audited,
/// no retention: it can always be built again).
/// </summary>
public sealed class AuditExportPackage
{
    public Guid PaymentOrderId { get; init; }

    public required string DocumentSha256 { get; init; }

    public long OrderRowVersion { get; init; }

    public DateTimeOffset? OcrStamp { get; init; }

    public DateTimeOffset BuiltAt { get; init; }

    /// <summary>The bundle's and the report's file name without extension (the ÖEB's number and date).</summary>
    public required string BundleName { get; init; }

    /// <summary>The bundle's data files in order (JSON, <see cref="AuditExportPackageEntry"/>).</summary>
    public required string Entries { get; init; }

    public byte[]? OebPdf { get; init; }

    public required byte[] Manifest { get; init; }

    public required byte[] Seal { get; init; }

    /// <summary>The verification report as UTF-8 JSON.</summary>
    public required byte[] Report { get; init; }
}

/// <summary>
/// One data file of a package's bundle: its name and media type in the container, the SHA-256 it was sealed with (hex)
/// its key in the attachment store (null for an ÖEB PDF the package holds itself), its size and whether it is
/// deflated in the bundle (decided once, when packaged: judging it costs as much as streaming it).
/// </summary>
public sealed record AuditExportPackageEntry(string Name, string MediaType, string Sha256, string? StoreKey, long Size, bool Deflate);
