using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Ocr;
using Mys.Signing.Infrastructure.Persistence;
using Npgsql;

namespace Mys.Signing.Benchmarks;

/// <summary>
/// How the invoice-ocr job finds its files with N sent ÖEBs (default 100,000), each with one scanned invoice: EXPLAIN
/// (ANALYZE, BUFFERS) of the candidate query the job ran up to commit c325328 (join of every sent ÖEB's invoice
/// attachments with "InvoiceOcrResults") and of today's (<see cref="InvoiceOcrQueueStore.QueuedCommand"/> on "InvoiceOcrQueue").
/// The data is seeded on the schema before the queue migration, which then runs (timed) and fills the queue from it.
/// Two states: steady (all read but 20) and backlog (nothing read yet).
/// Run: MYS_TEST_PG_ADMIN=… dotnet run -c Release --project benchmarks/Mys.Signing.Benchmarks -- ocr-queue [count]
/// </summary>
internal static class OcrQueueMeasurement
{
    private const string BeforeQueue = "20261123110000_InvoiceOcrResults";

    // The job's query up to c325328, with its parameters inlined (MaxAttempts 3, RetryAfterMinutes 60, BatchSize 20).
    private const string PreviousQuery = """
        SELECT a."Sha256" AS "Sha256", min(a."MediaType") AS "MediaType"
        FROM "PaymentOrderAttachments" a
        JOIN "PaymentOrders" o ON o."Id" = a."PaymentOrderId"
        LEFT JOIN "InvoiceOcrResults" r ON r."Sha256" = a."Sha256"
        WHERE a."DocumentTypeCode" = 'FATURA' AND a."Sha256" IS NOT NULL AND o."Status" = ANY(ARRAY[4, 5, 6])
          AND (r."Sha256" IS NULL OR (r."Status" = 2 AND r."Attempts" < 3 AND r."AttemptedAt" < now() - interval '60 minutes'))
        GROUP BY a."Sha256"
        ORDER BY max(o."SentAt") DESC NULLS LAST
        LIMIT 20
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var admin = Environment.GetEnvironmentVariable("MYS_TEST_PG_ADMIN")
                    ?? throw new InvalidOperationException("Set MYS_TEST_PG_ADMIN to the cluster's admin connection string.");
        var database = "mys_bench_" + Guid.NewGuid().ToString("N");
        await UploadMeasurement.ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        try
        {
            await using (var db = new MysDbContext(DatabaseMigrator.Options(connection), new FixedAuditActorAccessor(AuditActor.System("ocr-queue")), TimeProvider.System))
            {
                await db.GetService<IMigrator>().MigrateAsync(BeforeQueue);
            }

            await InboxMeasurement.SeedAsync(connection, count);
            await using var dataSource = NpgsqlDataSource.Create(connection);
            // One scanned invoice per ÖEB; all read except 20 spread over the sending times (the steady state).
            await ExecuteAsync(dataSource, """
                INSERT INTO "PaymentOrderAttachments" ("Id", "DocumentTypeCode", "Source", "FileName", "SizeBytes", "Sha256", "MediaType",
                    "CarriesSignatures", "IsCommitmentFile", "PaymentOrderId", "Position")
                SELECT gen_random_uuid(), 'FATURA', 5, 'fatura.png', 100000, encode(sha256(o."Id"::text::bytea), 'hex'), 'image/png', false, false, o."Id", 0
                FROM "PaymentOrders" o;
                """);
            await ExecuteAsync(dataSource, $"""
                INSERT INTO "InvoiceOcrResults" ("Sha256", "Status", "Text", "Engine", "Pages", "DurationMs", "Attempts", "AttemptedAt")
                SELECT a."Sha256", 1, repeat('FATURA ', 200), 'tesseract', 1, 1700, 1, now() - interval '1 day'
                FROM "PaymentOrderAttachments" a WHERE hashtext(a."Sha256") % {Math.Max(1, count / 20)} <> 0;
                """);
            await ExecuteAsync(dataSource, "VACUUM ANALYZE");
            var pending = await ScalarAsync(dataSource, """SELECT count(*) FROM "PaymentOrderAttachments" a JOIN "PaymentOrders" o ON o."Id" = a."PaymentOrderId" AND o."Status" IN (4, 5, 6) WHERE NOT EXISTS (SELECT 1 FROM "InvoiceOcrResults" r WHERE r."Sha256" = a."Sha256")""");
            Console.WriteLine($"{count:N0} sent ÖEBs, one scanned invoice each, {pending:N0} not read yet; load average {SigningBatchMeasurement.LoadAverage()}");
            await ExplainAsync(dataSource, "BEFORE (steady state)", new NpgsqlCommand(PreviousQuery));

            var watch = Stopwatch.StartNew();
            await DatabaseMigrator.MigrateAsync(connection, appRole: null);
            Console.WriteLine($"queue migration (incl. backfill) {watch.ElapsedMilliseconds} ms, queued {await ScalarAsync(dataSource, "SELECT count(*) FROM \"InvoiceOcrQueue\"")} (expected {pending})");
            await ExecuteAsync(dataSource, "VACUUM ANALYZE");
            await ExplainAsync(dataSource, "AFTER (steady state)", InvoiceOcrQueueStore.QueuedCommand(dataSource, DateTimeOffset.UtcNow, new OcrOptions()));

            // Backlog: nothing read yet (e.g. OCR just switched on), every file queued as the triggers/backfill would.
            await ExecuteAsync(dataSource, """
                DELETE FROM "InvoiceOcrResults";
                INSERT INTO "InvoiceOcrQueue" ("Sha256", "MediaType", "SentAt", "NotBefore")
                SELECT a."Sha256", a."MediaType", o."SentAt", now() FROM "PaymentOrderAttachments" a JOIN "PaymentOrders" o ON o."Id" = a."PaymentOrderId"
                WHERE o."Status" IN (4, 5, 6)
                ON CONFLICT DO NOTHING;
                """);
            await ExecuteAsync(dataSource, "VACUUM ANALYZE");
            await ExplainAsync(dataSource, "BEFORE (backlog)", new NpgsqlCommand(PreviousQuery));
            await ExplainAsync(dataSource, "AFTER (backlog)", InvoiceOcrQueueStore.QueuedCommand(dataSource, DateTimeOffset.UtcNow, new OcrOptions()));
            Console.WriteLine($"load average after: {SigningBatchMeasurement.LoadAverage()}");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await UploadMeasurement.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    // Three runs (the last is printed: warm cache, as every minute in production).
    private static async Task ExplainAsync(NpgsqlDataSource dataSource, string title, NpgsqlCommand query)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var sql = "EXPLAIN (ANALYZE, BUFFERS) " + query.CommandText;
        var plan = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            plan.Clear();
#pragma warning disable CA2100 // EXPLAIN of this file's constant query and of the job's own command text
            await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
            foreach (NpgsqlParameter parameter in query.Parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter.Value });
            }

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Console.WriteLine($"--- {title}");
        plan.ForEach(Console.WriteLine);
        await query.DisposeAsync();
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 900;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 900;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
