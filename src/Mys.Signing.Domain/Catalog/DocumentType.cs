
namespace Mys.Signing.Domain.Catalog;

/// <summary>
/// A kind of supporting document (doküman türü). Catalogue data: seeded by <see cref="CatalogSeed"/>, stored
/// and edited by the persistence layer.
/// </summary>
public sealed class DocumentType
{
    private readonly DocumentSource[] _allowedSources;

    public DocumentType(
        string code,
        string name,
        bool isStructured,
        IReadOnlyCollection<DocumentSource> allowedSources,
        bool mustBeSignedBeforeAttaching = false,
        bool isInvoice = false,
        bool isCommitmentFile = false,
        string? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(allowedSources);
        if (allowedSources.Count == 0)
        {
            throw new ArgumentException("A document type needs at least one allowed source.", nameof(allowedSources));
        }

        Code = code;
        Name = name;
        IsStructured = isStructured;
        _allowedSources = [.. allowedSources];
        MustBeSignedBeforeAttaching = mustBeSignedBeforeAttaching;
        IsInvoice = isInvoice;
        IsCommitmentFile = isCommitmentFile;
        Note = note;
    }

    /// <summary>Stable code, e.g. "FATURA", "HTOB".</summary>
    public string Code { get; }

    /// <summary>Turkish name shown to users.</summary>
    public string Name { get; }

    /// <summary>RS: the structured format of this document is defined (ÖEB, HTOB, VİF, e-Fatura).</summary>
    public bool IsStructured { get; }

    public IReadOnlyList<DocumentSource> AllowedSources => _allowedSources;

    /// <summary>R7: an unstructured document of this type must be signed before it is attached.</summary>
    public bool MustBeSignedBeforeAttaching { get; }

    /// <summary>R8/R9: an invoice.</summary>
    public bool IsInvoice { get; }

    /// <summary>R4: the contract's commitment file (taahhüt dosyası).</summary>
    public bool IsCommitmentFile { get; }

    /// <summary>Remarks, e.g. what the sources leave unconfirmed.</summary>
    public string? Note { get; }

    public bool Allows(DocumentSource source) => Array.IndexOf(_allowedSources, source) >= 0;
}
