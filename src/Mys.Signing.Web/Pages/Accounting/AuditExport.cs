using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Asic;
using Mys.Signing.Signatures.Cades;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Validation;
using Mys.Signing.Web.Pages.PaymentOrders;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>What an export holds: the ÖEBs of one accounting unit sent within [from, to) (UTC).</summary>
public sealed record AuditExportRequest(Guid AccountingUnitId, DateTimeOffset From, DateTimeOffset To)
{
    private static readonly TimeSpan Turkey = TimeSpan.FromHours(3);

    /// <summary>Sending days <paramref name="from"/> to <paramref name="to"/> inclusive, Turkey time.</summary>
    public static AuditExportRequest ForDays(Guid accountingUnitId, DateOnly from, DateOnly to) =>
        new(accountingUnitId, new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Turkey).ToUniversalTime(),
            new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Turkey).ToUniversalTime());
}

/// <summary>
/// Export for audit (ibraz): per ÖEB one ASiC-E bundle (the signed ÖEB PDF as stored now, its files, a manifest sealed
/// by the system) and its verification report as JSON, written one after another into a ZIP on the output stream.
/// A few bundles are prepared at once (each with its own database scope) and written in the order asked for; a bundle is
/// built in memory up to 4 MiB and in a temporary file beyond, so memory stays flat however many ÖEBs there are.
/// Needs the system seal (<see cref="SystemSeal"/>); without it there is no export.
/// Every bundle verifies offline: the seal is CAdES-LT, and an ÖEB not yet accepted (B-T, no /DSS) is exported with a
/// /DSS incremental update added to the copy (the stored document is not changed); accepted ones are B-LT already.
/// </summary>
public sealed class AuditExport(MysDbContext db, IAttachmentStore store, SigningComponents signing, SignatureValidation validation, SystemSeal systemSeal,
    IServiceScopeFactory scopes)
{
    // Bundles up to this size are built in memory (at most Parallelism of them at once), larger ones in a temporary file.
    private const long InMemoryBundleLimit = 4 * 1024 * 1024;

    // Bundles prepared at once: at least two per core for the CPU, and as many as the TSA round trips may overlap
    // (Mys:Signing:Tsa:Concurrency; each bundle's seal waits for one time-stamp), at most 16 (memory: 16 × 4 MiB).
    private int Parallelism => Math.Clamp(Math.Max(2 * Environment.ProcessorCount, signing.Settings.CompletionConcurrency), 2, 16);

    public ISealSigner? Seal => systemSeal.Signer;

    /// <summary>Puts the download in the audit trail (the caller's actor: the officer on the page, "mys export" in the CLI).</summary>
    public async Task RecordAsync(Guid accountingUnitId, DateOnly from, DateOnly to, int paymentOrders, CancellationToken ct)
    {
        db.RecordEvent("AuditExportDownloaded", "AccountingUnit", accountingUnitId.ToString("D"), JsonSerializer.Serialize(new
        {
            from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            paymentOrders,
        }));
        await db.SaveChangesAsync(ct);
    }

    public Task<List<Guid>> SelectAsync(AuditExportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return db.PaymentOrders.AsNoTracking()
            .Where(o => o.AccountingUnitId == request.AccountingUnitId && o.SentAt != null && o.SentAt >= request.From && o.SentAt < request.To)
            .Where(o => db.SignedPaymentOrderDocuments.Any(d => d.PaymentOrderId == o.Id))
            .OrderBy(o => o.SentAt)
            .Select(o => o.Id)
            .ToListAsync(ct);
    }

    /// <returns>How many ÖEBs were written.</returns>
    public async Task<int> WriteAsync(Stream output, IReadOnlyList<Guid> orderIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var seal = Seal ?? throw new InvalidOperationException("No system seal is configured.");
        // One export asks each OCSP responder / CRL once per certificate, and collects the seal's and its TSA's
        // validation data once, however many bundles share them.
        var revocation = new CachingRevocationDataClient(validation.Online, TimeProvider.System, TimeSpan.FromMinutes(10));
        var writer = new AsicContainerWriter(new CadesService(signing.TimeStamps, TimeProvider.System), seal,
            new SealValidationData(revocation, validation.TrustAnchors, CollectOnce: true));
        var extender = validation.Extender(revocation);
        var parallelism = Parallelism;
        var buffers = new BundleBuffers(parallelism);
        var shared = new SharedReportLookups(await DocumentCatalogLoader.LoadAsync(db, ct));
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        var pending = new Queue<Task<PreparedBundle>>();
        var next = 0;
        var written = 0;
        try
        {
            while (next < orderIds.Count || pending.Count > 0)
            {
                while (next < orderIds.Count && pending.Count < parallelism)
                {
                    var id = orderIds[next++];
                    pending.Enqueue(Task.Run(() => PrepareAsync(id, writer, extender, buffers, shared, ct), ct));
                }

                var bundle = await pending.Dequeue();
                try
                {
                    var entry = zip.CreateEntry(bundle.BaseName + ".asice", CompressionLevel.NoCompression);
                    await using (var target = await entry.OpenAsync(ct))
                    {
                        await bundle.Content.CopyToAsync(target, ct);
                    }

                    var json = zip.CreateEntry(bundle.BaseName + "-dogrulama.json", CompressionLevel.Optimal);
                    await using (var target = await json.OpenAsync(ct))
                    {
                        await target.WriteAsync(bundle.Report, ct);
                    }
                }
                finally
                {
                    await buffers.ReleaseAsync(bundle.Content);
                }

                written++;
            }
        }
        finally
        {
            // On failure the bundles still being prepared are awaited (their failures are not the one reported) so
            // that their buffers and temporary files are released.
            var rest = pending.ToArray();
            await Task.WhenAny(Task.WhenAll(rest));
            foreach (var bundle in rest.Where(t => t.IsCompletedSuccessfully))
            {
                await buffers.ReleaseAsync(bundle.Result.Content);
            }
        }

        return written;
    }

    /// <summary>A bundle ready to be written: its bytes (in memory, or a temporary file deleted when closed) and its report.</summary>
    private sealed record PreparedBundle(string BaseName, Stream Content, byte[] Report);

    // One ÖEB's bundle and report, in a scope of its own: several run at once. Attachments are copied from the store
    // straight into the bundle (hashed on the way); small bundles stay in memory, larger ones go to a temporary file.
    private async Task<PreparedBundle> PrepareAsync(Guid id, AsicContainerWriter writer, PadesExtender extender, BundleBuffers buffers, SharedReportLookups shared,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var orders = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var reports = scope.ServiceProvider.GetRequiredService<VerificationReportBuilder>();
        var order = await orders.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id, ct);
        var document = await orders.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id, ct);
        var baseName = PaymentOrderPrinting.FileName(order, preview: false).Replace(".pdf", string.Empty, StringComparison.Ordinal);

        var sha256 = document.CurrentSha256.Trim();
        var stored = await reports.ReadAsync(sha256, ct) ?? throw new InvalidOperationException($"Stored content {sha256} is missing.");
        var oeb = document.Stage < SignedDocumentStage.LongTerm ? await AddValidationDataAsync(extender, stored, id, ct) : stored;

        var files = new List<AsicFile> { AsicFile.FromBytes("oeb.pdf", "application/pdf", oeb) };
        var attachments = order.Attachments.Where(a => a.Sha256 is not null && a.FileName is not null).ToList();
        foreach (var attachment in attachments)
        {
            var key = attachment.Sha256!;
            files.Add(new AsicFile(attachment.FileName!, attachment.MediaType ?? "application/octet-stream",
                async token => await store.OpenReadAsync(key, token) ?? throw new InvalidOperationException($"Stored content {key} is missing.")));
        }

        var content = buffers.Rent(oeb.Length + attachments.Sum(a => a.SizeBytes));
        try
        {
            var result = await writer.WriteAsync(content, files, ct);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"ASiC-E bundle of ÖEB {id} could not be sealed: {result.Error}");
            }

            content.Position = 0;

            // The writer hashed each file while copying it from the store: the report uses those hashes, and it validates
            // the bundle's copy of the ÖEB with the validation data the copy carries, as an offline verifier will.
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var attachment in attachments)
            {
                hashes.TryAdd(attachment.Sha256!, Convert.ToHexString(result.Value.First(l => l.Name == attachment.FileName).Sha256));
            }

            var report = await reports.BuildAsync(order, document, new ReportInputs(oeb, hashes, EmbeddedRevocationDataOnly: true, shared), ct);
            return new PreparedBundle(baseName, content, Encoding.UTF8.GetBytes(report.ToJson()));
        }
        catch
        {
            await buffers.ReleaseAsync(content);
            throw;
        }
    }

    /// <summary>Adds /DSS to the exported copy of a B-T ÖEB; the stored document stays as it is.</summary>
    private async Task<byte[]> AddValidationDataAsync(PadesExtender extender, byte[] pdf, Guid id, CancellationToken ct)
    {
        var extended = await extender.AddValidationDataAsync(pdf, validation.TrustAnchors, ct);
        return extended.IsSuccess ? extended.Value : throw new InvalidOperationException($"Validation data for ÖEB {id} could not be collected: {extended.Error}");
    }

    /// <summary>
    /// Where bundles are built: up to <see cref="InMemoryBundleLimit"/> in memory streams reused from bundle to bundle
    /// (a few MiB each: new ones per ÖEB would keep the garbage collector busy), larger ones in a temporary file
    /// deleted when closed.
    /// </summary>
    private sealed class BundleBuffers(int keep)
    {
        private readonly ConcurrentBag<MemoryStream> _free = [];

        public Stream Rent(long expectedSize)
        {
            if (expectedSize > InMemoryBundleLimit)
            {
                return new FileStream(Path.Combine(Path.GetTempPath(), "mys-export-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.ReadWrite,
                    FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            }

            return _free.TryTake(out var buffer) ? buffer : new MemoryStream();
        }

        public async ValueTask ReleaseAsync(Stream content)
        {
            if (content is MemoryStream buffer && buffer.Capacity <= 2 * InMemoryBundleLimit && _free.Count < keep)
            {
                buffer.SetLength(0);
                _free.Add(buffer);
                return;
            }

            await content.DisposeAsync();
        }
    }
}
