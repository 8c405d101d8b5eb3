extern alias bridge;

using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Mys.Signing.DevPki.Tokens;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing.Codes;
using Mys.Signing.TestSupport;
using Mys.Signing.Application.Seeding;
using Mys.Signing.TestSupport.SoftHsm;
using BridgeOptions = bridge::Mys.Signing.Bridge.BridgeOptions;
using CardSigner = bridge::Mys.Signing.Bridge.Card.CardSigner;
using CodeArguments = bridge::Mys.Signing.Bridge.Commands.CodeArguments;
using CodeCommand = bridge::Mys.Signing.Bridge.Commands.CodeCommand;
using ICodeConsole = bridge::Mys.Signing.Bridge.Commands.ICodeConsole;
using ModuleProvider = bridge::Mys.Signing.Bridge.Card.ModuleProvider;
using SensitivePin = bridge::Mys.Signing.Bridge.Security.SensitivePin;

namespace Mys.Signing.Web.Tests.Cards;

/// <summary>
/// The agent's <c>code</c> command against the real app (TestServer) and a real SoftHSM2 token holding the realization
/// officer's dev PKI key and certificate: the user types the code and the PIN into the agent, the page sees it complete.
/// </summary>
public sealed class AgentCodeCommandTests(DevPkiAppFixture fixture) : IClassFixture<DevPkiAppFixture>, IAsyncLifetime
{
    private const string UserPin = "123456";
    private static readonly string Signer = DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer).Tckn;

    public async Task InitializeAsync() =>
        await new SoftHsmProvisioner(SoftHsmEnvironment.ForThisProcess.ConfigPath).ProvisionAsync(fixture.Pki, [nameof(Role.RealizationOfficer)], UserPin, "12345678");

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed class ScriptedConsole(IEnumerable<string> lines, IEnumerable<string> pins) : ICodeConsole
    {
        private readonly Queue<string> _lines = new(lines);
        private readonly Queue<string> _pins = new(pins);

        public List<string> Output { get; } = [];

        public string Text => string.Join("\n", Output);

        public void WriteLine(string text) => Output.Add(text);

        public string? ReadLine(string prompt)
        {
            Output.Add(prompt);
            return _lines.Count > 0 ? _lines.Dequeue() : null;
        }

        public SensitivePin ReadPin(string prompt)
        {
            Output.Add(prompt);
            return SensitivePin.FromUtf8(System.Text.Encoding.UTF8.GetBytes(_pins.Dequeue()));
        }
    }

    private static async Task<int> RunAgentAsync(MysAppFactory app, ScriptedConsole console, string? code, params string[] allowedOrigins)
    {
        var settings = new BridgeOptions { ModulePath = SoftHsmProvisioner.DefaultModule, FinalizeOnShutdown = false };
        foreach (var origin in allowedOrigins)
        {
            settings.AllowedOrigins.Add(origin);
        }

        var options = Microsoft.Extensions.Options.Options.Create(settings);
        var modules = new ModuleProvider(options, NullLogger<ModuleProvider>.Instance);
        using var http = app.CreateClient();
        var command = new CodeCommand(modules, new CardSigner(modules, options), options, http, console);
        return await command.RunAsync(new CodeArguments(new Uri("http://localhost/"), code, null, AssumeYes: false), CancellationToken.None);
    }

    private static async Task<string> StatusAsync(HttpClient page, Guid id) =>
        (await DevPkiAppFixture.JsonAsync(await page.GetAsync($"/api/signing/codes/{id}"))).GetProperty("status").GetString()!;

    [Fact]
    public async Task The_user_types_the_code_and_pin_into_the_agent_and_the_page_sees_the_signatures_arrive()
    {
        var (id, code, page) = await CodeSigningFlowTests.IssueAsync(fixture.App, Signer, targets: 3);
        var console = new ScriptedConsole([code[..5] + " " + code[5..10] + " " + code[10..], "e"], [UserPin]);

        var exit = await RunAgentAsync(fixture.App, console, code: null, "http://localhost");

        exit.ShouldBe(0, console.Text);
        console.Text.ShouldContain("Sunucu: http://localhost");
        console.Text.ShouldContain("İmzalanacak 3 belge");
        console.Text.ShouldContain("3 belge imzalandı");
        (await StatusAsync(page, id)).ShouldBe("completed");
    }

    [Fact]
    public async Task A_wrong_pin_is_asked_again_with_the_tries_left_and_the_code_still_completes()
    {
        var (id, code, page) = await CodeSigningFlowTests.IssueAsync(fixture.App, Signer, targets: 1);
        var console = new ScriptedConsole(["e"], ["000000", UserPin]);

        var exit = await RunAgentAsync(fixture.App, console, code, "http://localhost");

        exit.ShouldBe(0, console.Text);
        console.Text.ShouldContain("PIN");
        console.Output.Count(l => l.StartsWith("Kartınızın PIN", StringComparison.Ordinal)).ShouldBe(2);
        (await StatusAsync(page, id)).ShouldBe("completed");
    }

    [Fact]
    public async Task The_agent_sends_nothing_to_a_server_that_is_not_in_its_allowed_origins()
    {
        var (id, code, page) = await CodeSigningFlowTests.IssueAsync(fixture.App, Signer, targets: 1);
        var console = new ScriptedConsole(["e"], [UserPin]);

        var exit = await RunAgentAsync(fixture.App, console, code, "https://mys.example.gov.tr");

        exit.ShouldBe(1);
        console.Text.ShouldContain("izinli sunucular arasında değil");
        (await StatusAsync(page, id)).ShouldBe("waiting");
    }

    [Fact]
    public async Task An_expired_code_is_refused_by_the_server_and_the_agent_says_so()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var clocked = fixture.App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var (id, code, page) = await CodeSigningFlowTests.IssueAsync(clocked, Signer, targets: 1);
        clock.Advance(TimeSpan.FromSeconds(301));
        var console = new ScriptedConsole(["e"], [UserPin]);

        using var http = clocked.CreateClient();
        var settings = new BridgeOptions { ModulePath = SoftHsmProvisioner.DefaultModule, FinalizeOnShutdown = false };
        settings.AllowedOrigins.Add("http://localhost");
        var options = Microsoft.Extensions.Options.Options.Create(settings);
        var modules = new ModuleProvider(options, NullLogger<ModuleProvider>.Instance);
        var exit = await new CodeCommand(modules, new CardSigner(modules, options), options, http, console)
            .RunAsync(new CodeArguments(new Uri("http://localhost/"), code, null, AssumeYes: true), CancellationToken.None);

        exit.ShouldBe(1);
        console.Text.ShouldContain("süresi (5 dakika) doldu");
        (await StatusAsync(page, id)).ShouldBe("expired");
        await using var scope = clocked.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<MysDbContext>().SigningCodes.SingleAsync(c => c.Id == id)).SessionId.ShouldBeNull("nothing is prepared for an expired code");
    }
}
