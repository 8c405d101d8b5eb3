using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;

namespace Mys.Signing.Web.Tests.Operations;

/// <summary>
/// Issue 20, part 1: two app processes behind HAProxy, round-robin without sticky sessions (<see cref="LoadBalancedCluster"/>).
/// Every request of these tests goes through the balancer; <c>X-Mys-Node</c> tells which node answered.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class TwoNodesBehindLoadBalancerTests(LoadBalancedCluster cluster) : IClassFixture<LoadBalancedCluster>
{
    private const string NodeA = "node-a";
    private const string NodeB = "node-b";

    // Quartz's execution history stores its fire times as .NET ticks (or, read defensively, Unix milliseconds).
    private const string FiredAt = "(CASE WHEN fired_time > 100000000000000000 THEN to_timestamp((fired_time - 621355968000000000) / 1e7) ELSE to_timestamp(fired_time / 1e3) END)";

    private DevCardSigner Card(Role role) => DevCardSigner.For(cluster.Helper.Services, role);

    [Fact]
    public async Task Prepared_on_one_node_completed_on_the_other_then_signed_accepted_and_exported_through_the_balancer()
    {
        var id = (await TestPaymentOrders.CreateAwaitingSignatureAsync(cluster.Helper.Services)).Single();
        var officer = await cluster.LoginAsync(Role.RealizationOfficer);
        var card = Card(Role.RealizationOfficer);

        var prepareResponse = await LoadBalancedCluster.PostJsonAsync(officer, "/api/signing/prepare",
            new { certificate = card.CertificateBase64, paymentOrderIds = new[] { id } }, NodeA);
        LoadBalancedCluster.NodeOf(prepareResponse).ShouldBe(NodeA);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(prepareResponse);
        var completeResponse = await LoadBalancedCluster.PostJsonAsync(officer, "/api/signing/complete",
            new { sessionId = prepared.SessionId, certificate = card.CertificateBase64, signatures = card.Sign(prepared) }, NodeB);
        LoadBalancedCluster.NodeOf(completeResponse).ShouldBe(NodeB);
        (await SigningApi.ReadAsync<CompleteResponse>(completeResponse)).Items.ShouldHaveSingleItem().Status
            .ShouldBe(nameof(PaymentOrderStatus.AwaitingSpendingAuthoritySignature));

        var authority = await cluster.LoginAsync(Role.SpendingAuthority);
        (await SigningApi.SignAsync(authority, Card(Role.SpendingAuthority), id)).Items.ShouldHaveSingleItem().Status.ShouldBe(nameof(PaymentOrderStatus.SentToAccounting));
        var accounting = await cluster.LoginAsync(Role.AccountingOfficer);
        (await SigningApi.SignAsync(accounting, Card(Role.AccountingOfficer), id)).Items.ShouldHaveSingleItem().Status.ShouldBe(nameof(PaymentOrderStatus.Accepted));

        var (status, pdf) = await StoredAsync(id);
        status.ShouldBe(PaymentOrderStatus.Accepted);
        PdfSigValidSignatures(pdf).ShouldBe(3);
        var text = ExternalTools.Run("pdftotext", Write(pdf), "-").Output;
        text.ShouldContain(LoadBalancedCluster.PublicBaseUrl + "/dogrula", customMessage: "the configured public address, not the balancer's host and port");
        text.ShouldNotContain(cluster.BaseAddress.Authority);

        var today = DateTime.UtcNow.AddHours(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddHours(3).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var export = await MysAppFactory.PostFormAsync(accounting, $"/Units/{DemoData.AccountingUnitId}/Inbox/Export",
            new Dictionary<string, string> { ["From"] = yesterday, ["To"] = today }, $"/Units/{DemoData.AccountingUnitId}/Inbox/Export");
        export.StatusCode.ShouldBe(HttpStatusCode.OK, await export.Content.ReadAsStringAsync());
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        using var zip = new ZipArchive(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        zip.Entries.Count(e => e.Name.EndsWith(".asice", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task The_app_sees_the_clients_address_and_https_and_a_logout_on_one_node_ends_the_session_on_the_other()
    {
        var jar = new CookieContainer();
        var officer = await cluster.LoginAsync(Role.RealizationOfficer, jar);
        foreach (var node in LoadBalancedCluster.NodeNames)
        {
            await LoadBalancedCluster.NextGoesToAsync(officer, node);
            using var profile = await officer.GetAsync("/Account/Profile");
            profile.StatusCode.ShouldBe(HttpStatusCode.OK, $"the login cookie works on {node}");
            LoadBalancedCluster.NodeOf(profile).ShouldBe(node);
            // HSTS is sent only on a request the app takes for HTTPS: it believed the balancer's X-Forwarded-Proto.
            profile.Headers.Contains("Strict-Transport-Security").ShouldBeTrue();
        }

        await using (var scope = cluster.Helper.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
            var tckn = LoadBalancedCluster.Tckn(Role.RealizationOfficer);
            var userId = (await db.Users.AsNoTracking().Where(u => u.Tckn == tckn).Select(u => u.Id).SingleAsync()).ToString("D");
            var login = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "LoggedIn" && a.EntityId == userId).OrderByDescending(a => a.Id).FirstAsync();
            login.IpAddress.ShouldBe(LoadBalancedCluster.ClientAddress, "the client's address from X-Forwarded-For, not the balancer's 127.0.0.1");
        }

        var stolen = new CookieContainer();
        stolen.Add(jar.GetCookies(cluster.BaseAddress));
        var token = await MysAppFactory.AntiforgeryTokenAsync(officer, "/Account/Profile");
        await LoadBalancedCluster.NextGoesToAsync(officer, NodeA);
        using (var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))
        {
            var logout = await officer.PostAsync("/Account/Logout", form);
            logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            LoadBalancedCluster.NodeOf(logout).ShouldBe(NodeA);
        }

        // The cookie kept from before the logout, replayed on the other node: the session it names has ended.
        var replay = cluster.Client(stolen);
        await LoadBalancedCluster.NextGoesToAsync(replay, NodeB);
        using var after = await replay.GetAsync("/Account/Profile");
        LoadBalancedCluster.NodeOf(after).ShouldBe(NodeB);
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task Scheduled_jobs_fire_once_across_the_nodes_and_every_log_line_names_its_node()
    {
        // invoice-ocr fires every minute (at :00): wait for two firings after both nodes joined the cluster.
        await LoadBalancedCluster.WaitUntilAsync(async () => await CountAsync("SELECT count(*) FROM qrtz_execution_history WHERE job_name = 'invoice-ocr'") >= 2,
            TimeSpan.FromSeconds(150), () => "invoice-ocr did not fire twice in 150 s:\n" + cluster.Node(NodeA) + cluster.Node(NodeB));

        (await CountAsync("SELECT count(*) FROM qrtz_scheduler_state WHERE instance_name IN ('node-a', 'node-b')")).ShouldBe(2, "both nodes are in the scheduler's cluster");
        var history = await cluster.Database.ScalarAsync<string>(
            $"SELECT string_agg(job_name || ' on ' || instance_name || ' at ' || {FiredAt}, '; ' ORDER BY fired_time) FROM qrtz_execution_history");
        (await CountAsync($"SELECT count(*) FROM qrtz_execution_history WHERE job_name = 'invoice-ocr' AND {FiredAt} > now() - interval '30 minutes'"))
            .ShouldBeGreaterThanOrEqualTo(2, "the fire times read as times of this test run: " + history);
        // One run per firing: invoice-ocr fires at second 0 of every minute, so two runs in one minute would be one firing run twice.
        (await CountAsync($"SELECT count(*) - count(DISTINCT date_trunc('minute', {FiredAt})) FROM qrtz_execution_history WHERE job_name = 'invoice-ocr'"))
            .ShouldBe(0, history);

        foreach (var name in LoadBalancedCluster.NodeNames)
        {
            var lines = cluster.Node(name).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith('{')).ToList();
            lines.Count.ShouldBeGreaterThan(5, cluster.Node(name).ToString());
            lines.Select(NodeOfLine).Distinct().ShouldBe([name], "every JSON line of a node's console names it");
        }
    }

    [Fact]
    public async Task A_node_killed_in_the_middle_of_a_batch_leaves_nothing_half_signed_and_the_retry_succeeds_on_the_other_node()
    {
        var ids = await TestPaymentOrders.CreateAwaitingSignatureAsync(cluster.Helper.Services, count: 24);
        var officer = await cluster.LoginAsync(Role.RealizationOfficer);
        var card = Card(Role.RealizationOfficer);
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await LoadBalancedCluster.PostJsonAsync(officer, "/api/signing/prepare",
            new { certificate = card.CertificateBase64, paymentOrderIds = ids }));
        prepared.Items.Count.ShouldBe(ids.Count);

        var completing = LoadBalancedCluster.PostJsonAsync(officer, "/api/signing/complete",
            new { sessionId = prepared.SessionId, certificate = card.CertificateBase64, signatures = card.Sign(prepared) }, NodeA);
        // The session is claimed (and its audit event committed) as the completion starts; the batch commits at its end.
        await LoadBalancedCluster.WaitUntilAsync(
            async () => completing.IsCompleted || await CountAsync($"SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'SigningSessionCompleted' AND \"EntityId\" = '{prepared.SessionId:D}'") == 1,
            TimeSpan.FromSeconds(60), () => "the completion did not start on node-a");
        completing.IsCompleted.ShouldBeFalse("the batch must still be running when node-a is killed");
        await cluster.Node(NodeA).KillAsync();

        HttpResponseMessage? cut = null;
        try
        {
            cut = await completing;
        }
        catch (HttpRequestException)
        {
            // The balancer closed the connection: as good as a 502 for the user.
        }

        cut?.StatusCode.ShouldBe(HttpStatusCode.BadGateway, "HAProxy answers for the node that died");
        foreach (var id in ids)
        {
            var (status, pdf) = await StoredAsync(id);
            status.ShouldBe(PaymentOrderStatus.AwaitingRealizationSignature, "the batch commits whole or not at all: nothing of it advanced");
            PdfSigValidSignatures(pdf).ShouldBe(0);
        }

        // The user starts again (the claimed session is spent): the balancer sends it to node-b.
        var again = await SigningApi.ReadAsync<PrepareResponse>(await LoadBalancedCluster.PostJsonAsync(officer, "/api/signing/prepare",
            new { certificate = card.CertificateBase64, paymentOrderIds = ids }));
        var retry = await LoadBalancedCluster.PostJsonAsync(officer, "/api/signing/complete",
            new { sessionId = again.SessionId, certificate = card.CertificateBase64, signatures = card.Sign(again) });
        LoadBalancedCluster.NodeOf(retry).ShouldBe(NodeB);
        (await SigningApi.ReadAsync<CompleteResponse>(retry)).Items.ShouldAllBe(i => i.Ok && i.Status == nameof(PaymentOrderStatus.AwaitingSpendingAuthoritySignature));
        foreach (var id in ids)
        {
            var (status, pdf) = await StoredAsync(id);
            status.ShouldBe(PaymentOrderStatus.AwaitingSpendingAuthoritySignature);
            PdfSigValidSignatures(pdf).ShouldBe(1, $"ÖEB {id}: one valid signature, the realization officer's");
        }

        await LoadBalancedCluster.WaitUntilAsync(() => Task.FromResult(cluster.Balancer.Output.Contains("node-a is DOWN", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15), () => "the health check did not take node-a out:\n" + cluster.Balancer);
        for (var i = 0; i < 4; i++)
        {
            using var response = await officer.GetAsync("/health/live");
            LoadBalancedCluster.NodeOf(response).ShouldBe(NodeB, "only the live node is in the rotation");
        }

        await cluster.RestartAsync(NodeA);
    }

    private static string? NodeOfLine(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.TryGetProperty("Node", out var node) ? node.GetString() : null;
    }

    private async Task<long> CountAsync(string sql) => await cluster.Database.ScalarAsync<long>(sql);

    // The ÖEB's state and its current signed PDF (the rendered one before any signature; empty when none was rendered).
    private async Task<(PaymentOrderStatus Status, byte[] Pdf)> StoredAsync(Guid id)
    {
        await using var scope = cluster.Helper.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var status = await db.PaymentOrders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Status).SingleAsync();
        var sha = await db.SignedPaymentOrderDocuments.AsNoTracking().Where(d => d.PaymentOrderId == id).Select(d => d.CurrentSha256).SingleOrDefaultAsync();
        if (sha is null)
        {
            return (status, []);
        }

        await using var stream = await scope.ServiceProvider.GetRequiredService<IAttachmentStore>().OpenReadAsync(sha, CancellationToken.None);
        using var buffer = new MemoryStream();
        await stream!.CopyToAsync(buffer);
        return (status, buffer.ToArray());
    }

    private int PdfSigValidSignatures(byte[] pdf)
    {
        if (pdf.Length == 0)
        {
            return 0;
        }

        var output = ExternalTools.Run("pdfsig", "-nocert", Write(pdf)).Output;
        return output.Split("Signature is Valid.").Length - 1;
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(cluster.Folder, Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
