using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Certificates;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Domain.Parties;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;

namespace Mys.Signing.Web.Tests.Certificates;

/// <summary>
/// A seeded unit: the realization officer's certificate has expired, the spending authority's ends in 20 days, a second
/// realization officer's in 45 days, and a third realization officer has no certificate seen.
/// </summary>
public sealed class SeededSignersFixture : IAsyncLifetime
{
    public static readonly string SecondOfficerTckn = Tckn.WithCheckDigits("300000011").Value;
    public static readonly string ThirdOfficerTckn = Tckn.WithCheckDigits("300000012").Value;

    private TestDatabase _database = null!;

    public MysAppFactory App { get; private set; } = null!;

    public DateTimeOffset SeededAt { get; private set; }

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string> { ["Mys:Scheduler:Enabled"] = "false" };
        _database = await TestDatabase.CreateSeededAsync(settings);
        App = new MysAppFactory(_database, settings);
        _ = App.Server;
        var admin = await App.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.IdentityAdministrator).Tckn);
        var unit = $"/Units/{DemoData.SpendingUnitId}";
        foreach (var (tckn, name) in new[] { (SecondOfficerTckn, "Deniz Ak"), (ThirdOfficerTckn, "Ömer Işık") })
        {
            (await MysAppFactory.PostFormAsync(admin, unit + "/CreateUser", new Dictionary<string, string>
            {
                ["Tckn"] = tckn, ["FullName"] = name, ["Title"] = "Şube Müdürü", ["Email"] = tckn + "@example.org",
            }, unit + "/CreateUser")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await MysAppFactory.PostFormAsync(admin, unit + "/AssignRole", new Dictionary<string, string>
            {
                ["Tckn"] = tckn, ["SelectedRole"] = nameof(Role.RealizationOfficer), ["Reason"] = "Vekâlet",
            }, unit + "/AssignRole")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        SeededAt = DateTimeOffset.UtcNow;
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        await AddAsync(db, DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer).Tckn, SeededAt.AddDays(-5), "e1");
        await AddAsync(db, DemoData.Accounts.Single(a => a.Role == Role.SpendingAuthority).Tckn, SeededAt.AddDays(20), "u2");
        await AddAsync(db, SecondOfficerTckn, SeededAt.AddDays(45), "s3");
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static async Task AddAsync(MysDbContext db, string tckn, DateTimeOffset notAfter, string serial)
    {
        var userId = await db.Users.Where(u => u.Tckn == tckn).Select(u => u.Id).SingleAsync();
        db.SignerCertificates.Add(new SignerCertificate
        {
            Id = Guid.NewGuid(), UserId = userId, Sha256 = serial.PadLeft(64, '0'), SerialNumber = serial, Issuer = "CN=Test NES CA", Subject = "CN=x",
            SubjectTckn = tckn, NotBefore = notAfter.AddYears(-3), NotAfter = notAfter, Qualified = true, KeyType = "RSA-2048",
            FirstSeenAt = notAfter.AddYears(-3), FirstSource = CertificateSource.Signature, LastSeenAt = notAfter.AddYears(-3), LastSource = CertificateSource.Signature,
        });
    }
}

public sealed class SignerDashboardAndReminderTests(SeededSignersFixture fixture) : IClassFixture<SeededSignersFixture>
{
    private static string Dashboard => $"/Units/{DemoData.SpendingUnitId}/Certificates";

    private static string Tckn(Role role) => DemoData.Accounts.Single(a => a.Role == role).Tckn;

    [Fact]
    public async Task The_identity_administrator_sees_each_signer_in_the_right_group_and_when_the_unit_loses_its_signers()
    {
        var admin = await fixture.App.LoginAsync(Tckn(Role.IdentityAdministrator));

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync(Dashboard));

        html.ShouldContain("data-level=\"Expired\">Süresi dolmuş: <strong>1</strong>");
        html.ShouldContain("data-level=\"Urgent\">30 gün içinde doluyor: <strong>1</strong>");
        html.ShouldContain("data-level=\"ExpiringSoon\">60 gün içinde doluyor: <strong>1</strong>");
        html.ShouldContain("data-level=\"NoCertificate\">Sertifika görülmedi: <strong>1</strong>");
        html.ShouldContain("Mehmet Demir");
        html.ShouldContain("Ömer Işık");
        // Realization officers stay covered until the second officer's certificate ends (45 days); the spending authority until 20 days.
        var coverage = html[html.IndexOf("class=\"coverage\"", StringComparison.Ordinal)..];
        coverage.ShouldContain(Display(fixture.SeededAt.AddDays(45)));
        coverage.ShouldContain(Display(fixture.SeededAt.AddDays(20)));
        coverage.ShouldNotContain("Kütüphane ve Dokümantasyon Daire Başkanlığı", Case.Sensitive, "only the units the administrator manages");
    }

    [Fact]
    public async Task The_csv_is_utf8_with_bom_semicolon_separated_with_turkish_dates()
    {
        var admin = await fixture.App.LoginAsync(Tckn(Role.IdentityAdministrator));

        var response = await admin.GetAsync(Dashboard + "?handler=Csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Ad Soyad;T.C. Kimlik No;Rol;Durum;Sertifika Seri No;Bitiş Tarihi;Kalan Gün");
        lines.Length.ShouldBe(5);
        lines.ShouldContain(l => l.StartsWith("Fatma Kaya;" + Tckn(Role.SpendingAuthority) + ";Harcama Yetkilisi;30 gün içinde doluyor;u2;", StringComparison.Ordinal)
                                 && l.Contains(Mys.Signing.Web.Infrastructure.Display.Date(fixture.SeededAt.AddDays(20)), StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("Ömer Işık;", StringComparison.Ordinal) && l.Contains("Sertifika görülmedi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signer_cannot_open_the_dashboard()
    {
        var officer = await fixture.App.LoginAsync(Tckn(Role.RealizationOfficer));

        (await officer.GetAsync(Dashboard)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_daily_job_writes_one_reminder_per_signer_and_stage_and_running_it_twice_adds_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        await RunJobAsync(now);
        await RunJobAsync(now.AddHours(1));

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var reminders = await db.CertificateReminders.AsNoTracking().ToListAsync();
        reminders.Select(r => r.Stage).Order(StringComparer.Ordinal).ShouldBe(["30", "60", "expired"]);
        reminders.ShouldAllBe(r => r.SentAt != null && r.Channel == ReminderChannel.InApp);
        (await db.Notifications.CountAsync()).ShouldBe(3);

        var authority = await fixture.App.LoginAsync(Tckn(Role.SpendingAuthority));
        var page = await authority.GetStringAsync("/Certificates");
        page.ShouldContain("ACİL: E-imza sertifikanızın süresi");
        page.ShouldContain("alert urgent certificate-banner");
    }

    private async Task RunJobAsync(DateTimeOffset now)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CertificateReminderJob>().RunAsync(now, CancellationToken.None);
    }

    private static string Display(DateTimeOffset value) => Mys.Signing.Web.Infrastructure.Display.DateTime(value);
}
