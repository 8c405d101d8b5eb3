using System.Globalization;
using Npgsql;

namespace Mys.Signing.Infrastructure.Ocr;

/// <summary>A queued invoice file of a run: its hash, its media type and whether it is to be read now.</summary>
public sealed record InvoiceOcrWorkItem(string Sha256, string? MediaType, bool Due);

/// <summary>
/// The SQL of the OCR queue (<see cref="InvoiceOcrQueueItem"/>) and its results (<see cref="InvoiceOcrResult"/>), written
/// with plain commands on the app's pool: the due rows of a run, the settling of rows read or out of attempts, and a
/// file's result saved together with its queue row.
/// </summary>
public sealed class InvoiceOcrQueueStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The due queue rows of a run, newest sent first, each with whether its file is to be read now (no result yet, or
    /// a failure whose retry time has come and attempts are left). Public so tests and the measurement can EXPLAIN it.
    /// </summary>
    public static NpgsqlCommand QueuedCommand(NpgsqlDataSource dataSource, DateTimeOffset now, OcrOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        var command = dataSource.CreateCommand($"""
            SELECT q."Sha256", q."MediaType",
                   r."Sha256" IS NULL OR (r."Status" = {(int)InvoiceOcrStatus.Failed} AND r."Attempts" < $2 AND r."AttemptedAt" < $3) AS "Due"
            FROM "InvoiceOcrQueue" q
            LEFT JOIN "InvoiceOcrResults" r ON r."Sha256" = q."Sha256"
            WHERE q."NotBefore" <= $1
            ORDER BY q."SentAt" DESC
            LIMIT $4
            """);
        var at = now.ToUniversalTime();
        command.Parameters.AddWithValue(at);
        command.Parameters.AddWithValue(options.MaxAttempts);
        command.Parameters.AddWithValue(at.AddMinutes(-options.RetryAfterMinutes));
        command.Parameters.AddWithValue(options.BatchSize);
        return command;
    }

    public async Task<List<InvoiceOcrWorkItem>> DueAsync(DateTimeOffset now, OcrOptions options, CancellationToken cancellationToken)
    {
        await using var command = QueuedCommand(dataSource, now, options);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<InvoiceOcrWorkItem>();
        while (await rows.ReadAsync(cancellationToken))
        {
            items.Add(new InvoiceOcrWorkItem(rows.GetString(0), await rows.IsDBNullAsync(1, cancellationToken) ? null : rows.GetString(1), rows.GetBoolean(2)));
        }

        return items;
    }

    /// <summary>Leaves or requeues the rows of files read meanwhile, out of attempts or waiting for their retry time.</summary>
    public async Task SettleAsync(string[] hashes, OcrOptions options, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        AddSettle(batch, hashes, options);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the queue rows of files read or out of attempts; a failed file's row waits until its retry time.</summary>
    private static void AddSettle(NpgsqlBatch batch, string[] hashes, OcrOptions options)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            DELETE FROM "InvoiceOcrQueue" q USING "InvoiceOcrResults" r
            WHERE q."Sha256" = ANY($1::bpchar[]) AND r."Sha256" = q."Sha256" AND (r."Status" = {(int)InvoiceOcrStatus.Read} OR r."Attempts" >= $2)
            """) { Parameters = { new() { Value = hashes }, new() { Value = options.MaxAttempts } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            UPDATE "InvoiceOcrQueue" q SET "NotBefore" = r."AttemptedAt" + make_interval(mins => $2)
            FROM "InvoiceOcrResults" r
            WHERE q."Sha256" = ANY($1::bpchar[]) AND r."Sha256" = q."Sha256" AND r."Status" = {(int)InvoiceOcrStatus.Failed}
            """) { Parameters = { new() { Value = hashes }, new() { Value = options.RetryAfterMinutes } } });
    }

    // The result and the queue row change together (one implicit transaction per batch).
    public async Task SaveAsync(string sha256, OcrOutcome outcome, DateTimeOffset now, OcrOptions options, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var save = new NpgsqlBatchCommand("""
            INSERT INTO "InvoiceOcrResults" ("Sha256", "Status", "Text", "Error", "Engine", "Pages", "DurationMs", "Attempts", "AttemptedAt")
            VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)
            ON CONFLICT ("Sha256") DO UPDATE SET "Status" = EXCLUDED."Status", "Text" = EXCLUDED."Text", "Error" = EXCLUDED."Error",
                "Engine" = EXCLUDED."Engine", "Pages" = EXCLUDED."Pages", "DurationMs" = EXCLUDED."DurationMs",
                "Attempts" = "InvoiceOcrResults"."Attempts" + 1, "AttemptedAt" = EXCLUDED."AttemptedAt"
            WHERE "InvoiceOcrResults"."Status" <> 1
            """);
        save.Parameters.AddWithValue(sha256);
        save.Parameters.AddWithValue((int)(outcome.Succeeded ? InvoiceOcrStatus.Read : InvoiceOcrStatus.Failed));
        save.Parameters.AddWithValue((object?)outcome.Text?.Replace("\0", string.Empty, StringComparison.Ordinal) ?? DBNull.Value);
        save.Parameters.AddWithValue((object?)outcome.Error ?? DBNull.Value);
        var engine = string.Create(CultureInfo.InvariantCulture, $"{outcome.Engine} @ {Environment.MachineName}");
        save.Parameters.AddWithValue(engine.Length > 200 ? engine[..200] : engine);
        save.Parameters.AddWithValue(outcome.Pages);
        save.Parameters.AddWithValue((int)outcome.Duration.TotalMilliseconds);
        save.Parameters.AddWithValue(now.ToUniversalTime());
        batch.BatchCommands.Add(save);
        AddSettle(batch, [sha256], options);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
