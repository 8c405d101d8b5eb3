using System.Text.Json;
using Mys.Signing.Infrastructure.Ocr;
using Npgsql;

namespace Mys.Signing.Infrastructure.Tests.Ocr;

/// <summary>
/// The invoice-ocr job's candidate query reads <c>InvoiceOcrQueue</c> newest sent first through its index and stops
/// after a batch, however many files wait and however many were read before (the plan, not the time, is asserted;
/// timings are in docs/performance.md, <c>-- ocr-queue</c>).
/// </summary>
public sealed class InvoiceOcrQueuePlanTests(MigratedDatabase fx) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task The_jobs_query_walks_the_queue_index_backwards_and_reads_one_batch_of_rows()
    {
        // 30,000 files waiting (a backlog) and 30,000 other files read earlier, with statistics.
        await fx.Database.ExecuteAsync("""
            INSERT INTO "InvoiceOcrQueue" ("Sha256", "MediaType", "SentAt", "NotBefore")
            SELECT encode(sha256(('q' || n)::bytea), 'hex'), 'image/png', now() - make_interval(secs => n * 60), now() - interval '1 day'
            FROM generate_series(1, 30000) n;
            INSERT INTO "InvoiceOcrResults" ("Sha256", "Status", "Text", "Engine", "Pages", "DurationMs", "Attempts", "AttemptedAt")
            SELECT encode(sha256(('r' || n)::bytea), 'hex'), 1, 'FATURA', 'tesseract', 1, 1000, 1, now() - interval '2 days'
            FROM generate_series(1, 30000) n;
            ANALYZE "InvoiceOcrQueue";
            ANALYZE "InvoiceOcrResults";
            """);
        var options = new OcrOptions();

        var nodes = await PlanNodesAsync(options);

        var queueScan = nodes.Single(n => Relation(n) == "InvoiceOcrQueue");
        queueScan.GetProperty("Node Type").GetString().ShouldBe("Index Scan", Describe(nodes));
        queueScan.GetProperty("Index Name").GetString().ShouldBe("IX_InvoiceOcrQueue_SentAt");
        queueScan.GetProperty("Scan Direction").GetString().ShouldBe("Backward", "newest sent first");
        queueScan.GetProperty("Actual Rows").GetDouble().ShouldBeLessThanOrEqualTo(options.BatchSize, "stops after one batch");
        nodes.ShouldNotContain(n => n.GetProperty("Node Type").GetString() == "Seq Scan", Describe(nodes));
        nodes.ShouldNotContain(n => n.GetProperty("Node Type").GetString() == "Sort", Describe(nodes));
        nodes.Select(Relation).ShouldNotContain("PaymentOrderAttachments");
    }

    private async Task<List<JsonElement>> PlanNodesAsync(OcrOptions options)
    {
        await using var dataSource = NpgsqlDataSource.Create(fx.Database.ConnectionString);
        await using var query = InvoiceOcrQueueStore.QueuedCommand(dataSource, DateTimeOffset.UtcNow, options);
        query.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + query.CommandText;
        var json = (string)(await query.ExecuteScalarAsync())!;
        var nodes = new List<JsonElement>();
        Collect(JsonDocument.Parse(json).RootElement[0].GetProperty("Plan").Clone(), nodes);
        return nodes;
    }

    private static void Collect(JsonElement node, List<JsonElement> into)
    {
        into.Add(node);
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Collect(child, into);
            }
        }
    }

    private static string? Relation(JsonElement node) => node.TryGetProperty("Relation Name", out var name) ? name.GetString() : null;

    private static string Describe(List<JsonElement> nodes) =>
        string.Join(" > ", nodes.Select(n => n.GetProperty("Node Type").GetString() + (Relation(n) is { } r ? " on " + r : string.Empty)));
}
