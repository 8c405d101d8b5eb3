using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Catalog;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Admin.Catalog;

/// <summary>Edits a document type: name, structured, allowed sources, signed-before-attaching, invoice (<see cref="ChangeDocumentType"/>).</summary>
[RequireRole(Role.SystemAdministrator, Scope = UnitScope.AnyUnit)]
public sealed class DocumentTypeModel(CurrentUser current, ChangeDocumentType change) : PageModel
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
        var opened = await change.OpenAsync(current.AsActor(), Code, HttpContext.RequestAborted);
        if (opened.Value is not { Type: var type } entry)
        {
            return CatalogRefusals.AsStatus(opened.Refusal!) ?? NotFound();
        }

        (Name, IsStructured, Sources, MustBeSignedBeforeAttaching, IsInvoice, FormVersion) =
            (type.Name, type.IsStructured, [.. type.AllowedSources], type.MustBeSignedBeforeAttaching, type.IsInvoice, entry.FormVersion);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var changed = await change.RunAsync(current.AsActor(), Code, FormVersion,
            new DocumentTypeChange(Name, IsStructured, Sources, MustBeSignedBeforeAttaching, IsInvoice), HttpContext.RequestAborted);
        if (changed.Refusal is { } refusal)
        {
            Error = refusal.Message;
            return CatalogRefusals.AsStatus(refusal) ?? Page();
        }

        TempData["catalog.message"] = $"Belge türü {Code} güncellendi.";
        return Redirect("/Admin/Catalog");
    }
}
