namespace Mys.Signing.Domain.Catalog;

/// <summary>
/// A kind of spending (ödeme alt türü) with the supporting documents MYHBY asks for (R10). Catalogue data:
/// seeded by <see cref="CatalogSeed"/>, stored and edited by the persistence layer.
/// When <see cref="RequiresSpendingInstruction"/> is set, an HTOB requirement is added to
/// <see cref="RequiredDocuments"/>; for contract-based types the commitment file is allowed (R4 decides when).
/// </summary>
public sealed class ExpenseType
{
    private readonly RequiredDocument[] _required;
    private readonly HashSet<string> _allowed;

    public ExpenseType(
        string code,
        string name,
        IReadOnlyCollection<RequiredDocument> requiredDocuments,
        IReadOnlyCollection<string> optionalDocumentTypeCodes,
        bool requiresSpendingInstruction,
        bool isContractBased,
        bool isUncertain = false,
        string? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(requiredDocuments);
        ArgumentNullException.ThrowIfNull(optionalDocumentTypeCodes);

        Code = code;
        Name = name;
        RequiresSpendingInstruction = requiresSpendingInstruction;
        IsContractBased = isContractBased;
        IsUncertain = isUncertain;
        Note = note;

        var required = new List<RequiredDocument>(requiredDocuments.Count + 1);
        if (requiresSpendingInstruction)
        {
            required.Add(new RequiredDocument("HTOB", "Harcama Talimatı Onay Belgesi", [DocumentTypeCodes.SpendingInstruction]));
        }

        required.AddRange(requiredDocuments);
        _required = [.. required];

        _allowed = new HashSet<string>(optionalDocumentTypeCodes, StringComparer.Ordinal);
        foreach (var requirement in _required)
        {
            _allowed.UnionWith(requirement.AcceptedTypeCodes);
        }

        if (isContractBased)
        {
            _allowed.Add(DocumentTypeCodes.CommitmentFile);
        }
    }

    public string Code { get; }

    /// <summary>Turkish name shown to users.</summary>
    public string Name { get; }

    public IReadOnlyList<RequiredDocument> RequiredDocuments => _required;

    /// <summary>Every document type code that may be attached (required, optional, commitment file).</summary>
    public IReadOnlySet<string> AllowedDocumentTypeCodes => _allowed;

    /// <summary>An HTOB is needed (5018 md. 32); not for utilities (electricity, water, gas, telecoms).</summary>
    public bool RequiresSpendingInstruction { get; }

    /// <summary>Paid in numbered progress payments under a contract (R4).</summary>
    public bool IsContractBased { get; }

    /// <summary>The document list rests on sources marked UNCONFIRMED; its requirements are advisory.</summary>
    public bool IsUncertain { get; }

    public string? Note { get; }

    public bool Allows(string documentTypeCode) => _allowed.Contains(documentTypeCode);
}
