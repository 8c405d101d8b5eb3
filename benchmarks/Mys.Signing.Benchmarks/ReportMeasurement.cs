using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.TestSupport;
using Npgsql;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// The verification report of one big ÖEB (Issue 6): the real app in-process on a fresh PostgreSQL database with the
/// dev PKI; one ÖEB signed by both demo signers (B-T) with F attachments of S MiB each (default 20 × 5 MiB = 100 MiB)
/// in the attachment store. Times, over N runs each (p50/p95): reading every chunk from PostgreSQL without hashing
/// (one and two files at a time: the database's bound), hashing them from PostgreSQL as the report does, and the full
/// report (<see cref="BuildVerificationReport.BuildAsync"/>: units, the PDF from the store, attachment hashes,
/// both signatures, signer checks, rules, invoices). A new DI scope (DbContext) per run, as per request.
/// Run: MYS_TEST_PG_ADMIN=… dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- report [N=20] [F=20] [S=5]
/// </summary>
internal static class ReportMeasurement
{
    private const int MiB = 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var files = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var size = (args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5) * MiB;
        var folder = Directory.CreateTempSubdirectory("mys-bench-report-").FullName;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MYS_SIGNING_WEB", Path.Combine(TestDatabase.RepositoryRoot(), "src", "Mys.Signing.Web"));
        await using var database = await TestDatabase.CreateAsync();
        try
        {
            await using var app = new MysAppFactory(database, SignedPaymentOrderSeeder.DevPkiSettings(folder));
            var stored = await StoreAttachmentsAsync(app.Services, files, size);
            var seeded = await new SignedPaymentOrderSeeder(app).SeedSentAsync(configure: order =>
            {
                // Scanned invoices (the only files an electricity ÖEB takes besides its e-Fatura), each with its R9 line.
                foreach (var (name, sha) in stored)
                {
                    order.AddAttachment(SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
                    {
                        DocumentTypeCode = DocumentTypeCodes.Invoice, Source = DocumentSource.Scan, FileName = name, SizeBytes = size,
                        Sha256 = sha, MediaType = "application/pdf",
                        Invoice = new InvoiceDetails("FTR" + name[7..9], "4540536920", order.DocumentDate.AddDays(-1)),
                    }).Value);
                }
            });
            var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
            var store = app.Services.GetRequiredService<IAttachmentStore>();
            var shas = stored.Select(s => s.Sha256).ToList();
            var megabytes = files * (double)size / MiB;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"one ÖEB, 2 signatures (B-T), {files} attachments × {size / MiB} MiB = {megabytes:F0} MiB; {runs} runs per case; {Environment.ProcessorCount} cores; load average {SigningBatchMeasurement.LoadAverage()}"));

            await TimeAsync("read chunks from PostgreSQL, 1 at a time", runs, megabytes, () => ReadAllAsync(dataSource, shas, 1));
            await TimeAsync("read chunks from PostgreSQL, 2 at a time", runs, megabytes, () => ReadAllAsync(dataSource, shas, 2));
            await TimeAsync("hash via OpenReadAsync, 1 at a time (before)", runs, megabytes, async () =>
            {
                foreach (var sha in shas)
                {
                    await using var stream = (await store.OpenReadAsync(sha, default))!;
                    await System.Security.Cryptography.SHA256.HashDataAsync(stream);
                }
            });
            await TimeAsync("hash from PostgreSQL, 1 at a time", runs, megabytes,
                () => AttachmentHashing.HashAllAsync(shas, store.ComputeSha256Async, 1, default));
            await TimeAsync($"hash from PostgreSQL, {AttachmentHashing.DefaultParallelism} at a time (report)", runs, megabytes,
                () => AttachmentHashing.HashAllAsync(store, shas, default));
            OebVerificationReport? last = null;
            await TimeAsync("full verification report", runs, megabytes, async () =>
            {
                using var scope = app.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
                var order = await db.PaymentOrders.SingleAsync(o => o.Id == seeded.Id);
                var document = await db.SignedPaymentOrderDocuments.SingleOrDefaultAsync(d => d.PaymentOrderId == seeded.Id);
                last = await scope.ServiceProvider.GetRequiredService<BuildVerificationReport>().BuildAsync(order, document, default);
            });
            var attachments = last!.Signatures!.Attachments;
            Console.WriteLine($"report: {last.Signatures.Signatures.Count} signatures ({string.Join(", ", last.Signatures.Signatures.Select(s => s.Level + " " + s.Indication))}), "
                              + $"{attachments.Count(a => a.Status == AttachmentStatus.Match)}/{attachments.Count} attachments match, {last.Problems.Count} problems{(last.Problems.Count == 0 ? string.Empty : " (first: " + last.Problems[0] + ")")}");
            Console.WriteLine($"load average after: {SigningBatchMeasurement.LoadAverage()}");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<List<(string FileName, string Sha256)>> StoreAttachmentsAsync(IServiceProvider services, int files, int size)
    {
        var store = services.GetRequiredService<IAttachmentStore>();
        var bytes = new byte[size];
        var result = new List<(string, string)>();
        for (var i = 0; i < files; i++)
        {
            new Random(i).NextBytes(bytes);
            "%PDF-1.7\n"u8.CopyTo(bytes);
            var content = await store.SaveGeneratedAsync(bytes, ContentKind.Pdf, default);
            result.Add(($"fatura-{i + 1:D2}.pdf", content.Sha256));
        }

        return result;
    }

    // The report's chunk query without the hash: how fast PostgreSQL hands the bytes over.
    private static async Task ReadAllAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> shas, int parallelism)
    {
        await Parallel.ForEachAsync(shas, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (sha, ct) =>
        {
            var buffer = new byte[AttachmentHashing.BlockSize];
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var read = new NpgsqlCommand(
                "SELECT c.\"Data\" FROM \"AttachmentBlobs\" b JOIN \"AttachmentChunks\" c ON c.\"BlobId\" = b.\"BlobId\" WHERE b.\"Sha256\" = $1 ORDER BY c.\"Sequence\"", connection);
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha });
            await using var reader = await read.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                await using var data = await reader.GetStreamAsync(0, ct);
                while (await data.ReadAsync(buffer, ct) > 0)
                {
                }
            }
        });
    }

    private static async Task TimeAsync(string name, int runs, double megabytes, Func<Task> action)
    {
        var times = new List<double>(runs);
        for (var i = -2; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            watch.Stop();
            if (i >= 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        var p50 = InboxMeasurement.Percentile(times, 0.50);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-46} p50 {p50,7:F1} ms  p95 {InboxMeasurement.Percentile(times, 0.95),7:F1} ms  max {times[^1],7:F1} ms  ({megabytes / p50 * 1000 / 1024:F2} GiB/s at p50)"));
    }
}
