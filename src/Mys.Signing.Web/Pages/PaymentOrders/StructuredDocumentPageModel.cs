using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>A structured document as entered on its page, and the message that tells the user it was linked.</summary>
public sealed record EnteredStructuredDocument(StructuredDocumentDraft Draft, string LinkedMessage);

/// <summary>
/// The pages that prepare a structured document (HTOB, VİF) for a draft ÖEB: the form is prefilled from the ÖEB, the
/// entered document is stored and linked by <see cref="LinkStructuredDocument"/>, then the user goes back to the ÖEB.
/// </summary>
public abstract class StructuredDocumentPageModel(CurrentUser current, PaymentOrderSupport support, LinkStructuredDocument link) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public uint FormVersion { get; set; }

    public string OrderNumber { get; private set; } = string.Empty;

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var found = await link.FindAsync(current.AsActor(), UnitId, Id, HttpContext.RequestAborted);
        if (found.Value is not { } order)
        {
            return Refused(found.Refusal!);
        }

        OrderNumber = order.Number.Value;
        FormVersion = support.RowVersionOf(order);
        Prefill(order);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var actor = current.AsActor();
        var found = await link.FindAsync(actor, UnitId, Id, ct);
        if (found.Value is not { } order)
        {
            return Refused(found.Refusal!);
        }

        OrderNumber = order.Number.Value;
        CompleteForm();
        if (LinkStructuredDocument.RefuseIfNotDraft(order) is { } notDraft)
        {
            Errors.Add(notDraft.Message);
            return Page();
        }

        if (Enter(order) is not { } entered)
        {
            return Page();
        }

        var linked = await link.RunAsync(actor, order, FormVersion, entered.Draft, ct);
        if (!linked.Succeeded)
        {
            Errors.Add(linked.Refusal!.Message);
            return Page();
        }

        TempData["po.message"] = entered.LinkedMessage;
        return RedirectToPage("Details", new { unitId = UnitId, id = order.Id });
    }

    private IActionResult Refused(Refusal refusal) =>
        refusal.Kind == RefusalKind.Forbidden ? new StatusCodeResult(StatusCodes.Status403Forbidden) : NotFound();

    /// <summary>Fills the empty form from the ÖEB.</summary>
    protected abstract void Prefill(PaymentOrder order);

    /// <summary>Gives a posted form back its empty rows, so the page shows it whole.</summary>
    protected virtual void CompleteForm()
    {
    }

    /// <summary>The document as entered; null when the form is refused (the reasons are in <see cref="Errors"/>).</summary>
    protected abstract EnteredStructuredDocument? Enter(PaymentOrder order);
}
