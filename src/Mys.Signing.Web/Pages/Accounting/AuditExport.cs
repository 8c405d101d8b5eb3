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
/// whole. Needs the system seal (<see cref="SystemSeal"/>); without it there is no export.
/// Every bundle verifies offline: the seal is CAdES-LT, and an ÖEB not yet accepted (B-T, no /DSS) is exported with a
/// /DSS incremental update added to the copy (the stored document is not changed); accepted ones are B-LT already.
/// </summary>
public sealed class AuditExport(MysDbContext db, IAttachmentStore store, VerificationReportBuilder reports, SigningComponents signing,
    SignatureValidation validation, SystemSeal systemSeal)
{
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
        // One export asks each OCSP responder / CRL once per certificate, however many bundles share it.
        var revocation = new CachingRevocationDataClient(validation.Online, TimeProvider.System, TimeSpan.FromMinutes(10));
        var writer = new AsicContainerWriter(new CadesService(signing.TimeStamps, TimeProvider.System), seal,
            new SealValidationData(revocation, validation.TrustAnchors));
        var extender = validation.Extender(revocation);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        var written = 0;
        foreach (var id in orderIds)
        {
            db.ChangeTracker.Clear();
            var order = await db.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id, ct);
            var document = await db.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id, ct);
            var baseName = PaymentOrderPrinting.FileName(order, preview: false).Replace(".pdf", string.Empty, StringComparison.Ordinal);

            var temporary = new List<string>();
            try
            {
                var oeb = await StageAsync(document.CurrentSha256.Trim(), temporary, ct);
                if (document.Stage < SignedDocumentStage.LongTerm)
                {
                    await AddValidationDataAsync(extender, oeb, id, ct);
                }

                var files = new List<AsicFile> { new("oeb.pdf", "application/pdf", () => File.OpenRead(oeb)) };
                foreach (var attachment in order.Attachments.Where(a => a.Sha256 is not null && a.FileName is not null))
                {
                    var staged = await StageAsync(attachment.Sha256!, temporary, ct);
                    files.Add(new AsicFile(attachment.FileName!, attachment.MediaType ?? "application/octet-stream", () => File.OpenRead(staged)));
                }

                var bundle = NewTemporary(temporary);
                await using (var bundleStream = File.Create(bundle))
                {
                    var result = await writer.WriteAsync(bundleStream, files, ct);
                    if (!result.IsSuccess)
                    {
                        throw new InvalidOperationException($"ASiC-E bundle of ÖEB {id} could not be sealed: {result.Error}");
                    }
                }

                var entry = zip.CreateEntry(baseName + ".asice", CompressionLevel.NoCompression);
                await using (var target = entry.Open())
                await using (var source = File.OpenRead(bundle))
                {
                    await source.CopyToAsync(target, ct);
                }

                var report = await reports.BuildAsync(order, document, ct);
                var json = zip.CreateEntry(baseName + "-dogrulama.json", CompressionLevel.Optimal);
                await using (var target = json.Open())
                {
                    await target.WriteAsync(Encoding.UTF8.GetBytes(report.ToJson()), ct);
                }

                written++;
            }
            finally
            {
                foreach (var path in temporary)
                {
                    File.Delete(path);
                }
            }
        }

        return written;
    }

    /// <summary>Adds /DSS to the exported copy of a B-T ÖEB (its temporary file); the stored document stays as it is.</summary>
    private async Task AddValidationDataAsync(PadesExtender extender, string path, Guid id, CancellationToken ct)
    {
        var extended = await extender.AddValidationDataAsync(await File.ReadAllBytesAsync(path, ct), validation.TrustAnchors, ct);
        if (!extended.IsSuccess)
        {
            throw new InvalidOperationException($"Validation data for ÖEB {id} could not be collected: {extended.Error}");
        }

        await File.WriteAllBytesAsync(path, extended.Value, ct);
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

    private static string NewTemporary(List<string> temporary)
    {
        var path = Path.Combine(Path.GetTempPath(), "mys-export-" + Guid.NewGuid().ToString("N"));
        temporary.Add(path);
        return path;
    }
}
