using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Catalog;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Admin.Catalog;

/// <summary>
/// Edits an expense type's checklist: its name, whether an HTOB is needed, the required documents (each accepted by one
/// or more document types) and the other document types allowed (<see cref="ChangeExpenseType"/>).
/// </summary>
[RequireRole(Role.SystemAdministrator, Scope = UnitScope.AnyUnit)]
public sealed class ExpenseTypeModel(CurrentUser current, CatalogAdministration catalog, ChangeExpenseType change) : PageModel
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
        var actor = current.AsActor();
        var opened = await change.OpenAsync(actor, Code, ct);
        if (opened.Value is not { Type: var type } entry)
        {
            return CatalogRefusals.AsStatus(opened.Refusal!) ?? NotFound();
        }

        Catalog = (await catalog.ViewAsync(actor, ct)).Value!;
        Name = type.Name;
        RequiresSpendingInstruction = type.RequiresSpendingInstruction;
        var required = type.RequiredDocuments.Skip(type.RequiresSpendingInstruction ? 1 : 0).ToList();
        Requirements = required.Select(r => new RequirementInput { Key = r.Key, Name = r.Name, Codes = string.Join(", ", r.AcceptedTypeCodes), IsUncertain = r.IsUncertain }).ToList();
        var requiredCodes = required.SelectMany(r => r.AcceptedTypeCodes).ToHashSet(StringComparer.Ordinal);
        Optional = type.AllowedDocumentTypeCodes.Where(c => !requiredCodes.Contains(c)).ToList();
        FormVersion = entry.FormVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var actor = current.AsActor();
        var lines = Requirements
            .Where(r => !string.IsNullOrWhiteSpace(r.Key) || !string.IsNullOrWhiteSpace(r.Name) || !string.IsNullOrWhiteSpace(r.Codes))
            .Select(r => new RequiredDocumentChange(r.Key, r.Name, (r.Codes ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries), r.IsUncertain))
            .ToList();
        var changed = await change.RunAsync(actor, Code, FormVersion, new ExpenseTypeChange(Name, RequiresSpendingInstruction, lines, Optional), ct);
        if (changed.Refusal is { } refusal)
        {
            if (CatalogRefusals.AsStatus(refusal) is { } status)
            {
                return status;
            }

            Catalog = (await catalog.ViewAsync(actor, ct)).Value!;
            Error = refusal.Message;
            return Page();
        }

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
