using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// An ÖEB with every field, its R9 attachments description, the live checklist and rule violations, the
/// attachments with upload (streamed to the attachment store), and "İmzaya Gönder". Viewing is here; each change is one
/// use case of <c>Application.PaymentOrders</c>, called from its own part of this class (Details.*.cs).
/// </summary>
[RequireRole(Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority)]
[NoScriptUploadCap]
public sealed partial class DetailsModel : PageModel
{
    private const string MessageKey = "po.message";
    private const string WarningKey = "po.warning";

    private readonly CurrentUser _current;
    private readonly PaymentOrderSupport _support;
    private readonly ViewPaymentOrder _view;
    private readonly SubmitPaymentOrder _submit;
    private readonly RemoveAttachment _remove;
    private readonly CorrectInvoiceDetails _correctInvoice;
    private readonly UploadAttachments _upload;
    private readonly ILogger<DetailsModel> _logger;

    public DetailsModel(
        CurrentUser current, PaymentOrderSupport support, ViewPaymentOrder view, SubmitPaymentOrder submit, RemoveAttachment remove,
        CorrectInvoiceDetails correctInvoice, UploadAttachments upload, ILogger<DetailsModel> logger)
    {
        _current = current;
        _support = support;
        _view = view;
        _submit = submit;
        _remove = remove;
        _correctInvoice = correctInvoice;
        _upload = upload;
        _logger = logger;
    }

    // Read from the route directly, not model-bound: binding anything would make MVC read (and buffer) the
    // multipart form before the upload handler can stream it.
    public Guid UnitId => Guid.TryParse(RouteData.Values["unitId"]?.ToString(), out var id) ? id : Guid.Empty;

    public Guid Id => Guid.TryParse(RouteData.Values["id"]?.ToString(), out var id) ? id : Guid.Empty;

    public PaymentOrder Order { get; private set; } = null!;

    public DocumentCatalog Catalog { get; private set; } = null!;

    public IReadOnlyList<ChecklistItem> Checklist { get; private set; } = [];

    public IReadOnlyList<RuleViolation> Violations { get; private set; } = [];

    /// <summary>Violations from the last "İmzaya Gönder" that was refused.</summary>
    public IReadOnlyList<RuleViolation>? SubmitViolations { get; private set; }

    public uint FormVersion { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<string> InvoiceDifferences { get; private set; } = [];

    /// <summary>After an upload: what needs a look though the file was added (e.g. an e-Fatura without a verified XAdES signature).</summary>
    public string? Warning { get; private set; }

    public bool CanEdit => Order.IsEditable && _current.Holds(Role.DataEntryOfficer, UnitId);

    public long MaxFileBytes => _support.MaxFileBytes;

    /// <summary>The ÖEB waits for this user's signature (the signing page and the server check again).</summary>
    public bool CanSign => PaymentOrderSigning.AwaitsSignatureOf(Order.Status, _current, UnitId);
    public long MaxTotalBytes => _support.MaxTotalBytesPerOrder;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync(HttpContext.RequestAborted) is { } refused)
        {
            return refused;
        }

        Message = TempData[MessageKey] as string;
        Warning = TempData[WarningKey] as string;
        Error = TempData[NoScriptUploadCapAttribute.TempDataKey] as string;
        InvoiceDifferences = TempData["po.differences"] is string diff && diff.Length > 0 ? diff.Split('\n') : [];
        return Page();
    }

    private RedirectToPageResult Done(string message)
    {
        TempData[MessageKey] = message;
        return RedirectToPage("Details", new { unitId = UnitId, id = Id });
    }

    /// <summary>The page again with the refusal's message; 404 / 403 when there is no such ÖEB for this user.</summary>
    private async Task<IActionResult> RefuseAsync(Refusal refusal, CancellationToken ct)
    {
        if (refusal == DataEntryOrders.OrderNotFound || refusal.Kind == RefusalKind.Forbidden)
        {
            return Refused(refusal);
        }

        _logger.LogInformation("Action on ÖEB {OrderId} refused: {Code}", Id, refusal.Code);
        return await ShowErrorAsync(refusal.Message, ct);
    }

    private async Task<IActionResult> ShowErrorAsync(string message, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        Error = message;
        return Page();
    }

    private IActionResult Refused(Refusal refusal) =>
        refusal.Kind == RefusalKind.Forbidden ? new StatusCodeResult(StatusCodes.Status403Forbidden) : NotFound();

    /// <summary>Reads the ÖEB as shown; the result to answer instead when it cannot be shown.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var shown = await _view.RunAsync(_current.AsActor(), UnitId, Id, ct);
        if (shown.Value is not { } value)
        {
            return Refused(shown.Refusal!);
        }

        (Order, Catalog, Checklist, Violations, FormVersion) = (value.Order, value.Catalog, value.Checklist, value.Violations, value.FormVersion);
        return null;
    }
}

