using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.TestSupport.Signing;
using Xunit.Abstractions;

namespace Mys.Signing.Web.Tests.Browser;

/// <summary>Runs only when MYS_MEASURE_SIGNING is set (benchmarks/browser-signing-batch.sh): a measurement, not a test with a time bound.</summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MYS_MEASURE_SIGNING")))
        {
            Skip = "measurement: run benchmarks/browser-signing-batch.sh";
        }
    }
}

/// <summary>
/// N ÖEBs (default 50) signed by the realization officer through the page, the real agent and a SoftHSM2 token, from
/// the click on the PIN dialog's button to every signature stored. Reports where the time goes: the server's prepare
/// and complete (as the browser sees them), the agent call, and inside it the card (C_Login + C_Sign + check, from the
/// agent's log). A warm-up batch runs first so JIT and connection set-up are not counted.
/// </summary>
[Trait("Speed", "Slow")]
public sealed partial class BrowserSigningMeasurement(SigningFixture fixture, ITestOutputHelper output) : IClassFixture<SigningFixture>
{
    [MeasurementFact]
    public async Task Sign_a_batch_through_the_browser_and_the_agent()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("MYS_MEASURE_SIGNING"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 1 ? n : 50;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Signing batch measurement {DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, load {LoadAverage()}");
        var (context, page, errors) = await fixture.LoginAsync(Role.RealizationOfficer);
        await using (context)
        {
            await BatchAsync(page, 5, "warm-up", report);
            for (var run = 1; run <= 3; run++)
            {
                await BatchAsync(page, count, $"run {run}", report);
            }

            errors.ShouldBeEmpty();
        }

        var text = report.ToString();
        output.WriteLine(text);
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, "browser-signing-batch.txt"), text);
    }

    private async Task BatchAsync(IPage page, int count, string label, StringBuilder report)
    {
        var ids = await TestPaymentOrders.CreateAwaitingSignatureAsync(fixture.App.Services, count, DemoData.SpendingUnitId);
        var logBefore = fixture.BridgeLog.Length;
        await page.GotoAsync($"/Units/{DemoData.SpendingUnitId}/PaymentOrders/Sign?" + string.Join('&', ids.Select(id => "id=" + id)));
        await page.Locator("#signing[data-state='ready']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.ClickAsync("#sign");
        await page.FillAsync("#pin", SigningFixture.Pin);
        await page.ClickAsync("#pin-ok");
        await page.Locator("#signing[data-state='done']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 300_000 });

        var elapsed = double.Parse(await page.Locator("#signing").GetAttributeAsync("data-elapsed-ms") ?? "0", CultureInfo.InvariantCulture);
        var chunks = JsonSerializer.Deserialize<List<Chunk>>(await page.Locator("#signing-timings").TextContentAsync() ?? "[]", JsonSerializerOptions.Web)!;
        await Task.Delay(200); // the agent's last log line
        var card = CardTime().Matches(fixture.BridgeLog[logBefore..]).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var signed = await fixture.App.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM \"PaymentOrders\" WHERE \"Status\" = {(int)PaymentOrderStatus.AwaitingSpendingAuthoritySignature} AND \"Id\" IN ({string.Join(',', ids.Select(id => $"'{id}'"))})");
        signed.ShouldBe(count, "every ÖEB of the batch is signed and stored");

        var prepare = chunks.Sum(c => c.PrepareMs);
        var agent = chunks.Sum(c => c.AgentMs);
        var complete = chunks.Sum(c => c.CompleteMs);
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{label}: {count} ÖEBs in {chunks.Count} chunk(s): total {elapsed:0} ms | server prepare {prepare:0} ms | agent {agent:0} ms (card {card:0} ms, agent HTTP+checks {agent - card:0} ms) | server complete {complete:0} ms | page {elapsed - prepare - agent - complete:0} ms | per ÖEB {elapsed / count:0.0} ms");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private sealed record Chunk(int Count, double PrepareMs, double AgentMs, double CompleteMs);

    [GeneratedRegex(@"Signed \d+ digest\(s\) .* in ([0-9.]+) ms")]
    private static partial Regex CardTime();
}
