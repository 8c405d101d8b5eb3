using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Common;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// Creates an ÖEB (no id, <see cref="CreatePaymentOrder"/>) or edits a draft (<see cref="EditPaymentOrder"/>): header,
/// expense type, classification, lines, payee, amounts, contract. The page parses the form and shows the refusals.
/// </summary>
[RequireRole(Role.DataEntryOfficer)]
public sealed class EditModel(
    CurrentUser current, PaymentOrderSupport support, CreatePaymentOrder create, EditPaymentOrder edit, ILogger<EditModel> logger) : PageModel
{
    private const string FormHasErrors = "Formda düzeltilmesi gereken alanlar var.";

    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid? Id { get; set; }

    [BindProperty]
    public PaymentOrderForm Form { get; set; } = new();

    [BindProperty]
    public uint FormVersion { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public IReadOnlyList<ExpenseType> ExpenseTypes { get; private set; } = [];

    public bool IsNew => Id is null;

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await LoadListsAsync(ct);
        if (Id is null)
        {
            var today = TurkeyTime.Today(support.Clock);
            Form = new PaymentOrderForm { DocumentDate = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), BudgetYear = today.Year };
            Form.PadLines();
            return Page();
        }

        var opened = await edit.OpenAsync(current.AsActor(), UnitId, Id.Value, ct);
        if (opened.Value is not { } shown)
        {
            return Refused(opened.Refusal!);
        }

        if (!shown.Order.IsEditable)
        {
            return RedirectToPage("Details", new { unitId = UnitId, id = shown.Order.Id });
        }

        (Form, FormVersion) = (PaymentOrderForm.From(shown.Order), shown.FormVersion);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var catalog = await support.CatalogAsync(ct);
        await LoadListsAsync(ct);
        Form.PadLines();
        var content = Form.Validate(Errors, code => catalog.FindExpenseType(code) is not null);
        if (content is null)
        {
            logger.LogInformation("ÖEB form refused in unit {UnitId}: {Fields}", UnitId, string.Join(",", Errors.Keys));
            Error = FormHasErrors;
            return Page();
        }

        var actor = current.AsActor();
        var saved = Id is null
            ? await create.RunAsync(actor, UnitId, Form.BudgetYear, content, ct)
            : await edit.RunAsync(actor, UnitId, Id.Value, FormVersion, content, ct);
        if (saved.Value is { } order)
        {
            return RedirectToPage("Details", new { unitId = UnitId, id = order.Id });
        }

        var refusal = saved.Refusal!;
        if (refusal.Kind is RefusalKind.Forbidden or RefusalKind.NotFound)
        {
            return Refused(refusal);
        }

        if (refusal == PaymentOrderContent.DuplicateNumber)
        {
            Errors[nameof(PaymentOrderForm.Number)] = refusal.Message;
            Error = FormHasErrors;
            return Page();
        }

        Error = refusal.Message;
        if (string.Equals(refusal.Code, "stale", StringComparison.Ordinal) && Id is { } id
            && (await edit.OpenAsync(actor, UnitId, id, ct)).Value is { } fresh)
        {
            // The current state, so the user redoes the change on it.
            ModelState.Clear();
            (Form, FormVersion) = (PaymentOrderForm.From(fresh.Order), fresh.FormVersion);
        }

        return Page();
    }

    public string? ErrorFor(string key) => Errors.GetValueOrDefault(key);

    private IActionResult Refused(Refusal refusal) =>
        refusal.Kind == RefusalKind.Forbidden ? new StatusCodeResult(StatusCodes.Status403Forbidden) : NotFound();

    private async Task LoadListsAsync(CancellationToken ct) =>
        ExpenseTypes = (await support.CatalogAsync(ct)).ExpenseTypes.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
}
