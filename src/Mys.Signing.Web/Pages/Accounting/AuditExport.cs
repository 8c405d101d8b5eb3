using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.PaymentOrders;
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
/// Each bundle is built in a temporary file, so memory stays flat however many ÖEBs there are; nothing is buffered
/// whole. A few bundles are prepared at once (each with its own database scope) and written in the order asked for.
/// Needs the system seal (<see cref="SystemSeal"/>); without it there is no export.
/// Every bundle verifies offline: the seal is CAdES-LT, and an ÖEB not yet accepted (B-T, no /DSS) is exported with a
/// /DSS incremental update added to the copy (the stored document is not changed); accepted ones are B-LT already.
/// </summary>
public sealed class AuditExport(MysDbContext db, IAttachmentStore store, SigningComponents signing, SignatureValidation validation, SystemSeal systemSeal,
    IServiceScopeFactory scopes)
{
    // Bundles prepared at once: enough to overlap database reads, the TSA and signing; each holds its files on disk.
    private static readonly int Parallelism = Math.Clamp(Environment.ProcessorCount, 2, 4);

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
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        var pending = new Queue<Task<PreparedBundle>>();
        var next = 0;
        var written = 0;
        try
        {
            while (next < orderIds.Count || pending.Count > 0)
            {
                while (next < orderIds.Count && pending.Count < Parallelism)
                {
                    var id = orderIds[next++];
                    pending.Enqueue(Task.Run(() => PrepareAsync(id, writer, extender, ct), ct));
                }

                var bundle = await pending.Dequeue();
                try
                {
                    var entry = zip.CreateEntry(bundle.BaseName + ".asice", CompressionLevel.NoCompression);
                    await using (var target = entry.Open())
                    await using (var source = File.OpenRead(bundle.Path))
                    {
                        await source.CopyToAsync(target, ct);
                    }

                    var json = zip.CreateEntry(bundle.BaseName + "-dogrulama.json", CompressionLevel.Optimal);
                    await using (var target = json.Open())
                    {
                        await target.WriteAsync(bundle.Report, ct);
                    }
                }
                finally
                {
                    Delete([bundle.Path]);
                }

                written++;
            }
        }
        finally
        {
            // On failure the bundles still being prepared are awaited (their failures are not the one reported) so
            // that their temporary files are removed.
            var rest = pending.ToArray();
            await Task.WhenAny(Task.WhenAll(rest));
            Delete(rest.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.Path));
        }

        return written;
    }

    private sealed record PreparedBundle(string BaseName, string Path, byte[] Report);

    // One ÖEB's bundle (in a temporary file) and report, in a scope of its own: several run at once.
    private async Task<PreparedBundle> PrepareAsync(Guid id, AsicContainerWriter writer, PadesExtender extender, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var orders = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var reports = scope.ServiceProvider.GetRequiredService<VerificationReportBuilder>();
        var order = await orders.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id, ct);
        var document = await orders.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id, ct);
        var baseName = PaymentOrderPrinting.FileName(order, preview: false).Replace(".pdf", string.Empty, StringComparison.Ordinal);

        var temporary = new List<string>();
        try
        {
            var sha256 = document.CurrentSha256.Trim();
            var stored = await reports.ReadAsync(sha256, ct) ?? throw new InvalidOperationException($"Stored content {sha256} is missing.");
            var oeb = document.Stage < SignedDocumentStage.LongTerm ? await AddValidationDataAsync(extender, stored, id, ct) : stored;

            var files = new List<AsicFile> { new("oeb.pdf", "application/pdf", () => new MemoryStream(oeb, writable: false)) };
            var attachments = order.Attachments.Where(a => a.Sha256 is not null && a.FileName is not null).ToList();
            foreach (var attachment in attachments)
            {
                var staged = await StageAsync(attachment.Sha256!, temporary, ct);
                files.Add(new AsicFile(attachment.FileName!, attachment.MediaType ?? "application/octet-stream", () => File.OpenRead(staged)));
            }

            var bundle = NewTemporary(temporary);
            IReadOnlyList<AsicDataObject> listed;
            await using (var bundleStream = File.Create(bundle))
            {
                var result = await writer.WriteAsync(bundleStream, files, ct);
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException($"ASiC-E bundle of ÖEB {id} could not be sealed: {result.Error}");
                }

                listed = result.Value;
            }

            // The writer hashed each file while copying it from the store: the report uses those hashes and the bytes read above.
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var attachment in attachments)
            {
                hashes.TryAdd(attachment.Sha256!, Convert.ToHexString(listed.First(l => l.Name == attachment.FileName).Sha256));
            }

            var report = await reports.BuildAsync(order, document, stored, hashes, ct);
            temporary.Remove(bundle);
            return new PreparedBundle(baseName, bundle, Encoding.UTF8.GetBytes(report.ToJson()));
        }
        finally
        {
            Delete(temporary);
        }
    }

    /// <summary>Adds /DSS to the exported copy of a B-T ÖEB; the stored document stays as it is.</summary>
    private async Task<byte[]> AddValidationDataAsync(PadesExtender extender, byte[] pdf, Guid id, CancellationToken ct)
    {
        var extended = await extender.AddValidationDataAsync(pdf, validation.TrustAnchors, ct);
        return extended.IsSuccess ? extended.Value : throw new InvalidOperationException($"Validation data for ÖEB {id} could not be collected: {extended.Error}");
    }

    private async Task<string> StageAsync(string sha256, List<string> temporary, CancellationToken ct)
    {
        var path = NewTemporary(temporary);
        await using (var source = await store.OpenReadAsync(sha256, ct) ?? throw new InvalidOperationException($"Stored content {sha256} is missing."))
        await using (var target = File.Create(path))
        {
            await source.CopyToAsync(target, ct);
        }

        return path;
    }

    private static void Delete(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            File.Delete(path);
        }
    }

    private static string NewTemporary(List<string> temporary)
    {
        var path = Path.Combine(Path.GetTempPath(), "mys-export-" + Guid.NewGuid().ToString("N"));
        temporary.Add(path);
        return path;
    }
}
