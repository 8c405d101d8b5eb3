using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// "İbraz için dışa aktar": the accounting officer downloads the ÖEBs sent to their unit in a date range as one ZIP of
/// ASiC-E bundles plus verification reports, streamed while it is written. Each download is in the audit trail.
/// </summary>
[RequireRole(Role.AccountingOfficer)]
public sealed class ExportModel(ExportForAudit export, CurrentUser current, TimeProvider clock, ILogger<ExportModel> logger) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [BindProperty]
    public DateOnly? From { get; set; }

    [BindProperty]
    public DateOnly? To { get; set; }

    public string UnitName { get; private set; } = string.Empty;

    public string? Problem { get; private set; }

    public bool SealAvailable => export.Seal is not null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadUnitAsync())
        {
            return NotFound();
        }

        var today = TurkeyTime.Today(clock);
        From ??= today.AddDays(-30);
        To ??= today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadUnitAsync())
        {
            return NotFound();
        }

        var started = await export.StartAsync(current.AsActor(), UnitId, From, To, ct);
        if (started.Refusal is { } refusal)
        {
            if (refusal.Kind == RefusalKind.Forbidden)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }

            Problem = refusal.Message;
            logger.LogInformation("Audit export refused for accounting unit {UnitId}: {Problem}", UnitId, Problem);
            return Page();
        }

        var selection = started.Value!;
        var tr = CultureInfo.GetCultureInfo("tr-TR");

        // ZipArchive writes synchronously; the response is streamed entry by entry, never held whole.
        HttpContext.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = $"attachment; filename=\"ibraz-{selection.From.ToString("yyyyMMdd", tr)}-{selection.To.ToString("yyyyMMdd", tr)}.zip\"";
        var written = await export.WriteAsync(Response.Body, selection.PaymentOrderIds, ct);
        logger.LogInformation("Audit export of accounting unit {UnitId} by {UserId}: {Count} ÖEBs", UnitId, current.Id, written);
        return new EmptyResult();
    }

    private async Task<bool> LoadUnitAsync()
    {
        var name = await export.AccountingUnitNameAsync(UnitId, HttpContext.RequestAborted);
        UnitName = name ?? string.Empty;
        return name is not null;
    }
}
