using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Admin.Catalog;

/// <summary>Edits a document type: name, structured, allowed sources, signed-before-attaching, invoice. Validated by <see cref="CatalogEditing"/>.</summary>
[RequireRole(Role.SystemAdministrator, Scope = UnitScope.AnyUnit)]
public sealed class DocumentTypeModel(MysDbContext db, ILogger<DocumentTypeModel> logger) : PageModel
{
    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public bool IsStructured { get; set; }

    [BindProperty]
    public List<DocumentSource> Sources { get; set; } = [];

    [BindProperty]
    public bool MustBeSignedBeforeAttaching { get; set; }

    [BindProperty]
    public bool IsInvoice { get; set; }

    [BindProperty]
    public uint FormVersion { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var row = await db.DocumentTypes.SingleOrDefaultAsync(t => t.Code == Code, HttpContext.RequestAborted);
        if (row is null)
        {
            return NotFound();
        }

        var type = row.ToDomain();
        (Name, IsStructured, Sources, MustBeSignedBeforeAttaching, IsInvoice) =
            (type.Name, type.IsStructured, [.. type.AllowedSources], type.MustBeSignedBeforeAttaching, type.IsInvoice);
        FormVersion = db.Entry(row).Property<uint>(RowVersion.Property).CurrentValue;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var row = await db.DocumentTypes.SingleOrDefaultAsync(t => t.Code == Code, ct);
        if (row is null)
        {
            return NotFound();
        }

        var before = row.ToDomain();
        var changed = CatalogEditing.Change(before, new DocumentTypeChange(Name, IsStructured, Sources.Where(Enum.IsDefined).ToArray(), MustBeSignedBeforeAttaching, IsInvoice));
        if (!changed.IsSuccess)
        {
            logger.LogInformation("Document type {Code} edit refused: {Error}", Code, changed.Error);
            Error = changed.Error!.Message;
            return Page();
        }

        db.Entry(row).Property<uint>(RowVersion.Property).OriginalValue = FormVersion;
        row.CopyFrom(changed.Value);
        db.RecordEvent("CatalogDocumentTypeChanged", "DocumentType", Code, JsonSerializer.Serialize(new
        {
            name = changed.Value.Name,
            isStructured = changed.Value.IsStructured,
            sources = changed.Value.AllowedSources.Select(s => s.ToString()),
            mustBeSignedBeforeAttaching = changed.Value.MustBeSignedBeforeAttaching,
            isInvoice = changed.Value.IsInvoice,
        }));
        if (!await db.TrySaveChangesAsync(logger, ct))
        {
            Error = "Bu belge türü siz düzenlerken başka biri tarafından değiştirildi. Sayfayı yenileyip yeniden deneyin.";
            return Page();
        }

        logger.LogInformation("Document type {Code} changed", Code);
        TempData["catalog.message"] = $"Belge türü {Code} güncellendi.";
        return Redirect("/Admin/Catalog");
    }
}
