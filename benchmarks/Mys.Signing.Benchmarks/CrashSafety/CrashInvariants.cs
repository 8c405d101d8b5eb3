using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Npgsql;

namespace Mys.Signing.Benchmarks.CrashSafety;

/// <summary>What must hold after any crash: nothing half-signed, no attachment lost, no half-written blob.</summary>
internal sealed record InvariantReport(int Orders, IReadOnlyList<string> HalfSigned, IReadOnlyList<string> Lost, long OrphanChunks)
{
    public bool Holds => HalfSigned.Count == 0 && Lost.Count == 0 && OrphanChunks == 0;

    public override string ToString() =>
        $"{Orders} ÖEBs: {HalfSigned.Count} half-signed, {Lost.Count} attachments lost, {OrphanChunks} orphan chunks"
        + string.Concat(HalfSigned.Concat(Lost).Take(5).Select(line => "\n    " + line));
}

internal static class CrashInvariants
{
    /// <summary>
    /// Per ÖEB: the signatures its status and records claim are exactly the signatures in its stored PDF, each bound to
    /// the recorded signer (the accounting unit's own report, <see cref="BuildVerificationReport"/>); the stored PDF is
    /// readable; accepted ⇔ raised to long-term. Every attachment's bytes read back with the SHA-256 recorded for them.
    /// Chunks of the attachment store that belong to no blob would be an upload half written.
    /// </summary>
    public static async Task<InvariantReport> CheckAsync(IServiceProvider services, IReadOnlyCollection<Guid> orderIds)
    {
        // The harness's own pooled connections may have died with a database restart: the first use of each fails.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CheckOnceAsync(services, orderIds);
            }
            catch (NpgsqlException) when (attempt < 5)
            {
                await Task.Delay(500);
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.InnerException is NpgsqlException)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<InvariantReport> CheckOnceAsync(IServiceProvider services, IReadOnlyCollection<Guid> orderIds)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<IAttachmentStore>();
        var reports = scope.ServiceProvider.GetRequiredService<BuildVerificationReport>();
        var halfSigned = new List<string>();
        var lost = new List<string>();
        foreach (var id in orderIds)
        {
            var order = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id);
            var document = await db.SignedPaymentOrderDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.PaymentOrderId == id);
            if (SignatureProblem(order) is { } recordProblem)
            {
                halfSigned.Add($"{order.Number}: {recordProblem}");
            }

            var records = Recorded(order);
            if (document is null)
            {
                if (records > 0)
                {
                    halfSigned.Add($"{order.Number}: {records} signature(s) recorded, no signed document stored");
                }
            }
            else if (await ReadAsync(store, document.CurrentSha256) is null)
            {
                halfSigned.Add($"{order.Number}: the stored PDF {document.CurrentSha256} cannot be read");
            }
            else
            {
                var report = await reports.BuildAsync(order, document, CancellationToken.None);
                var inPdf = report.Signatures?.Signatures.Count(s => s.Kind == "PAdES") ?? 0;
                if (inPdf != records)
                {
                    halfSigned.Add($"{order.Number}: {records} signature(s) recorded, {inPdf} in the stored PDF");
                }

                foreach (var signer in report.Signers.Where(s => s.ExpectedSigner is not null && !s.Holds))
                {
                    halfSigned.Add($"{order.Number}: {signer.Role}: {signer.Message}");
                }

                if ((order.Status == PaymentOrderStatus.Accepted) != (document.Stage >= SignedDocumentStage.LongTerm))
                {
                    halfSigned.Add($"{order.Number}: status {order.Status} but document stage {document.Stage}");
                }
            }

            foreach (var attachment in order.Attachments.Where(a => a.Sha256 is not null))
            {
                var bytes = await ReadAsync(store, attachment.Sha256!);
                if (bytes is null || !string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), attachment.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    lost.Add($"{order.Number}: attachment {attachment.FileName} ({attachment.Sha256}) {(bytes is null ? "missing" : "changed")}");
                }
            }
        }

        var orphans = await db.Database.SqlQueryRaw<long>(
            """SELECT count(DISTINCT c."BlobId") AS "Value" FROM "AttachmentChunks" c WHERE NOT EXISTS (SELECT 1 FROM "AttachmentBlobs" b WHERE b."BlobId" = c."BlobId")""")
            .SingleAsync();
        return new InvariantReport(orderIds.Count, halfSigned, lost, orphans);
    }

    private static int Recorded(PaymentOrder order) =>
        (order.RealizationSignature is null ? 0 : 1) + (order.SpendingAuthoritySignature is null ? 0 : 1) + (order.AccountingOfficerSignature is null ? 0 : 1);

    /// <summary>The records the status promises: the realization officer's from "awaiting the authority" on, both from "sent" on.</summary>
    private static string? SignatureProblem(PaymentOrder order)
    {
        var realization = order.Status is PaymentOrderStatus.AwaitingSpendingAuthoritySignature or PaymentOrderStatus.SentToAccounting or PaymentOrderStatus.Accepted;
        var authority = order.Status is PaymentOrderStatus.SentToAccounting or PaymentOrderStatus.Accepted;
        if (order.WetSignature is not null)
        {
            return null;
        }

        return (order.RealizationSignature is not null) != realization || (order.SpendingAuthoritySignature is not null) != authority
            ? $"status {order.Status} with realization record {order.RealizationSignature is not null}, authority record {order.SpendingAuthoritySignature is not null}"
            : null;
    }

    private static async Task<byte[]?> ReadAsync(IAttachmentStore store, string sha256)
    {
        await using var stream = await store.OpenReadAsync(sha256, CancellationToken.None);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
