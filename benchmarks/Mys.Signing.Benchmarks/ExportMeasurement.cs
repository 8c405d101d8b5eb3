using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Infrastructure.Seeding;
using Mys.Signing.Web.Pages.Accounting;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// The audit export (ibraz) of N signed ÖEBs: seeds N ÖEBs signed by both demo signers with the dev PKI
/// (<see cref="SignedPaymentOrderSeeder"/>) in a fresh database, then runs the export as <c>mys export</c> does
/// (<see cref="AuditExportHost"/> + <see cref="AuditExport"/>) into a file and prints wall time, MB/s and the peak
/// working set during the export (sampled every 20 ms; the target is flat memory: N=100 and N=1000 peak alike).
/// Each ÖEB may carry one scanned invoice of its own of the given size (distinct bytes, so nothing is deduplicated).
/// A warm-up export of the first ÖEBs runs first (as in a running server, the code paths are compiled by then). Then
/// the packages are built as the audit-export-packages job does after sending (timed apart), or, with <c>cold</c>,
/// removed so that the export builds every one itself. The export ends with the file flushed to disk.
/// Run: MYS_TEST_PG_ADMIN=… dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- export [count=1000] [KiB per ÖEB=0] [warm-up=100] [cold]
/// </summary>
internal static class ExportMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var attachmentBytes = (args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0) * 1024;
        var warmUp = Math.Min(count, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100);
        var cold = args.Length > 3 && args[3] == "cold";
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MYS_SIGNING_WEB", Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web"));
        var pki = Directory.CreateTempSubdirectory("mys-export-bench-").FullName;
        var output = Path.Combine(pki, "ibraz.zip");
        await using var database = await TestDatabase.CreateAsync();
        try
        {
            var settings = new Dictionary<string, string>(SignedPaymentOrderSeeder.DevPkiSettings(pki));
            var seedWatch = Stopwatch.StartNew();
            await using (var app = new MysAppFactory(database, settings))
            {
                _ = app.Server;
                var seeder = new SignedPaymentOrderSeeder(app);
                var store = app.Services.GetRequiredService<IAttachmentStore>();
                var bytes = new byte[attachmentBytes];
                for (var i = 0; i < count; i++)
                {
                    if (attachmentBytes == 0)
                    {
                        await seeder.SeedSentAsync();
                        continue;
                    }

                    new Random(i).NextBytes(bytes);
                    "%PDF-1.7\n"u8.CopyTo(bytes);
                    var content = await store.SaveGeneratedAsync(bytes, ContentKind.Pdf, default);
                    await seeder.SeedSentAsync(configure: order => order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
                    {
                        DocumentTypeCode = DocumentTypeCodes.Invoice, Source = DocumentSource.Scan, FileName = "fatura.pdf", SizeBytes = attachmentBytes,
                        Sha256 = content.Sha256, MediaType = "application/pdf",
                        Invoice = new InvoiceDetails("FTR" + i.ToString("D6", CultureInfo.InvariantCulture), "4540536920", order.DocumentDate.AddDays(-1)),
                    }).Value));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeded {count:N0} signed ÖEBs ({attachmentBytes / 1024:N0} KiB attachment each) in {seedWatch.Elapsed.TotalSeconds:F0} s"));

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)))
                .AddInMemoryCollection([new($"ConnectionStrings:{DependencyInjection.ConnectionStringName}", database.ConnectionString)])
                .Build();
            await using var services = AuditExportHost.Create(configuration, "export-measurement");
            await using var scope = services.CreateAsyncScope();
            var export = scope.ServiceProvider.GetRequiredService<AuditExport>();
            var unit = await scope.ServiceProvider.GetRequiredService<MysDbContext>().AccountingUnits.AsNoTracking()
                .Where(u => u.Id == DemoData.AccountingUnitId).Select(u => u.Id).SingleAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3));
            var ids = await export.SelectAsync(AuditExportRequest.ForDays(unit, today.AddDays(-1), today), default);
            if (!cold)
            {
                await PackageAllAsync(services, ids.Count);
            }

            var warmUpWatch = Stopwatch.StartNew();
            await export.WriteAsync(Stream.Null, ids.Take(warmUp).ToList(), default);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: exported {warmUp} ÖEBs to nowhere in {warmUpWatch.Elapsed.TotalSeconds:F1} s"));
            if (cold)
            {
                await database.ExecuteAsync("DELETE FROM \"AuditExportPackages\"");
                Console.WriteLine("cold: no packages, the export builds each one");
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.WorkingSet64;
            var peak = before;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                using var self = Process.GetCurrentProcess();
                while (!sampling.IsCancellationRequested)
                {
                    self.Refresh();
                    peak = Math.Max(peak, self.WorkingSet64);
                    await Task.Delay(20);
                }
            });

            var cpuBefore = process.TotalProcessorTime;
            var machineBefore = MachineCpu();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var watch = Stopwatch.StartNew();
            var written = TimeSpan.Zero;
            await using (var file = File.Create(output))
            {
                await export.WriteAsync(file, ids, default);
                written = watch.Elapsed;
                // On the disk, not only in the page cache: comparable with `dd … conv=fdatasync`.
                file.Flush(flushToDisk: true);
            }

            watch.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var machine = MachineCpu();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            await sampling.CancelAsync();
            await sampler;
            var megabytes = new FileInfo(output).Length / 1024.0 / 1024.0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"exported {ids.Count:N0} ÖEBs: {megabytes:F1} MB in {watch.Elapsed.TotalSeconds:F1} s = {megabytes / watch.Elapsed.TotalSeconds:F2} MB/s, " +
                $"{watch.Elapsed.TotalMilliseconds / ids.Count:F0} ms per ÖEB (CPU user+sys {cpu.TotalMilliseconds / ids.Count:F0} ms per ÖEB); working set before {before / 1048576.0:F0} MB, peak during export {peak / 1048576.0:F0} MB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"of which writing {written.TotalSeconds:F1} s ({megabytes / written.TotalSeconds:F2} MB/s into the page cache) and flushing to disk {(watch.Elapsed - written).TotalSeconds:F1} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"machine CPU during export (all processes, PostgreSQL included): {100.0 * (machine.Busy - machineBefore.Busy) / (machine.Total - machineBefore.Total):F0} % busy of {Environment.ProcessorCount} cores"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"allocated {allocated / 1048576.0 / ids.Count:F2} MB per ÖEB; collections gen0/1/2: {GC.CollectionCount(0) - collectionsBefore.Item1}/{GC.CollectionCount(1) - collectionsBefore.Item2}/{GC.CollectionCount(2) - collectionsBefore.Item3}"));
            await BaselinesAsync(services, ids, output);
            Console.WriteLine("load average: " + File.ReadAllText("/proc/loadavg").Trim());
            return 0;
        }
        finally
        {
            Directory.Delete(pki, recursive: true);
        }
    }

    // What the audit-export-packages job does after ÖEBs are sent: every package built ahead of the export.
    private static async Task PackageAllAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var job = new AuditExportPackageJob(provider.GetRequiredService<AuditExportPackager>(), new AuditExportPackageOptions(BatchSize: count + 1000),
            provider.GetRequiredService<MysDbContext>(), NullLogger<AuditExportPackageJob>.Instance);
        await job.RunAsync(DateTimeOffset.UtcNow, default);
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"packages (the job, ahead of the export): {count:N0} ÖEBs in {watch.Elapsed.TotalSeconds:F1} s, CPU user+sys {(process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count:F0} ms per ÖEB"));
    }

    private static (long Busy, long Total) MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        return (fields.Sum() - idle, fields.Sum());
    }

    // The two limits an export cannot beat, measured on the same data right after it: reading the attachments from the
    // store (PostgreSQL, as many at once as the export prepares) and writing the export's bytes to disk (a copy of the
    // ZIP, flushed).
    private static async Task BaselinesAsync(IServiceProvider services, IReadOnlyList<Guid> ids, string output)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<IAttachmentStore>();
        var orderIds = ids.ToArray();
        var keys = await db.Database.SqlQuery<string>(
            $"SELECT \"Sha256\" AS \"Value\" FROM \"PaymentOrderAttachments\" WHERE \"PaymentOrderId\" = ANY({orderIds}) AND \"Sha256\" IS NOT NULL").ToListAsync();
        long bytes = 0;
        var machineBefore = MachineCpu();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (key, ct) =>
        {
            await using var content = (await store.OpenReadAsync(key.Trim(), ct))!;
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = await content.ReadAsync(buffer, ct)) > 0)
            {
                Interlocked.Add(ref bytes, n);
            }
        });
        var machine = MachineCpu();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline, reading the {keys.Count:N0} attachments from the store only: {bytes / 1048576.0 / watch.Elapsed.TotalSeconds:F2} MB/s, machine {100.0 * (machine.Busy - machineBefore.Busy) / (machine.Total - machineBefore.Total):F0} % busy"));

        var copy = output + ".copy";
        watch.Restart();
        await using (var source = File.OpenRead(output))
        await using (var target = File.Create(copy))
        {
            await source.CopyToAsync(target, 1024 * 1024);
            target.Flush(flushToDisk: true);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline, copying the export's ZIP to a new file on the same disk, flushed: {new FileInfo(copy).Length / 1048576.0 / watch.Elapsed.TotalSeconds:F2} MB/s"));
        File.Delete(copy);
    }
}
