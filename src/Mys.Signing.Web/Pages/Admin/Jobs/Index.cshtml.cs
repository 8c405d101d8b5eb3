using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Scheduling;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Web.Infrastructure.Authorization;
using Quartz;

namespace Mys.Signing.Web.Pages.Admin.Jobs;

/// <summary>The scheduled jobs: last and next run, last outcome and error, and "run now" (audited).</summary>
[RequireRole(Role.SystemAdministrator, Scope = UnitScope.AnyUnit)]
public sealed class IndexModel(ScheduledJobsOverview overview) : PageModel
{

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["certificate-reminders"] = "Sertifika süresi hatırlatmaları",
        ["purge-expired-card-rows"] = "Süresi dolmuş geçici kayıtların silinmesi",
        ["purge-abandoned-uploads"] = "Yarıda kalmış dosya yüklemelerinin temizlenmesi",
        ["invoice-ocr"] = "Taranmış faturaların metin tanıması (OCR)",
        ["audit-export-packages"] = "Denetim paketlerinin hazırlanması",
        ["archive-time-stamps"] = "Arşiv zaman damgaları",
        ["audit-chain-anchor"] = "İşlem kayıtları zincirinin mühürlenmesi",
    };

    public IReadOnlyList<ScheduledJobStatus> Jobs { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Jobs = await overview.ListAsync(HttpContext.RequestAborted);
        Message = TempData["jobs.message"] as string;
    }

    public async Task<IActionResult> OnPostRunAsync(string name)
    {
        if (!await overview.RunNowAsync(name, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        TempData["jobs.message"] = $"\"{Title(name)}\" işi başlatıldı: çalışan bir sunucu birkaç saniye içinde alır (işin süren bir çalışması varsa o bitince). Sonucu bu sayfada görürsünüz; başlatma işlem kayıtlarına yazıldı.";
        return Redirect("/Admin/Jobs");
    }

    public static string Title(string name) => Titles.TryGetValue(name, out var title) ? title : name;

    /// <summary>Turkey time, tr-TR: "21.11.2026 07:00:00"; a dash when there is none.</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? TurkeyTime.FormatWithSeconds(v) : "—";

    public static string Outcome(JobRunResult result) => result switch
    {
        JobRunResult.Succeeded => "Başarılı",
        JobRunResult.Skipped => "Başarılı (yapılacak iş yoktu)",
        JobRunResult.Cancelled => "Yarıda kesildi",
        JobRunResult.Failed => "Hata",
        _ => result.ToString(),
    };

    public static string State(ScheduledJobStatus job) => job.RunningOn is not null
        ? "Çalışıyor (" + job.RunningOn + ")"
        : job.TriggerState switch
        {
            TriggerState.Normal => "Zamanlandı",
            TriggerState.Blocked => "Çalışıyor",
            TriggerState.Paused => "Duraklatıldı",
            TriggerState.Error => "Hata (tetikleyici)",
            TriggerState.None => "Zamanlanmamış",
            _ => job.TriggerState.ToString(),
        };
}
