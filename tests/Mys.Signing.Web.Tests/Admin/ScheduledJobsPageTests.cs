using System.Net;
using Mys.Signing.Application.Maintenance;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Admin;

/// <summary>The system administrator's view of the scheduled jobs (Quartz's schedule and history) and the audited "run now".</summary>
public sealed class ScheduledJobsPageTests : IAsyncLifetime
{
    private const string FarSchedule = "0 0 0 1 1 ? 2099";

    private TestDatabase _database = null!;
    private MysAppFactory _app = null!;

    private static string AdminTckn => DemoData.Accounts.Single(a => a.Role == Role.SystemAdministrator).Tckn;

    private static string DataEntryTckn => DemoData.Accounts.Single(a => a.Role == Role.DataEntryOfficer).Tckn;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateSeededAsync();
        // The purge's default runs at minute 17 of every hour: a test crossing it would see two runs. An operator's
        // schedule in the configuration (Mys:Scheduler:Cron) keeps it out of the test and shows on the page.
        _app = new MysAppFactory(_database, new Dictionary<string, string> { ["Mys:Scheduler:Cron:" + ExpiredRowsPurgeJob.Name] = FarSchedule });
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

        foreach (var name in new[] { "certificate-reminders", "purge-expired-card-rows", "purge-abandoned-uploads", "invoice-ocr", "audit-export-packages", "archive-time-stamps", "audit-chain-anchor" })
        {
            before.ShouldContain($"data-job=\"{name}\"");
        }

        before.ShouldContain("İşlem kayıtları zincirinin mühürlenmesi");

        var purgeRow = Row(before, ExpiredRowsPurgeJob.Name);
        purgeRow.ShouldContain($"<code>{FarSchedule}</code>");
        purgeRow.ShouldContain("01.01.2099 00:00:00", customMessage: "the next run in Turkey time (UTC would read 31.12.2098 21:00)");
        purgeRow.ShouldContain("Henüz çalışmadı");

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
        var row = Row(after, ExpiredRowsPurgeJob.Name);
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

    private static string Row(string page, string job)
    {
        var row = page[page.IndexOf($"data-job=\"{job}\"", StringComparison.Ordinal)..];
        return row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
    }
}
