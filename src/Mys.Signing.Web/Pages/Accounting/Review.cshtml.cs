using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Accounting;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Web.Infrastructure.Authorization;
using Mys.Signing.Web.Pages.PaymentOrders;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// One incoming ÖEB: the verification report at a glance (green when everything holds) with its details, the report
/// as JSON or PDF, the invoice files, and "Kayda Al" / "İade Et"; for the unit's accounting officer also "Kayda Al ve
/// e-İmzala" (the shared card-signing panel: the signing API's officer step signs and accepts at once).
/// </summary>
[RequireRole(Role.AccountingOfficer, Role.AccountingStaff)]
public sealed class ReviewModel(
    AccountingReview review, AcceptPaymentOrder accept, ReturnPaymentOrder returning, BuildVerificationReport reports, IAttachmentStore store, CurrentUser current,
    PaymentOrderSupport support, ILogger<ReviewModel> logger) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    public PaymentOrder Order { get; private set; } = null!;

    public OebVerificationReport Report { get; private set; } = null!;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<string> ErrorDetails { get; private set; } = [];

    public bool CanDecide => Order.Status == PaymentOrderStatus.SentToAccounting;

    /// <summary>The card-signing panel for "Kayda Al ve e-İmzala": only the unit's accounting officer, an e-signed ÖEB, a green report.</summary>
    public SigningPanel? OfficerSigning { get; private set; }

    /// <summary>1 when the signing panel came back after "Kayda Al ve e-İmzala".</summary>
    [BindProperty(SupportsGet = true, Name = "imzalandi")]
    public int JustSigned { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Message = TempData["acct.message"] as string
            ?? (JustSigned == 1 && Order.AccountingOfficerSignature is not null
                ? "ÖEB e-imzanızla kayda alındı; imzalar uzun süreli doğrulanabilir (PAdES B-LT) hale getirildi."
                : null);
        if (CanDecide && Report.AllHold && Report.VerificationCode is not null && current.Holds(Role.AccountingOfficer, UnitId))
        {
            var self = $"/Units/{UnitId}/Inbox/";
            OfficerSigning = new SigningPanel(
                [new OrderToSign(Order.Id, Order.Number.Value, Order.Version, Order.Payee?.Name ?? "—", Order.NetPayable.ToTurkishString(), Order.Status, null)],
                self, "Kayda Al ve e-İmzala", "Kayda Al ve e-İmzala", "İmzala ve kayda al", $"{self}{Order.Id}?imzalandi=1");
        }

        return Page();
    }

    public async Task<IActionResult> OnGetJsonAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var name = PaymentOrderPrinting.FileName(Order, preview: false).Replace(".pdf", "-dogrulama.json", StringComparison.Ordinal);
        return File(Encoding.UTF8.GetBytes(Report.ToJson()), "application/json", name);
    }

    public async Task<IActionResult> OnGetPdfAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        var name = PaymentOrderPrinting.FileName(Order, preview: false).Replace(".pdf", "-dogrulama.pdf", StringComparison.Ordinal);
        return File(ReportPdf.Render(Report, support.Clock.GetUtcNow()), "application/pdf", name);
    }

    /// <summary>The signed ÖEB as stored now (after acceptance: the B-LT revision).</summary>
    public async Task<IActionResult> OnGetDocumentAsync()
    {
        var ct = HttpContext.RequestAborted;
        var order = await review.FindAsync(UnitId, Id, ct);
        var document = order is null ? null : await review.DocumentAsync(order.Id, ct);
        var stream = document is null ? null : await store.OpenReadAsync(document.CurrentSha256.Trim(), ct);
        return stream is null ? NotFound() : File(stream, "application/pdf", PaymentOrderPrinting.FileName(order!, preview: false));
    }

    /// <summary>An attachment's file (the invoice image shown next to the comparison).</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid attachmentId)
    {
        var ct = HttpContext.RequestAborted;
        var order = await review.FindAsync(UnitId, Id, ct);
        var attachment = order?.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        var stream = attachment?.Sha256 is { } sha ? await store.OpenReadAsync(sha, ct) : null;
        if (stream is null)
        {
            return NotFound();
        }

        // Served as a download unless it is an image, so a crafted file cannot run in the page's origin.
        var kind = ContentKinds.FromMediaType(attachment!.MediaType);
        return kind is ContentKind.Png or ContentKind.Jpeg
            ? File(stream, kind.MediaType())
            : File(stream, kind.MediaType(), attachment.FileName ?? "ek");
    }

    public async Task<IActionResult> OnPostAcceptAsync() =>
        await AfterAsync(await accept.ExecuteAsync(current.AsActor(), UnitId, Id, HttpContext.RequestAborted), "accept");

    public async Task<IActionResult> OnPostReturnAsync(string? reason) =>
        await AfterAsync(await returning.ExecuteAsync(current.AsActor(), UnitId, Id, reason, HttpContext.RequestAborted), "return");

    private async Task<IActionResult> AfterAsync(ReviewOutcome outcome, string what)
    {
        if (outcome.Done)
        {
            TempData["acct.message"] = outcome.Message;
            return RedirectToPage("Review", new { unitId = UnitId, id = Id });
        }

        switch (outcome.Refusal!.Kind)
        {
            case RefusalKind.NotFound:
                return NotFound();
            case RefusalKind.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
        }

        logger.LogInformation("ÖEB {OrderId} {What} refused: {Message} {Problems}", Id, what, outcome.Message, outcome.Problems);
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Error = outcome.Message;
        ErrorDetails = outcome.Problems;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var order = await review.FindAsync(UnitId, Id, ct);
        if (order is null)
        {
            return false;
        }

        Order = order;
        Report = await reports.BuildAsync(order, await review.DocumentAsync(order.Id, ct), ct);
        return true;
    }
}
