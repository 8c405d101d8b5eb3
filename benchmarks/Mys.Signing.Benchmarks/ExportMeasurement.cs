using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mys.Signing.Application.Seeding;
using Mys.Signing.Application.AuditExport;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.TestSupport;
using Mys.Signing.Web.Pages.Accounting;
using Mys.Signing.Hosting;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// The audit export (ibraz) of N signed ÖEBs: seeds N ÖEBs signed by both demo signers with the dev PKI
/// (<see cref="SignedPaymentOrderSeeder"/>) in a fresh database, then runs the export as <c>mys export</c> does
/// (<see cref="AuditExportHost"/> + <see cref="ExportForAudit"/>) into a file and prints wall time, MB/s and the peak
/// working set during the export (sampled every 20 ms; the target is flat memory: N=100 and N=1000 peak alike).
/// Each ÖEB may carry one scanned invoice of its own of the given size (distinct bytes, so nothing is deduplicated).
/// A warm-up export of the first ÖEBs runs first (as in a running server, the code paths are compiled by then). Then
/// the packages are built as the audit-export-packages job does after sending (timed apart), or, with <c>cold</c>,
/// removed so that the export builds every one itself. The export ends with the file flushed to disk. Each export is
/// followed by the disk's own speed for as many bytes (writing them, copying the export's file). With <c>drop-caches</c>
/// (root) the page cache is emptied before each export and before the copy, so that the attachments and the copied file
/// are read from the disk (what an export of ÖEBs nobody opened lately does; this virtual machine also gives unused page
/// cache back to its host within minutes). With <c>store-first</c> the attachments are read from the store alone once
/// before the exports (their first read since seeding: how fast the store is when they come from the disk).
/// Run: MYS_TEST_PG_ADMIN=… dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- export [count=1000] [KiB per ÖEB=0] [warm-up=100] [cold|packaged] [drop-caches] [store-first] [rounds=1]
/// </summary>
internal static class ExportMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var attachmentBytes = (args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0) * 1024;
        var warmUp = Math.Min(count, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100);
        var options = args.Skip(3).ToList();
        var cold = options.Contains("cold");
        var dropCaches = options.Contains("drop-caches");
        var storeFirst = options.Contains("store-first");
        var rounds = options.Select(o => int.TryParse(o, CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault(n => n > 0, 1);
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
            var export = scope.ServiceProvider.GetRequiredService<ExportForAudit>();
            var unit = await scope.ServiceProvider.GetRequiredService<MysDbContext>().AccountingUnits.AsNoTracking()
                .Where(u => u.Id == DemoData.AccountingUnitId).Select(u => u.Id).SingleAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3));
            var ids = await export.SelectAsync(AuditExportRequest.ForDays(unit, today.AddDays(-1), today), default);
            if (!cold)
            {
                await PackageAllAsync(services, ids.Count);
            }

            // A database in service has long been vacuumed; right after seeding gigabytes, autovacuum would otherwise read
            // them all again during the measured exports.
            var vacuumWatch = Stopwatch.StartNew();
            await using (var connection = new Npgsql.NpgsqlConnection(database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var vacuum = new Npgsql.NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 };
                await vacuum.ExecuteNonQueryAsync();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"VACUUM (ANALYZE) after seeding: {vacuumWatch.Elapsed.TotalSeconds:F1} s"));

            var warmUpWatch = Stopwatch.StartNew();
            await export.WriteAsync(Stream.Null, ids.Take(warmUp).ToList(), default);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: exported {warmUp} ÖEBs to nowhere in {warmUpWatch.Elapsed.TotalSeconds:F1} s"));
            if (cold)
            {
                await database.ExecuteAsync("DELETE FROM \"AuditExportPackages\"");
                Console.WriteLine("cold: no packages, the export builds each one");
            }

            if (storeFirst)
            {
                await StoreReadBaselineAsync(services, ids, "before the exports (their first read since seeding)");
            }

            // Memory is flat when the peak does not grow with N: a tenth of the ÖEBs first, then all of them, in one process.
            _ = RandomBlocks.Value;
            var results = new List<RoundResult>();
            if (ids.Count >= 200)
            {
                results.Add(await ExportRoundAsync(export, ids.Take(ids.Count / 10).ToList(), output, "a tenth", dropCaches));
            }

            for (var round = 1; round <= rounds; round++)
            {
                results.Add(await ExportRoundAsync(export, ids, output, rounds == 1 ? "all" : $"all, round {round}", dropCaches));
            }

            await StoreReadBaselineAsync(services, ids, "after the exports");
            var full = results.Where(r => r.Count == ids.Count).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"summary over {full.Count} export(s) of {ids.Count:N0} ÖEBs: {full.Min(r => r.ExportMBps):F0}–{full.Max(r => r.ExportMBps):F0} MB/s to disk; " +
                $"the disk in the same rounds: writing {full.Min(r => r.WriteMBps):F0}–{full.Max(r => r.WriteMBps):F0} MB/s, copying{(dropCaches ? " from disk" : string.Empty)} {full.Min(r => r.CopyMBps):F0}–{full.Max(r => r.CopyMBps):F0} MB/s; " +
                $"export ÷ writing per round {string.Join(", ", full.Select(r => (r.ExportMBps / r.WriteMBps).ToString("P0", CultureInfo.InvariantCulture)))}; " +
                $"export ÷ copying per round {string.Join(", ", full.Select(r => (r.ExportMBps / r.CopyMBps).ToString("P0", CultureInfo.InvariantCulture)))}; " +
                $"peak working set over before: {string.Join(", ", results.Select(r => $"N={r.Count:N0} +{r.PeakOverMB:F0} MB"))}"));
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
        var job = new AuditExportPackageJob(new BuildDuePackages(provider.GetRequiredService<AuditExportPackager>(), new AuditExportPackageOptions(BatchSize: count + 1000),
            provider.GetRequiredService<MysDbContext>(), NullLogger<BuildDuePackages>.Instance));
        await job.RunAsync(DateTimeOffset.UtcNow, default);
        process.Refresh();
        var sizes = await provider.GetRequiredService<MysDbContext>().Database.SqlQuery<string>($"""
            SELECT format('ÖEB PDF %s KB (%s of %s packages hold one), seal %s KB, report %s KB, manifest %s KB',
                          round(avg(octet_length("OebPdf")) / 1024), count("OebPdf"), count(*), round(avg(octet_length("Seal")) / 1024),
                          round(avg(octet_length("Report")) / 1024), round(avg(octet_length("Manifest")) / 1024)) AS "Value"
            FROM "AuditExportPackages"
            """).SingleAsync();
        Console.WriteLine("package contents on average: " + sizes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"packages (the job, ahead of the export): {count:N0} ÖEBs in {watch.Elapsed.TotalSeconds:F1} s, CPU user+sys {(process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count:F0} ms per ÖEB"));
    }

    // Busy counts the time the hypervisor gave the virtual CPUs to others (steal) apart: such time is lost to the export
    // but not spent by anything on this machine.
    private static (long Busy, long Total, long Steal, long IoWait) MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var steal = fields.Length > 7 ? fields[7] : 0;
        return (fields.Sum() - idle - steal, fields.Sum(), steal, fields[4]);
    }

    private sealed record RoundResult(int Count, double ExportMBps, double WriteMBps, double CopyMBps, double PeakOverMB);

    // One measured export into a new file, flushed to disk, followed right away by the disk's own speed for the same
    // number of bytes (written from memory, and copied from the export's file), so that each export is compared with the
    // disk as it was at that moment (this virtual disk varies from minute to minute).
    private static async Task<RoundResult> ExportRoundAsync(ExportForAudit export, List<Guid> ids, string output, string label, bool dropCaches)
    {
        if (dropCaches)
        {
            DropPageCache();
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

        var threadsBefore = (ThreadPool.ThreadCount, process.Threads.Count, GC.GetGCMemoryInfo().HeapSizeBytes);
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
        if (Environment.GetEnvironmentVariable("MYS_BENCH_PERF_WINDOW") is not null)
        {
            // For `perf record -k CLOCK_MONOTONIC`: Stopwatch ticks are CLOCK_MONOTONIC nanoseconds on Linux.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"perf window (CLOCK_MONOTONIC s): {(Stopwatch.GetTimestamp() - watch.ElapsedTicks) / (double)Stopwatch.Frequency:F3} {Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency:F3}"));
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var machine = MachineCpu();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await sampling.CancelAsync();
        await sampler;
        var length = new FileInfo(output).Length;
        var megabytes = length / 1048576.0;
        var exportMBps = megabytes / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{label}] exported {ids.Count:N0} ÖEBs: {megabytes:F1} MB in {watch.Elapsed.TotalSeconds:F1} s = {exportMBps:F2} MB/s, " +
            $"{watch.Elapsed.TotalMilliseconds / ids.Count:F1} ms per ÖEB (CPU user+sys {cpu.TotalMilliseconds / ids.Count:F1} ms per ÖEB); working set before {before / 1048576.0:F0} MB, peak during export {peak / 1048576.0:F0} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  of which writing {written.TotalSeconds:F1} s ({megabytes / written.TotalSeconds:F2} MB/s into the page cache) and flushing to disk {(watch.Elapsed - written).TotalSeconds:F1} s; " +
            $"machine CPU (all processes, PostgreSQL included) {100.0 * (machine.Busy - machineBefore.Busy) / (machine.Total - machineBefore.Total):F0} % busy of {Environment.ProcessorCount} cores, {100.0 * (machine.Steal - machineBefore.Steal) / (machine.Total - machineBefore.Total):F0} % stolen by the hypervisor, {100.0 * (machine.IoWait - machineBefore.IoWait) / (machine.Total - machineBefore.Total):F0} % waiting for I/O; " +
            $"at the start {threadsBefore.ThreadCount} thread-pool threads of {threadsBefore.Item2}, GC heap {threadsBefore.HeapSizeBytes / 1048576.0:F0} MB; allocated {allocated / 1048576.0 / ids.Count:F2} MB per ÖEB; collections gen0/1/2: {GC.CollectionCount(0) - collectionsBefore.Item1}/{GC.CollectionCount(1) - collectionsBefore.Item2}/{GC.CollectionCount(2) - collectionsBefore.Item3}"));

        var writeMBps = await WriteBaselineAsync(output + ".write", length);
        if (dropCaches)
        {
            DropPageCache();
        }

        var copyMBps = await CopyBaselineAsync(output, output + ".copy");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  the disk right after: writing {megabytes:F1} MB from memory, flushed: {writeMBps:F2} MB/s; copying the export's ZIP{(dropCaches ? " (read from disk)" : string.Empty)} to a new file, flushed: {copyMBps:F2} MB/s; export ÷ writing = {exportMBps / writeMBps:P0}, export ÷ copying = {exportMBps / copyMBps:P0}"));
        File.Delete(output);
        return new RoundResult(ids.Count, exportMBps, writeMBps, copyMBps, (peak - before) / 1048576.0);
    }

    // Dirty pages written, then the clean ones dropped: what is read next comes from the disk (PostgreSQL's own
    // shared_buffers excepted).
    private static void DropPageCache()
    {
        using (var sync = Process.Start("sync")!)
        {
            sync.WaitForExit();
        }

        try
        {
            File.WriteAllText("/proc/sys/vm/drop_caches", "1");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidOperationException("drop-caches needs root (it writes /proc/sys/vm/drop_caches).", e);
        }
    }

    // Allocated before the first measured export, so that the working set each export starts from already holds it.
    private static readonly Lazy<byte[]> RandomBlocks = new(() =>
    {
        var bytes = new byte[64 * 1024 * 1024];
        new Random(42).NextBytes(bytes);
        return bytes;
    });

    // The disk's sequential write speed: `length` bytes of random data (every 4 KiB page distinct: this virtual disk
    // treats zeros, and maybe repeated blocks, specially) written in 1 MiB writes and flushed, the way `dd … conv=fdatasync` measures.
    private static async Task<double> WriteBaselineAsync(string path, long length)
    {
        const int Block = 1024 * 1024;
        var random = RandomBlocks.Value;
        var watch = Stopwatch.StartNew();
        await using (var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            for (long offset = 0, block = 0; offset < length; offset += Block, block++)
            {
                var slice = random.AsMemory((int)(block % 64) * Block, (int)Math.Min(Block, length - offset));
                for (var page = 0; page < slice.Length; page += 4096)
                {
                    BitConverter.TryWriteBytes(slice.Span[page..], block);
                }

                await target.WriteAsync(slice);
            }

            target.Flush(flushToDisk: true);
        }

        var result = length / 1048576.0 / watch.Elapsed.TotalSeconds;
        File.Delete(path);
        return result;
    }

    private static async Task<double> CopyBaselineAsync(string source, string copy)
    {
        var watch = Stopwatch.StartNew();
        await using (var from = File.OpenRead(source))
        await using (var target = File.Create(copy))
        {
            await from.CopyToAsync(target, 1024 * 1024);
            target.Flush(flushToDisk: true);
        }

        var result = new FileInfo(copy).Length / 1048576.0 / watch.Elapsed.TotalSeconds;
        File.Delete(copy);
        return result;
    }

    // What the store alone delivers (PostgreSQL, as many reads at once as the export prepares bundles): the other limit.
    private static async Task StoreReadBaselineAsync(IServiceProvider services, IReadOnlyList<Guid> ids, string when)
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
            $"the store alone, reading the {keys.Count:N0} attachments {when}: {bytes / 1048576.0 / watch.Elapsed.TotalSeconds:F2} MB/s, machine {100.0 * (machine.Busy - machineBefore.Busy) / (machine.Total - machineBefore.Total):F0} % busy, {100.0 * (machine.IoWait - machineBefore.IoWait) / (machine.Total - machineBefore.Total):F0} % waiting for I/O"));
    }
}
