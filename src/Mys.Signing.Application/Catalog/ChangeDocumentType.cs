using System.Linq.Expressions;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Catalog;

/// <summary>
/// The system administrator edits a document type: name, structured, allowed sources, signed-before-attaching, invoice
/// (validated by <see cref="CatalogEditing"/>); audited as <c>CatalogDocumentTypeChanged</c>.
/// </summary>
public sealed class ChangeDocumentType(MysDbContext db, ILogger<ChangeDocumentType> logger) : CatalogEntryEditing<DocumentTypeRow, DocumentType>(db, logger)
{
    public static readonly Refusal NotFound = new(RefusalKind.NotFound, "not found", "Belge türü bulunamadı.");

    protected override CatalogEntryKind Kind { get; } = new(
        NotFound, "Bu belge türü siz düzenlerken başka biri tarafından değiştirildi. Sayfayı yenileyip yeniden deneyin.",
        "CatalogDocumentTypeChanged", "DocumentType", "Document type");

    /// <param name="change">As posted; sources that are no <see cref="DocumentSource"/> are dropped.</param>
    public Task<Outcome<DocumentType>> RunAsync(Actor actor, string code, uint formVersion, DocumentTypeChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var sources = change.AllowedSources.Where(Enum.IsDefined).ToArray();
        return ChangeAsync(actor, code, formVersion, (type, _) => Task.FromResult(CatalogEditing.Change(type, change with { AllowedSources = sources })), ct);
    }

    protected override Expression<Func<DocumentTypeRow, bool>> WithCode(string code) => t => t.Code == code;

    protected override object AuditDetails(DocumentType type) => new
    {
        name = type.Name,
        isStructured = type.IsStructured,
        sources = type.AllowedSources.Select(s => s.ToString()),
        mustBeSignedBeforeAttaching = type.MustBeSignedBeforeAttaching,
        isInvoice = type.IsInvoice,
    };

    protected override DocumentType ToDomain(DocumentTypeRow row) => row.ToDomain();

    protected override void CopyTo(DocumentTypeRow row, DocumentType type) => row.CopyFrom(type);
}
