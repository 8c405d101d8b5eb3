using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Admin.Catalog;

/// <summary>
/// Edits an expense type's checklist: its name, whether an HTOB is needed, the required documents (each accepted by one
/// or more document types) and the other document types allowed. Validated by <see cref="CatalogEditing"/>.
/// </summary>
[RequireRole(Role.SystemAdministrator, Scope = UnitScope.AnyUnit)]
public sealed class ExpenseTypeModel(MysDbContext db, ILogger<ExpenseTypeModel> logger) : PageModel
{
    /// <summary>Empty requirement rows offered below the existing ones.</summary>
    public const int SpareRows = 2;

    [FromRoute]
    public string Code { get; set; } = string.Empty;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public bool RequiresSpendingInstruction { get; set; }

    [BindProperty]
    public List<RequirementInput> Requirements { get; set; } = [];

    [BindProperty]
    public List<string> Optional { get; set; } = [];

    [BindProperty]
    public uint FormVersion { get; set; }

    public DocumentCatalog Catalog { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var row = await db.ExpenseTypes.SingleOrDefaultAsync(t => t.Code == Code, ct);
        if (row is null)
        {
            return NotFound();
        }

        Catalog = await DocumentCatalogLoader.LoadAsync(db, ct);
        var type = row.ToDomain();
        Name = type.Name;
        RequiresSpendingInstruction = type.RequiresSpendingInstruction;
        var required = type.RequiredDocuments.Skip(type.RequiresSpendingInstruction ? 1 : 0).ToList();
        Requirements = required.Select(r => new RequirementInput { Key = r.Key, Name = r.Name, Codes = string.Join(", ", r.AcceptedTypeCodes), IsUncertain = r.IsUncertain }).ToList();
        var requiredCodes = required.SelectMany(r => r.AcceptedTypeCodes).ToHashSet(StringComparer.Ordinal);
        Optional = type.AllowedDocumentTypeCodes.Where(c => !requiredCodes.Contains(c)).ToList();
        FormVersion = db.Entry(row).Property<uint>(RowVersion.Property).CurrentValue;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var row = await db.ExpenseTypes.SingleOrDefaultAsync(t => t.Code == Code, ct);
        if (row is null)
        {
            return NotFound();
        }

        Catalog = await DocumentCatalogLoader.LoadAsync(db, ct);
        var lines = Requirements
            .Where(r => !string.IsNullOrWhiteSpace(r.Key) || !string.IsNullOrWhiteSpace(r.Name) || !string.IsNullOrWhiteSpace(r.Codes))
            .Select(r => new RequiredDocumentChange(r.Key, r.Name, (r.Codes ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries), r.IsUncertain))
            .ToList();
        var changed = CatalogEditing.Change(row.ToDomain(), new ExpenseTypeChange(Name, RequiresSpendingInstruction, lines, Optional), Catalog);
        if (!changed.IsSuccess)
        {
            logger.LogInformation("Expense type {Code} edit refused: {Error}", Code, changed.Error);
            Error = changed.Error!.Message;
            return Page();
        }

        db.Entry(row).Property<uint>(RowVersion.Property).OriginalValue = FormVersion;
        row.CopyFrom(changed.Value);
        db.RecordEvent("CatalogExpenseTypeChanged", "ExpenseType", Code, JsonSerializer.Serialize(new
        {
            name = changed.Value.Name,
            requiresSpendingInstruction = changed.Value.RequiresSpendingInstruction,
            required = changed.Value.RequiredDocuments.Select(r => new { r.Key, r.Name, codes = r.AcceptedTypeCodes, r.IsUncertain }),
            allowed = changed.Value.AllowedDocumentTypeCodes.Order(StringComparer.Ordinal),
        }));
        if (!await db.TrySaveChangesAsync(logger, ct))
        {
            Error = "Bu ödeme türü siz düzenlerken başka biri tarafından değiştirildi. Sayfayı yenileyip yeniden deneyin.";
            return Page();
        }

        logger.LogInformation("Expense type {Code} changed", Code);
        TempData["catalog.message"] = $"Ödeme türü {Code} güncellendi; taslak ÖEB'lerin kontrol listesi buna göre denetlenir.";
        return Redirect("/Admin/Catalog");
    }

    public sealed class RequirementInput
    {
        public string? Key { get; set; }

        public string? Name { get; set; }

        /// <summary>Accepted document type codes, separated by commas.</summary>
        public string? Codes { get; set; }

        public bool IsUncertain { get; set; }
    }
}
