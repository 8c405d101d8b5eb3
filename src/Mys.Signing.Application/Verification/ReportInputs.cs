using System.Collections.Concurrent;
using Mys.Signing.Domain.Catalog;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// What a caller building many reports in a row (the export) shares between them: the catalogue and the names of units
/// and signers, each read once instead of once per ÖEB. Thread-safe.
/// </summary>
public sealed class SharedReportLookups(DocumentCatalog catalog)
{
    public DocumentCatalog Catalog => catalog;

    internal ConcurrentDictionary<Guid, string> UnitNames { get; } = new();

    internal ConcurrentDictionary<Guid, RecordedSigner> Signers { get; } = new();
}

/// <summary>
/// What the caller already has, so nothing is read twice: <see cref="Pdf"/> the bytes to validate (the current revision,
/// or the export's copy of it with /DSS added), <see cref="AttachmentHashes"/> the SHA-256 (hex) of each attachment's
/// stored content by its store key. With <see cref="EmbeddedRevocationDataOnly"/> signatures are checked with the
/// OCSP/CRL answers the PDF holds (as <c>mys verify --offline</c> will), not fetched again.
/// </summary>
public sealed record ReportInputs(
    byte[]? Pdf = null, IReadOnlyDictionary<string, string>? AttachmentHashes = null, bool EmbeddedRevocationDataOnly = false, SharedReportLookups? Shared = null);

/// <summary>The user an ÖEB's signature record names, as the users table holds them.</summary>
internal sealed record RecordedSigner(string FullName, string Tckn);
