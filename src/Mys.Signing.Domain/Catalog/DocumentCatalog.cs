namespace Mys.Signing.Domain.Catalog;

/// <summary>The document types and expense types in force, looked up by code (ordinal).</summary>
public sealed class DocumentCatalog
{
    private readonly Dictionary<string, DocumentType> _documentTypes;
    private readonly Dictionary<string, ExpenseType> _expenseTypes;

    public DocumentCatalog(IEnumerable<DocumentType> documentTypes, IEnumerable<ExpenseType> expenseTypes)
    {
        ArgumentNullException.ThrowIfNull(documentTypes);
        ArgumentNullException.ThrowIfNull(expenseTypes);
        _documentTypes = documentTypes.ToDictionary(d => d.Code, StringComparer.Ordinal);
        _expenseTypes = expenseTypes.ToDictionary(e => e.Code, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<DocumentType> DocumentTypes => _documentTypes.Values;

    public IReadOnlyCollection<ExpenseType> ExpenseTypes => _expenseTypes.Values;

    public DocumentType? FindDocumentType(string? code) =>
        code is not null && _documentTypes.TryGetValue(code, out var type) ? type : null;

    public ExpenseType? FindExpenseType(string? code) =>
        code is not null && _expenseTypes.TryGetValue(code, out var type) ? type : null;
}
