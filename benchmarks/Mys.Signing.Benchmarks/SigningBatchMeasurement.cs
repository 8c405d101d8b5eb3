using System.Diagnostics;
using System.Globalization;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.Signing;
using Mys.Signing.DevPki.Services;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Domain.Access;
using Mys.Signing.TestSupport;
using Mys.Signing.TestSupport.Signing;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// A batch of ÖEBs through the web app's signing service, as the browser drives it: the real app in-process (TestServer,
/// no sockets) on a fresh PostgreSQL database, the dev PKI's OCSP/CRL/TSA answered in-process, the card played by
/// <see cref="DevCardSigner"/>. Per run: N new ÖEBs; the realization officer prepares (first prepare renders and
/// stores each PDF), signs and completes them (B-T, each validated and stored, one transaction per ÖEB); then the
/// spending authority (EC P-256) does the same. Wall-clock times per phase, first run is a warm-up. The process's CPU
/// time and allocations are printed whole and without what the dev PKI's in-process TSA/OCSP answers and the played
/// card cost (each measured on the thread that computes it): "app" is the server's own share, per signature.
/// Run: MYS_TEST_PG_ADMIN=… dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- signing-batch [N=100] [runs=4] [gc]
/// </summary>
internal static class SigningBatchMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        // `gc`: also print each run's collections by reason and a sample of its large-object allocations.
        using var gc = args.Contains("gc") ? new GcEventCounter() : null;
        var folder = Directory.CreateTempSubdirectory("mys-bench-signing-").FullName;
        // WebApplicationFactory finds the app's content root through a manifest only test projects get.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MYS_SIGNING_WEB", Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web"));
        await using var database = await TestDatabase.CreateAsync();
        try
        {
            await using var app = new MysAppFactory(database, new Dictionary<string, string>
            {
                ["Mys:DevPki:Enabled"] = "true",
                ["Mys:DevPki:Folder"] = folder,
                ["Mys:DevPki:BaseUrl"] = "http://127.0.0.1:5080/devpki",
                ["Mys:PublicBaseUrl"] = "https://mys.bench.local",
            });
            var officer = await app.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.RealizationOfficer).Tckn);
            var authority = await app.LoginAsync(DemoData.Accounts.Single(a => a.Role == Role.SpendingAuthority).Tckn);
            var officerCard = DevCardSigner.For(app.Services, Role.RealizationOfficer);
            var authorityCard = DevCardSigner.For(app.Services, Role.SpendingAuthority);
            Console.WriteLine($"{count} ÖEBs per batch, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
            var devPki = app.Services.GetRequiredService<DevPkiHttpHandler>();
            devPki.Meter = new DevPkiWorkMeter();
            Console.WriteLine("run | RO prepare (render) | RO sign (card) | RO complete | RO total | SA prepare | SA sign | SA complete | SA total | process CPU ms (both steps) | allocated MB | gen0/1/2 GCs"
                + " | dev TSA+OCSP: requests, CPU ms, MB | card: CPU ms, MB | app per signature: CPU ms, KB");
            for (var run = 0; run <= runs; run++)
            {
                var ids = (await TestPaymentOrders.CreateAwaitingSignatureAsync(app.Services, run == 0 ? 5 : count)).ToArray();
                // CPU time of this process (the app; PostgreSQL is not included): on a loaded machine closer to the idle cost than wall time.
                var cpu = CpuTime();
                var allocated = GC.GetTotalAllocatedBytes();
                int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                var (pkiRequests, pkiBytes, pkiCpu) = (devPki.Meter.Requests, devPki.Meter.AllocatedBytes, devPki.Meter.CpuTime);
                var cards = new DevPkiWorkMeter();
                var first = await StepAsync(officer, officerCard, ids, cards);
                var second = await StepAsync(authority, authorityCard, ids, cards);
                var (processCpu, processBytes) = ((CpuTime() - cpu).TotalMilliseconds, GC.GetTotalAllocatedBytes() - allocated);
                var (tsaCpu, tsaBytes) = ((devPki.Meter.CpuTime - pkiCpu).TotalMilliseconds, devPki.Meter.AllocatedBytes - pkiBytes);
                var signatures = 2.0 * ids.Length;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(run == 0 ? "warm-up" : run.ToString(CultureInfo.InvariantCulture))} | {first.Prepare} | {first.Sign} | {first.Complete} | {first.Total} | {second.Prepare} | {second.Sign} | {second.Complete} | {second.Total} | {processCpu:F0} | {processBytes >> 20} | {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]}"
                    + $" | {devPki.Meter.Requests - pkiRequests}, {tsaCpu:F0}, {tsaBytes / 1048576.0:F1} | {cards.CpuTime.TotalMilliseconds:F0}, {cards.AllocatedBytes / 1048576.0:F1}"
                    + $" | {(processCpu - tsaCpu - cards.CpuTime.TotalMilliseconds) / signatures:F2}, {(processBytes - tsaBytes - cards.AllocatedBytes) / signatures / 1024:F0}"));
                if (gc is not null)
                {
                    Console.WriteLine("    " + gc.TakeSummary());
                }
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(long Prepare, long Sign, long Complete, long Total)> StepAsync(HttpClient client, DevCardSigner card, Guid[] ids, DevPkiWorkMeter cards)
    {
        var watch = Stopwatch.StartNew();
        var prepared = await SigningApi.ReadAsync<PrepareResponse>(await SigningApi.PrepareAsync(client, card.CertificateBase64, ids));
        var prepare = watch.ElapsedMilliseconds;
        var signatures = cards.Measure(() => card.Sign(prepared));
        var sign = watch.ElapsedMilliseconds - prepare;
        var completed = await SigningApi.ReadAsync<CompleteResponse>(await SigningApi.CompleteAsync(client, prepared.SessionId, card.CertificateBase64, signatures));
        var total = watch.ElapsedMilliseconds;
        if (completed.Items.Count != ids.Length || completed.Items.Any(i => !i.Ok))
        {
            throw new InvalidOperationException("Not every ÖEB was signed: " + string.Join(", ", completed.Items.Where(i => !i.Ok).Select(i => i.Code)));
        }

        return (prepare, sign, total - prepare - sign, total);
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
