using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Npgsql;

namespace Mys.Signing.Benchmarks.CrashSafety;

/// <summary>The crash scenarios of <see cref="CrashSafetyMeasurement"/>, each ending with the checks and the user's retry.</summary>
internal sealed class Scenarios(MysAppFactory harness, AppNode node)
{
    private static string Tckn(Role role) => DemoData.Accounts.First(a => a.Role == role).Tckn;

    /// <summary>A 40 MiB attachment killed at about 40 % sent; an earlier attachment of the same ÖEB must survive.</summary>
    public async Task<ScenarioResult> KillDuringUploadAsync()
    {
        var orderId = await CreateDraftAsync();
        using var clerk = await NodeUser.LogInAsync(node, Tckn(Role.DataEntryOfficer));
        var first = await UploadAsync(clerk, orderId, "onay.pdf", HandMadePdf.Create(200 * 1024, seed: 1), throttle: null);
        if (first is not null)
        {
            return new ScenarioResult("kill -9 during upload", "-", null, false, "the first upload failed: " + first);
        }

        var big = HandMadePdf.Create(40 * 1024 * 1024, seed: 2);
        var throttle = new UploadThrottle(big.Length * 4 / 10);
        var upload = UploadAsync(clerk, orderId, "sozlesme.pdf", big, throttle);
        await throttle.Reached.WaitAsync(TimeSpan.FromMinutes(2));
        await node.KillAsync();
        var answered = await Answered(upload);
        await node.RestartAsync();
        var after = await CrashInvariants.CheckAsync(harness.Services, [orderId]);
        var attachmentsAfterCrash = await AttachmentCountAsync(orderId);

        await clerk.LogInAgainAsync();
        var retried = await UploadAsync(clerk, orderId, "sozlesme.pdf", big, throttle: null);
        var final = await CrashInvariants.CheckAsync(harness.Services, [orderId]);
        var count = await AttachmentCountAsync(orderId);
        return new ScenarioResult("kill -9 during upload", $"{throttle.Sent >> 20} of 40 MiB sent{(answered ? " (answered before the kill!)" : string.Empty)}",
            Merge(after, final), retried is null && count == 2 && attachmentsAfterCrash == 1,
            $"attachments after crash {attachmentsAfterCrash} (expected 1), after retry {count} (expected 2){(retried is null ? string.Empty : "; retry refused: " + retried)}");
    }

    /// <summary>
    /// The realization officer's batch: the app is killed part-way through <c>complete</c>. A crash that comes after the
    /// answer tests nothing, so then a new batch is tried with half the delay (at most four batches).
    /// </summary>
    public async Task<ScenarioResult> KillDuringCompleteAsync(int count)
    {
        using var officer = await NodeUser.LogInAsync(node, Tckn(Role.RealizationOfficer));
        var card = DevCardSigner.For(harness.Services, Role.RealizationOfficer);
        return await CrashDuringCompleteAsync($"kill -9 during complete ({count} ÖEBs)", officer, card, count,
            _ => Task.CompletedTask, node.KillAsync, node.RestartAsync, PaymentOrderStatus.AwaitingRealizationSignature);
    }

    /// <summary>The spending authority's batch: PostgreSQL restarted (fast shutdown) part-way through <c>complete</c>.</summary>
    public async Task<(ScenarioResult Result, IReadOnlyList<Guid> Sent)> RestartPostgresDuringCompleteAsync(int count)
    {
        var restart = Environment.GetEnvironmentVariable("MYS_CRASH_PG_RESTART");
        if (string.IsNullOrWhiteSpace(restart))
        {
            return (new ScenarioResult("PostgreSQL restart during complete", "-", null, false, "not run: MYS_CRASH_PG_RESTART is not set (benchmarks/crash-safety.sh sets it)"), []);
        }

        using var authority = await NodeUser.LogInAsync(node, Tckn(Role.SpendingAuthority));
        using var officer = await NodeUser.LogInAsync(node, Tckn(Role.RealizationOfficer));
        var card = DevCardSigner.For(harness.Services, Role.SpendingAuthority);
        var officerCard = DevCardSigner.For(harness.Services, Role.RealizationOfficer);
        var result = await CrashDuringCompleteAsync($"PostgreSQL restart during complete ({count} ÖEBs)", authority, card, count,
            async ids => await SigningApi.SignAsync(officer.Client, officerCard, [.. ids]),
            async () =>
            {
                var restarted = await ExternalTools.RunAsync(new ToolCommand("bash", ["-c", restart]) { Timeout = TimeSpan.FromMinutes(2) });
                if (restarted.ExitCode != 0)
                {
                    throw new InvalidOperationException("pg_ctl restart failed: " + restarted.Output);
                }
            },
            async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await WaitReadyAsync();
            },
            PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
        return (result, _lastBatch);
    }

    private IReadOnlyList<Guid> _lastBatch = [];

    private async Task<ScenarioResult> CrashDuringCompleteAsync(string name, NodeUser user, DevCardSigner card, int count,
        Func<IReadOnlyList<Guid>, Task> bringToStep, Func<Task> crash, Func<Task> recover, PaymentOrderStatus awaiting)
    {
        var attempts = new List<string>();
        var delay = TimeSpan.Zero;
        InvariantReport? worst = null;
        var retriesOk = true;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var ids = await TestPaymentOrders.CreateAwaitingSignatureAsync(harness.Services, count);
            await bringToStep(ids);
            _lastBatch = ids;
            var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(user.Client, card.CertificateBase64, [.. ids]));
            var signatures = card.Sign(prepared);
            var watch = Stopwatch.StartNew();
            var complete = SigningApi.CompleteAsync(user.Client, prepared.SessionId, card.CertificateBase64, signatures);
            if (delay == TimeSpan.Zero)
            {
                // First batch: let it run to learn how long complete takes, then crash later batches part-way.
                using var answer = await complete;
                delay = watch.Elapsed * 0.4;
                attempts.Add($"uncrashed batch {watch.ElapsedMilliseconds} ms ({(int)answer.StatusCode})");
                continue;
            }

            await Task.Delay(delay);
            await crash();
            var (answered, got) = await AnswerOf(complete);
            await recover();
            var after = await CrashInvariants.CheckAsync(harness.Services, ids);
            var stillAwaiting = await CountAsync(ids, awaiting);
            await user.LogInAgainAsync();
            retriesOk &= await SignRemainingAsync(user, card, ids, awaiting);
            retriesOk &= await CountAsync(ids, awaiting) == 0;
            worst = Merge(worst, Merge(after, await CrashInvariants.CheckAsync(harness.Services, ids)));
            attempts.Add($"crashed {delay.TotalMilliseconds:0} ms in, the user got {got}: {(answered ? "answered first (nothing tested)" : $"{count - stillAwaiting} signed by the crash, {stillAwaiting} retried")}");
            if (!answered)
            {
                return new ScenarioResult(name, $"complete, {delay.TotalMilliseconds:0} ms in", worst, retriesOk, string.Join("; ", attempts));
            }

            delay /= 2;
        }

        return new ScenarioResult(name, "never mid-request", worst, false, string.Join("; ", attempts));
    }

    /// <summary>Acceptances by the accounting officer, the app killed part-way through each after the first.</summary>
    public async Task<ScenarioResult> KillDuringAcceptanceAsync(IReadOnlyList<Guid> ids)
    {
        using var officer = await NodeUser.LogInAsync(node, Tckn(Role.AccountingOfficer));
        var watch = Stopwatch.StartNew();
        var warm = await AcceptAsync(officer, ids[0]);
        var acceptTime = watch.Elapsed;
        var random = new Random(18);
        var crashes = new List<string>();
        var retriesOk = warm;
        InvariantReport? worst = null;
        foreach (var id in ids.Skip(1))
        {
            var delay = TimeSpan.FromMilliseconds(acceptTime.TotalMilliseconds * (0.1 + (0.8 * random.NextDouble())));
            var accept = AcceptAsync(officer, id);
            await Task.Delay(delay);
            await node.KillAsync();
            var answered = await Answered(accept);
            await node.RestartAsync();
            var after = await CrashInvariants.CheckAsync(harness.Services, [id]);
            var status = await StatusAsync(id);
            crashes.Add($"{delay.TotalMilliseconds:0} ms{(answered ? "*" : string.Empty)}→{(status == PaymentOrderStatus.Accepted ? "accepted" : "not accepted")}");
            await officer.LogInAgainAsync();
            if (status != PaymentOrderStatus.Accepted)
            {
                retriesOk &= await AcceptAsync(officer, id);
            }

            retriesOk &= await StatusAsync(id) == PaymentOrderStatus.Accepted;
            worst = Merge(worst, Merge(after, await CrashInvariants.CheckAsync(harness.Services, [id])));
        }

        return new ScenarioResult($"kill -9 during acceptance ({ids.Count - 1} ÖEBs)", $"accept, one accept takes {acceptTime.TotalMilliseconds:0} ms",
            worst, retriesOk, "killed at " + string.Join(", ", crashes) + " (* = answered before the kill)");
    }

    private async Task<bool> SignRemainingAsync(NodeUser user, DevCardSigner card, IReadOnlyList<Guid> ids, PaymentOrderStatus awaiting)
    {
        var remaining = await WithStatusAsync(ids, awaiting);
        if (remaining.Count == 0)
        {
            return true;
        }

        var completed = await SigningApi.SignAsync(user.Client, card, [.. remaining]);
        return completed.Items.Count == remaining.Count && completed.Items.All(i => i.Ok);
    }

    private async Task<bool> AcceptAsync(NodeUser officer, Guid id)
    {
        using var response = await officer.PostPageAsync($"/Units/{DemoData.AccountingUnitId}/Inbox/{id}", "Accept");
        return response.StatusCode == HttpStatusCode.Redirect && await StatusAsync(id) == PaymentOrderStatus.Accepted;
    }

    /// <summary>Uploads as the page's script does; null when stored, else what the app answered.</summary>
    private static async Task<string?> UploadAsync(NodeUser clerk, Guid orderId, string fileName, byte[] content, UploadThrottle? throttle)
    {
        var token = await MysAppFactory.AntiforgeryTokenAsync(clerk.Client, "/Account/Profile");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("ONAY"), "documentType" },
            { new StringContent("scan"), "source" },
        };
        HttpContent file = throttle is null ? new ByteArrayContent(content) : new StreamContent(new ThrottledStream(content, throttle));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/Units/{DemoData.SpendingUnitId}/PaymentOrders/{orderId}?handler=Upload") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        using var response = await clerk.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var stored = response.IsSuccessStatusCode && body.StartsWith('{') && JsonDocument.Parse(body).RootElement.GetProperty("ok").GetBoolean();
        return stored ? null : $"HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}";
    }

    private async Task<Guid> CreateDraftAsync()
    {
        await using var scope = harness.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var clerk = await db.Users.AsNoTracking().Where(u => u.Tckn == Tckn(Role.DataEntryOfficer)).Select(u => u.Id).SingleAsync();
        var now = TimeProvider.System.GetUtcNow();
        var order = DemoData.NewElectricityOrder("CRASH/" + Guid.NewGuid().ToString("N")[..8], "Başkent Elektrik Dağıtım A.Ş.", 1180m, null,
            new Actor(clerk, Role.DataEntryOfficer), DateOnly.FromDateTime(now.UtcDateTime), now);
        db.PaymentOrders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    private async Task<int> AttachmentCountAsync(Guid orderId)
    {
        await using var scope = harness.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return (await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == orderId)).Attachments.Count(a => a.Sha256 is not null);
    }

    private async Task<PaymentOrderStatus> StatusAsync(Guid id)
    {
        await using var scope = harness.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MysDbContext>().PaymentOrders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Status).SingleAsync();
    }

    private async Task<int> CountAsync(IReadOnlyList<Guid> ids, PaymentOrderStatus status) => (await WithStatusAsync(ids, status)).Count;

    private async Task<List<Guid>> WithStatusAsync(IReadOnlyList<Guid> ids, PaymentOrderStatus? status)
    {
        await using var scope = harness.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        return await db.PaymentOrders.AsNoTracking().Where(o => ids.Contains(o.Id) && (status == null || o.Status == status)).Select(o => o.Id).ToListAsync();
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 240; i++)
        {
            try
            {
                using var ready = await client.GetAsync("health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException("The app did not report ready after the database restart.");
    }

    /// <summary>What the user saw of a request cut by the crash: whether it was answered normally first, and how.</summary>
    private static async Task<(bool Answered, string What)> AnswerOf(Task<HttpResponseMessage> request)
    {
        try
        {
            using var answer = await request;
            var body = await answer.Content.ReadAsStringAsync();
            return (answer.StatusCode < HttpStatusCode.InternalServerError, $"HTTP {(int)answer.StatusCode} {body[..Math.Min(body.Length, 160)]}");
        }
        catch (HttpRequestException e)
        {
            return (false, "no answer (" + e.HttpRequestError + ")");
        }
    }

    /// <summary>Whether the request got an answer (it was not cut by the crash): then the crash came too late to test anything.</summary>
    private static async Task<bool> Answered<T>(Task<T> request)
    {
        try
        {
            var answer = await request;
            (answer as IDisposable)?.Dispose();
            return answer is not HttpResponseMessage { StatusCode: >= HttpStatusCode.InternalServerError };
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static InvariantReport Merge(InvariantReport? first, InvariantReport second) => first is null
        ? second
        : new InvariantReport(Math.Max(first.Orders, second.Orders), [.. first.HalfSigned, .. second.HalfSigned], [.. first.Lost, .. second.Lost],
            Math.Max(first.OrphanChunks, second.OrphanChunks));
}
