using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Infrastructure.Persistence;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Catalog;

/// <summary>
/// The system administrator edits a document type: name, structured, allowed sources, signed-before-attaching, invoice
/// (validated by <see cref="CatalogEditing"/>); audited as <c>CatalogDocumentTypeChanged</c>.
/// </summary>
public sealed class ChangeDocumentType(MysDbContext db, CatalogAdministration catalog, ILogger<ChangeDocumentType> logger)
{
    public static readonly Refusal NotFound = new(RefusalKind.NotFound, "not found", "Belge türü bulunamadı.");

    public async Task<Outcome<CatalogEntry<DocumentType>>> OpenAsync(Actor actor, string code, CancellationToken ct)
    {
        if (!CatalogAdministration.MayAdminister(actor))
        {
            return CatalogAdministration.NotAdministrator;
        }

        var row = await db.DocumentTypes.SingleOrDefaultAsync(t => t.Code == code, ct);
        return row is null ? NotFound : new CatalogEntry<DocumentType>(row.ToDomain(), catalog.VersionOf(row));
    }

    /// <param name="formVersion">The row version when the form was read.</param>
    public async Task<Outcome<DocumentType>> RunAsync(Actor actor, string code, uint formVersion, DocumentTypeChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!CatalogAdministration.MayAdminister(actor))
        {
            return CatalogAdministration.NotAdministrator;
        }

        var row = await db.DocumentTypes.SingleOrDefaultAsync(t => t.Code == code, ct);
        if (row is null)
        {
            return NotFound;
        }

        var changed = CatalogEditing.Change(row.ToDomain(), change with { AllowedSources = change.AllowedSources.Where(Enum.IsDefined).ToArray() });
        if (!changed.IsSuccess)
        {
            logger.LogInformation("Document type {Code} edit refused: {Error}", code, changed.Error);
            return new Refusal(RefusalKind.Unprocessable, changed.Error!.Code, changed.Error.Message);
        }

        var type = changed.Value;
        row.CopyFrom(type);
        db.RecordEvent("CatalogDocumentTypeChanged", "DocumentType", code, JsonSerializer.Serialize(new
        {
            name = type.Name,
            isStructured = type.IsStructured,
            sources = type.AllowedSources.Select(s => s.ToString()),
            mustBeSignedBeforeAttaching = type.MustBeSignedBeforeAttaching,
            isInvoice = type.IsInvoice,
        }));
        if (await catalog.SaveAsync(row, formVersion,
            "Bu belge türü siz düzenlerken başka biri tarafından değiştirildi. Sayfayı yenileyip yeniden deneyin.", logger, ct) is { } stale)
        {
            return stale;
        }

        logger.LogInformation("Document type {Code} changed", code);
        return type;
    }
}
