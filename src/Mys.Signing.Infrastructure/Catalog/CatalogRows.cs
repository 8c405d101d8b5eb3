using System.Text.Json;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Infrastructure.Catalog;

/// <summary>A stored document type (doküman türü); rebuilt into <see cref="DocumentType"/> by <see cref="DocumentCatalogLoader"/>.</summary>
public sealed class DocumentTypeRow
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public bool IsStructured { get; set; }

    /// <summary><see cref="DocumentSource"/> values.</summary>
    public int[] AllowedSources { get; set; } = [];

    public bool MustBeSignedBeforeAttaching { get; set; }

    public bool IsInvoice { get; set; }

    public bool IsCommitmentFile { get; set; }

    public string? Note { get; set; }

    public static DocumentTypeRow From(DocumentType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new DocumentTypeRow
        {
            Code = type.Code,
            Name = type.Name,
            IsStructured = type.IsStructured,
            AllowedSources = type.AllowedSources.Select(s => (int)s).ToArray(),
            MustBeSignedBeforeAttaching = type.MustBeSignedBeforeAttaching,
            IsInvoice = type.IsInvoice,
            IsCommitmentFile = type.IsCommitmentFile,
            Note = type.Note,
        };
    }

    /// <summary>Takes over an edited type's values (the code stays).</summary>
    public void CopyFrom(DocumentType type)
    {
        var row = From(type);
        (Name, IsStructured, AllowedSources, MustBeSignedBeforeAttaching, IsInvoice, IsCommitmentFile, Note) =
            (row.Name, row.IsStructured, row.AllowedSources, row.MustBeSignedBeforeAttaching, row.IsInvoice, row.IsCommitmentFile, row.Note);
    }

    public DocumentType ToDomain() =>
        new(Code, Name, IsStructured, AllowedSources.Select(s => (DocumentSource)s).ToArray(), MustBeSignedBeforeAttaching, IsInvoice, IsCommitmentFile, Note);
}

/// <summary>A stored expense type (ödeme alt türü) with its checklist as JSON.</summary>
public sealed class ExpenseTypeRow
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The required documents (without the HTOB line the domain adds itself), as JSON.</summary>
    public required string RequiredDocuments { get; set; }

    /// <summary>Every document type code that may be attached.</summary>
    public string[] AllowedDocumentTypeCodes { get; set; } = [];

    public bool RequiresSpendingInstruction { get; set; }

    public bool IsContractBased { get; set; }

    public bool IsUncertain { get; set; }

    public string? Note { get; set; }

    public static ExpenseTypeRow From(ExpenseType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var required = type.RequiredDocuments.Skip(type.RequiresSpendingInstruction ? 1 : 0)
            .Select(r => new RequiredDocumentJson(r.Key, r.Name, [.. r.AcceptedTypeCodes], r.IsUncertain))
            .ToList();
        return new ExpenseTypeRow
        {
            Code = type.Code,
            Name = type.Name,
            RequiredDocuments = JsonSerializer.Serialize(required, Json),
            AllowedDocumentTypeCodes = type.AllowedDocumentTypeCodes.Order(StringComparer.Ordinal).ToArray(),
            RequiresSpendingInstruction = type.RequiresSpendingInstruction,
            IsContractBased = type.IsContractBased,
            IsUncertain = type.IsUncertain,
            Note = type.Note,
        };
    }

    /// <summary>Takes over an edited type's values (the code stays).</summary>
    public void CopyFrom(ExpenseType type)
    {
        var row = From(type);
        (Name, RequiredDocuments, AllowedDocumentTypeCodes, RequiresSpendingInstruction, IsContractBased, IsUncertain, Note) =
            (row.Name, row.RequiredDocuments, row.AllowedDocumentTypeCodes, row.RequiresSpendingInstruction, row.IsContractBased, row.IsUncertain, row.Note);
    }

    public ExpenseType ToDomain()
    {
        var required = JsonSerializer.Deserialize<List<RequiredDocumentJson>>(RequiredDocuments, Json) ?? [];
        return new ExpenseType(
            Code, Name, required.Select(r => new RequiredDocument(r.Key, r.Name, r.AcceptedTypeCodes, r.IsUncertain)).ToArray(),
            AllowedDocumentTypeCodes, RequiresSpendingInstruction, IsContractBased, IsUncertain, Note);
    }

    private sealed record RequiredDocumentJson(string Key, string Name, string[] AcceptedTypeCodes, bool IsUncertain);
}
