using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Catalog;

/// <summary>What a system administrator may change on a document type.</summary>
public sealed record DocumentTypeChange(string? Name, bool IsStructured, IReadOnlyCollection<DocumentSource> AllowedSources, bool MustBeSignedBeforeAttaching, bool IsInvoice);

/// <summary>One requirement line as typed by a system administrator.</summary>
public sealed record RequiredDocumentChange(string? Key, string? Name, IReadOnlyCollection<string> AcceptedTypeCodes, bool IsUncertain);

/// <summary>What a system administrator may change on an expense type.</summary>
public sealed record ExpenseTypeChange(
    string? Name, bool RequiresSpendingInstruction, IReadOnlyList<RequiredDocumentChange> RequiredDocuments, IReadOnlyCollection<string> OptionalDocumentTypeCodes);

/// <summary>
/// Validated edits of the catalogue. Every problem is reported at once (messages joined). The invariants keep the
/// rules meaningful: RS — a structured type is linked (system-produced or e-Fatura), an unstructured one is a file;
/// the types the system itself produces or reads (HTOB, VİF, e-Fatura, Fatura) keep their nature and sources; an
/// expense type only names document types that exist.
/// </summary>
public static class CatalogEditing
{
    public const int MaxNameLength = 200;

    /// <summary>Codes whose nature the code of the system depends on (pages, R8/R9, RS).</summary>
    private static readonly HashSet<string> FixedNature = new(StringComparer.Ordinal)
    {
        DocumentTypeCodes.SpendingInstruction, DocumentTypeCodes.AssetVoucher, DocumentTypeCodes.EInvoice, DocumentTypeCodes.Invoice,
    };

    public static Result<DocumentType> Change(DocumentType current, DocumentTypeChange change)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(change);
        var problems = new List<string>();
        var name = CheckName(change.Name, problems);
        var sources = change.AllowedSources.Distinct().Order().ToArray();
        if (sources.Length == 0)
        {
            problems.Add("En az bir giriş şekli seçilmelidir.");
        }
        else if (change.IsStructured && sources.Any(s => !s.IsLinked()))
        {
            problems.Add("Yapılandırılmış bir belge türü yalnızca sistemde üretilerek veya e-Fatura olarak bağlanabilir (RS); dosya olarak yüklenemez.");
        }
        else if (!change.IsStructured && sources.Any(s => s.IsLinked()))
        {
            problems.Add("Yapılandırılmamış bir belge türü 'sistemde üretilmiş' veya 'e-Fatura (ETTN)' giriş şekliyle eklenemez.");
        }

        if (FixedNature.Contains(current.Code)
            && (change.IsStructured != current.IsStructured || change.IsInvoice != current.IsInvoice || !sources.SequenceEqual(current.AllowedSources.Order())))
        {
            problems.Add($"'{current.Name}' türünün yapısı, fatura niteliği ve giriş şekilleri sistem tarafından kullanılır; değiştirilemez (yalnızca adı ve imza şartı).");
        }

        if (problems.Count > 0)
        {
            return Result<DocumentType>.Failure("CATALOG_DOCUMENT_TYPE_INVALID", string.Join(" ", problems));
        }

        return Result<DocumentType>.Success(new DocumentType(
            current.Code, name!, change.IsStructured, sources, change.MustBeSignedBeforeAttaching, change.IsInvoice, current.IsCommitmentFile, current.Note));
    }

    public static Result<ExpenseType> Change(ExpenseType current, ExpenseTypeChange change, DocumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new List<string>();
        var name = CheckName(change.Name, problems);
        var required = new List<RequiredDocument>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < change.RequiredDocuments.Count; i++)
        {
            var line = change.RequiredDocuments[i];
            var row = i + 1;
            var key = line.Key?.Trim();
            var lineName = line.Name?.Trim();
            var codes = line.AcceptedTypeCodes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(lineName) || codes.Length == 0)
            {
                problems.Add($"Zorunlu belge satırı {row}: anahtar, ad ve en az bir kabul edilen belge türü girilmelidir.");
                continue;
            }

            if (string.Equals(key, "HTOB", StringComparison.Ordinal) || !keys.Add(key))
            {
                problems.Add($"Zorunlu belge satırı {row}: '{key}' anahtarı birden çok kez kullanılmış (HTOB satırını 'Harcama talimatı gerekir' seçeneği ekler).");
                continue;
            }

            var unknown = codes.Where(c => catalog.FindDocumentType(c) is null).ToArray();
            if (unknown.Length > 0)
            {
                problems.Add($"Zorunlu belge satırı {row}: bilinmeyen belge türü: {string.Join(", ", unknown)}.");
                continue;
            }

            required.Add(new RequiredDocument(key, lineName, codes, line.IsUncertain));
        }

        var optional = change.OptionalDocumentTypeCodes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var unknownOptional = optional.Where(c => catalog.FindDocumentType(c) is null).ToArray();
        if (unknownOptional.Length > 0)
        {
            problems.Add($"Bilinmeyen belge türü: {string.Join(", ", unknownOptional)}.");
        }

        if (problems.Count > 0)
        {
            return Result<ExpenseType>.Failure("CATALOG_EXPENSE_TYPE_INVALID", string.Join(" ", problems));
        }

        return Result<ExpenseType>.Success(new ExpenseType(
            current.Code, name!, required, optional, change.RequiresSpendingInstruction, current.IsContractBased, current.IsUncertain, current.Note));
    }

    private static string? CheckName(string? name, List<string> problems)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            problems.Add("Ad boş olamaz.");
        }
        else if (trimmed.Length > MaxNameLength)
        {
            problems.Add($"Ad en çok {MaxNameLength} karakter olabilir.");
        }

        return trimmed;
    }
}
