using System.Linq.Expressions;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Catalog;

/// <summary>
/// The system administrator edits an expense type's checklist: its name, whether an HTOB is needed, the required
/// documents (each accepted by one or more document types) and the other document types allowed (validated by
/// <see cref="CatalogEditing"/> against the catalogue); audited as <c>CatalogExpenseTypeChanged</c>.
/// </summary>
public sealed class ChangeExpenseType(MysDbContext db, ILogger<ChangeExpenseType> logger) : CatalogEntryEditing<ExpenseTypeRow, ExpenseType>(db, logger)
{
    public static readonly Refusal NotFound = new(RefusalKind.NotFound, "not found", "Ödeme türü bulunamadı.");

    public Task<Outcome<ExpenseType>> RunAsync(Actor actor, string code, uint formVersion, ExpenseTypeChange change, CancellationToken ct) =>
        ChangeAsync(actor, code, formVersion, async (type, token) => CatalogEditing.Change(type, change, await DocumentCatalogLoader.LoadAsync(Db, token)), ct);

    protected override CatalogEntryKind Kind { get; } = new(
        NotFound, "Bu ödeme türü siz düzenlerken başka biri tarafından değiştirildi. Sayfayı yenileyip yeniden deneyin.",
        "CatalogExpenseTypeChanged", "ExpenseType", "Expense type");

    protected override object AuditDetails(ExpenseType type) => new
    {
        name = type.Name,
        requiresSpendingInstruction = type.RequiresSpendingInstruction,
        required = type.RequiredDocuments.Select(r => new { r.Key, r.Name, codes = r.AcceptedTypeCodes, r.IsUncertain }),
        allowed = type.AllowedDocumentTypeCodes.Order(StringComparer.Ordinal),
    };

    protected override Expression<Func<ExpenseTypeRow, bool>> WithCode(string code) => t => t.Code == code;

    protected override ExpenseType ToDomain(ExpenseTypeRow row) => row.ToDomain();

    protected override void CopyTo(ExpenseTypeRow row, ExpenseType type) => row.CopyFrom(type);
}
