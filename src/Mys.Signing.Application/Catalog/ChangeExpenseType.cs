using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Catalog;

/// <summary>
/// The system administrator edits an expense type's checklist: its name, whether an HTOB is needed, the required
/// documents (each accepted by one or more document types) and the other document types allowed (validated by
/// <see cref="CatalogEditing"/> against the catalogue); audited as <c>CatalogExpenseTypeChanged</c>.
/// </summary>
public sealed class ChangeExpenseType(MysDbContext db, CatalogAdministration catalog, ILogger<ChangeExpenseType> logger)
{
    public static readonly Refusal NotFound = new(RefusalKind.NotFound, "not found", "Ödeme türü bulunamadı.");

    public async Task<Outcome<CatalogEntry<ExpenseType>>> OpenAsync(Actor actor, string code, CancellationToken ct)
    {
        if (!CatalogAdministration.MayAdminister(actor))
        {
            return CatalogAdministration.NotAdministrator;
        }

        var row = await db.ExpenseTypes.SingleOrDefaultAsync(t => t.Code == code, ct);
        return row is null ? NotFound : new CatalogEntry<ExpenseType>(row.ToDomain(), catalog.VersionOf(row));
    }

    /// <param name="formVersion">The row version when the form was read.</param>
    public async Task<Outcome<ExpenseType>> RunAsync(Actor actor, string code, uint formVersion, ExpenseTypeChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!CatalogAdministration.MayAdminister(actor))
        {
            return CatalogAdministration.NotAdministrator;
        }

        var row = await db.ExpenseTypes.SingleOrDefaultAsync(t => t.Code == code, ct);
        if (row is null)
        {
            return NotFound;
        }

        var changed = CatalogEditing.Change(row.ToDomain(), change, await DocumentCatalogLoader.LoadAsync(db, ct));
        if (!changed.IsSuccess)
        {
            logger.LogInformation("Expense type {Code} edit refused: {Error}", code, changed.Error);
            return new Refusal(RefusalKind.Unprocessable, changed.Error!.Code, changed.Error.Message);
        }

        var type = changed.Value;
        row.CopyFrom(type);
        db.RecordEvent("CatalogExpenseTypeChanged", "ExpenseType", code, JsonSerializer.Serialize(new
        {
            name = type.Name,
            requiresSpendingInstruction = type.RequiresSpendingInstruction,
            required = type.RequiredDocuments.Select(r => new { r.Key, r.Name, codes = r.AcceptedTypeCodes, r.IsUncertain }),
            allowed = type.AllowedDocumentTypeCodes.Order(StringComparer.Ordinal),
        }));
        if (await catalog.SaveAsync(row, formVersion,
            "Bu ödeme türü siz düzenlerken başka biri tarafından değiştirildi. Sayfayı yenileyip yeniden deneyin.", logger, ct) is { } stale)
        {
            return stale;
        }

        logger.LogInformation("Expense type {Code} changed", code);
        return type;
    }
}
