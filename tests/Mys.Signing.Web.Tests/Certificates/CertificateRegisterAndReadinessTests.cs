using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mys.Signing.Application.Certificates;
using Mys.Signing.Application.Seeding;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Pages.Help;

namespace Mys.Signing.Web.Tests.Certificates;

/// <summary>The app with the dev PKI and a clock the tests move, shared by the tests of a class.</summary>
public sealed class DevPkiAppFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mys-cert-devpki-").FullName;
    private TestDatabase _database = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public MysAppFactory App { get; private set; } = null!;

    public DevPkiHierarchy Pki => App.Services.GetRequiredService<DevPkiHierarchy>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Mys:DevPki:Enabled"] = "true",
            ["Mys:DevPki:Folder"] = _folder,
            ["Mys:Scheduler:Enabled"] = "false",
        };
        _database = await TestDatabase.CreateSeededAsync(settings);
        // The seeded rows were written at the real time when the template was made: the app's clock must not be behind them.
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        App = new MysAppFactory(_database, settings)
        {
            ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock),
        };
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The certificate register, the readiness check against every failing dev PKI certificate, and the expiry banner.</summary>
public sealed class CertificateRegisterAndReadinessTests(DevPkiAppFixture fixture) : IClassFixture<DevPkiAppFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static DemoAccount Officer => DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer);

    private MysAppFactory App => fixture.App;

    private FakeTimeProvider Clock => fixture.Clock;

    private DevPkiHierarchy Pki => fixture.Pki;

    [Fact]
    public async Task The_users_own_certificate_is_registered_once_and_another_persons_is_refused_audited_and_not_saved()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var register = scope.ServiceProvider.GetRequiredService<CertificateRegister>();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var authority = DemoData.Accounts.Single(a => a.Role == Role.SpendingAuthority).Tckn;
        var userId = await db.Users.Where(u => u.Tckn == authority).Select(u => u.Id).SingleAsync();
        var own = Pki[nameof(Role.SpendingAuthority)];

        var first = await register.RecordAsync(userId, own.CertificateDer, CertificateSource.ReadinessCheck, CancellationToken.None);
        var second = await register.RecordAsync(userId, own.CertificateDer, CertificateSource.Signature, CancellationToken.None);
        var other = await register.RecordAsync(userId, Pki["different-tckn"].CertificateDer, CertificateSource.ESignatureLogin, CancellationToken.None);
        var garbage = await register.RecordAsync(userId, [1, 2, 3], CertificateSource.Signature, CancellationToken.None);

        first.IsSuccess.ShouldBeTrue();
        second.Value.Id.ShouldBe(first.Value.Id);
        var rows = await db.SignerCertificates.AsNoTracking().Where(c => c.UserId == userId).ToListAsync();
        var row = rows.ShouldHaveSingleItem();
        row.SubjectTckn.ShouldBe(authority);
        row.Qualified.ShouldBeTrue();
        row.KeyType.ShouldBe("EC-256");
        row.FirstSource.ShouldBe(CertificateSource.ReadinessCheck);
        row.LastSource.ShouldBe(CertificateSource.Signature);
        row.NotAfter.ShouldBe(new DateTimeOffset(own.Certificate.NotAfter, TimeSpan.Zero));
        row.SerialNumber.ShouldBe(own.Certificate.SerialNumber.ToString(16), StringCompareShould.IgnoreCase);

        other.Error!.Code.ShouldBe("CERT_TCKN_MISMATCH");
        garbage.Error!.Code.ShouldBe("CERT_MALFORMED");
        var refused = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "CertificateRefused" && e.Changes!.Contains("ESignatureLogin"));
        refused.Changes!.ShouldContain("89012345620");
        refused.Changes!.ShouldContain(userId.ToString());
    }

    [Theory]
    [InlineData("expired", "validity")]
    [InlineData("not-yet-valid", "validity")]
    [InlineData("revoked", "revocation")]
    [InlineData("not-qualified", "qualified")]
    [InlineData("wrong-key-usage", "keyUsage")]
    [InlineData("untrusted", "chain")]
    [InlineData("different-tckn", "tckn")]
    public async Task Each_failing_dev_pki_certificate_turns_its_line_red_with_a_next_step_and_help_link(string certificate, string failingLine)
    {
        var result = await CheckAsync(Pki[certificate].CertificateDer);

        result.Ready.ShouldBeFalse();
        var line = result.Lines.Single(l => l.Key == failingLine);
        line.State.ShouldBe(ReadinessLine.Bad, $"{certificate}: {line.Detail}");
        line.NextStep.ShouldNotBeNullOrWhiteSpace();
        line.Help.ShouldStartWith("/Yardim/hatalar#CERT_");
        line.Help.ShouldBe(HelpContent.LinkFor(line.Help[(line.Help.IndexOf('#', StringComparison.Ordinal) + 1)..]), "the help page's own link for the code");
        result.Registered.ShouldBeFalse("none of the failure certificates carries the officer's TCKN");
        if (certificate == "different-tckn")
        {
            result.Lines.Where(l => l.Key != "tckn").ShouldAllBe(l => l.State == ReadinessLine.Ok);
        }
    }

    [Fact]
    public async Task The_officers_own_nes_passes_every_line_and_is_registered()
    {
        var result = await CheckAsync(Pki[nameof(Role.RealizationOfficer)].CertificateDer);

        result.Lines.Select(l => l.Key).ShouldBe(["chain", "qualified", "keyUsage", "validity", "expiry", "revocation", "tckn"]);
        result.Lines.ShouldAllBe(l => l.State == ReadinessLine.Ok);
        result.Ready.ShouldBeTrue();
        result.Registered.ShouldBeTrue();
    }

    [Fact]
    public async Task A_check_without_a_certificate_is_a_turkish_400_not_a_500()
    {
        var client = await App.LoginAsync(Officer.Tckn);
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Certificates/Readiness");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Certificates/Readiness?handler=Check") { Content = JsonContent.Create(new { certificate = "%%%" }) };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("sertifika yok");
    }

    [Fact]
    public async Task The_readiness_page_has_the_panel_its_script_and_the_agent_url()
    {
        var client = await App.LoginAsync(Officer.Tckn);

        var html = await client.GetStringAsync("/Certificates/Readiness");

        html.ShouldContain("İmza Hazırlık Kontrolü");
        html.ShouldContain("data-agent-url=\"http://127.0.0.1:17357\"");
        html.ShouldContain("/js/readiness.js");
    }

    [Theory]
    [InlineData(61, null)]
    [InlineData(60, "alert warning certificate-banner")]
    [InlineData(30, "alert urgent certificate-banner")]
    [InlineData(0, "alert error certificate-banner expired")]
    public async Task The_bannerAppears_at_60_is_urgent_at_30_and_blocks_at_0_days(int daysLeft, string? banner)
    {
        var own = Pki[nameof(Role.RealizationOfficer)];
        var notAfter = new DateTimeOffset(own.Certificate.NotAfter, TimeSpan.Zero);
        var start = Clock.GetUtcNow();
        Guid userId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            userId = await db.Users.Where(u => u.Tckn == Officer.Tckn).Select(u => u.Id).SingleAsync();
            (await scope.ServiceProvider.GetRequiredService<CertificateRegister>().RecordAsync(userId, own.CertificateDer, CertificateSource.Signature, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        }

        Clock.Advance(notAfter.AddDays(-daysLeft) - start);
        try
        {
            await using var scope = App.Services.CreateAsyncScope();
            var status = await scope.ServiceProvider.GetRequiredService<SignerCertificateStatusService>().GetAsync(userId, CancellationToken.None);
            status.BlocksSigning.ShouldBe(daysLeft == 0);

            var client = await App.LoginAsync(Officer.Tckn);
            var html = await client.GetStringAsync("/Certificates");
            if (banner is null)
            {
                html.ShouldNotContain("certificate-banner");
            }
            else
            {
                html.ShouldContain(banner);
            }
        }
        finally
        {
            Clock.AdjustTime(start);
        }
    }

    private async Task<ReadinessResult> CheckAsync(byte[] der)
    {
        var client = await App.LoginAsync(Officer.Tckn);
        var token = await MysAppFactory.AntiforgeryTokenAsync(client, "/Certificates/Readiness");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Certificates/Readiness?handler=Check")
        {
            Content = JsonContent.Create(new { certificate = Convert.ToBase64String(der) }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ReadinessResult>(Web))!;
    }
}
