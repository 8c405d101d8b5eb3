using System.Globalization;
using System.Net;
using Mys.Signing.Application.Maintenance;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.TestSupport;
using Quartz;

namespace Mys.Signing.Web.Tests.Admin;

/// <summary>The system administrator's view of the scheduled jobs (Quartz's schedule and history) and the audited "run now".</summary>
public sealed class ScheduledJobsPageTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private MysAppFactory _app = null!;

    private static string AdminTckn => DemoData.Accounts.Single(a => a.Role == Role.SystemAdministrator).Tckn;

    private static string DataEntryTckn => DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer).Tckn;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync();
        _app = new MysAppFactory(_database);
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_page_shows_each_jobs_next_run_and_run_now_runs_the_job_shows_its_outcome_and_is_audited()
    {
        var admin = await _app.LoginAsync(AdminTckn);

        var before = WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/Jobs"));

        foreach (var name in new[] { "certificate-reminders", "purge-expired-card-rows", "invoice-ocr", "audit-export-packages", "archive-time-stamps", "audit-chain-anchor" })
        {
            before.ShouldContain($"data-job=\"{name}\"");
        }

        before.ShouldContain("İşlem kayıtları zincirinin mühürlenmesi");

        before.ShouldContain(InTurkey(new CronExpression(ExpiredRowsPurgeJob.Cron, TurkeyTime.Zone).GetNextValidTimeAfter(DateTimeOffset.UtcNow)!.Value));
        before.ShouldContain("Henüz çalışmadı");

        var response = await MysAppFactory.PostFormAsync(admin, "/Admin/Jobs?handler=Run", new Dictionary<string, string> { ["name"] = ExpiredRowsPurgeJob.Name }, "/Admin/Jobs");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/Jobs")).ShouldContain("işi başlatıldı");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await _database.ScalarAsync<long>($"SELECT count(*) FROM qrtz_job_status WHERE job_name = '{ExpiredRowsPurgeJob.Name}'") == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the job did not run within 30 s of 'Şimdi çalıştır'");
            await Task.Delay(200);
        }

        var after = WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/Jobs"));
        var row = after[after.IndexOf($"data-job=\"{ExpiredRowsPurgeJob.Name}\"", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        row.ShouldContain("Başarılı");
        row.ShouldContain("1 çalışma, 0 hata");
        (await _database.ScalarAsync<long>(
            $"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'ScheduledJobStartedManually' AND \"EntityId\" = '{ExpiredRowsPurgeJob.Name}' AND \"UserName\" IS NOT NULL AND \"UserId\" IS NOT NULL"))
            .ShouldBe(1);
    }

    [Fact]
    public async Task Only_a_system_administrator_sees_the_page_or_starts_a_job()
    {
        var clerk = await _app.LoginAsync(DataEntryTckn);

        (await clerk.GetAsync("/Admin/Jobs")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await MysAppFactory.PostFormAsync(clerk, "/Admin/Jobs?handler=Run", new Dictionary<string, string> { ["name"] = ExpiredRowsPurgeJob.Name }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'ScheduledJobStartedManually'")).ShouldBe(0);
    }

    private static string InTurkey(DateTimeOffset value) =>
        TurkeyTime.ToTurkey(value).ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.GetCultureInfo("tr-TR"));
}
