using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>
/// "İbraz için dışa aktar": the accounting officer downloads the ÖEBs sent to their unit in a date range as one ZIP of
/// ASiC-E bundles plus verification reports, streamed while it is written. Each download is in the audit trail.
/// </summary>
[RequireRole(Role.AccountingOfficer)]
public sealed class ExportModel(AuditExport export, MysDbContext db, CurrentUser current, TimeProvider clock, ILogger<ExportModel> logger) : PageModel
{
    public const int MaxDays = 366;

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

        Problem = (From, To) switch
        {
            (null, _) or (_, null) => "Başlangıç ve bitiş tarihlerini girin.",
            ({ } f, { } t) when f > t => "Başlangıç tarihi bitiş tarihinden sonra olamaz.",
            ({ } f, { } t) when t.DayNumber - f.DayNumber >= MaxDays => $"Bir seferde en çok {MaxDays} günlük dönem dışa aktarılabilir; dönemi bölün.",
            _ => null,
        };
        if (Problem is null && !SealAvailable)
        {
            Problem = "Sistem mührü (kurum mühür sertifikası) yapılandırılmadığı için paket mühürlenemiyor; sistem yöneticinize başvurun.";
        }

        if (Problem is not null)
        {
            logger.LogInformation("Audit export refused for accounting unit {UnitId}: {Problem}", UnitId, Problem);
            return Page();
        }

        var request = AuditExportRequest.ForDays(UnitId, From!.Value, To!.Value);
        var ids = await export.SelectAsync(request, ct);
        if (ids.Count == 0)
        {
            Problem = "Bu dönemde birime gönderilmiş e-imzalı ÖEB yok.";
            return Page();
        }

        var tr = CultureInfo.GetCultureInfo("tr-TR");
        await export.RecordAsync(UnitId, From.Value, To.Value, ids.Count, ct);

        // ZipArchive writes synchronously; the response is streamed entry by entry, never held whole.
        HttpContext.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = $"attachment; filename=\"ibraz-{From.Value.ToString("yyyyMMdd", tr)}-{To.Value.ToString("yyyyMMdd", tr)}.zip\"";
        var written = await export.WriteAsync(Response.Body, ids, ct);
        logger.LogInformation("Audit export of accounting unit {UnitId} by {UserId}: {Count} ÖEBs", UnitId, current.Id, written);
        return new EmptyResult();
    }

    private async Task<bool> LoadUnitAsync()
    {
        var name = await db.AccountingUnits.AsNoTracking().Where(u => u.Id == UnitId).Select(u => u.Name).SingleOrDefaultAsync(HttpContext.RequestAborted);
        UnitName = name ?? string.Empty;
        return name is not null;
    }
}
