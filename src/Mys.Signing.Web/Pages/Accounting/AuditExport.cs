using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.DevPki.Pki;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Asic;
using Mys.Signing.Signatures.Cades;
using Mys.Signing.Web.Pages.PaymentOrders;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Pages.Accounting;

/// <summary>What an export holds: the ÖEBs of one accounting unit sent within [from, to) (UTC).</summary>
public sealed record AuditExportRequest(Guid AccountingUnitId, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// Export for audit (ibraz): per ÖEB one ASiC-E bundle (the signed ÖEB PDF as stored now, its files, a manifest sealed
/// by the system) and its verification report as JSON, written one after another into a ZIP on the output stream.
/// Each bundle is built in a temporary file, so memory stays flat however many ÖEBs there are; nothing is buffered
/// whole. Needs the system seal (the dev PKI's in development); without it there is no export.
/// </summary>
public sealed class AuditExport(MysDbContext db, IAttachmentStore store, VerificationReportBuilder reports, SigningComponents signing, IServiceProvider services)
{
    public ISealSigner? Seal { get; } = services.GetService<DevPkiHierarchy>() is { } pki ? new DevPkiSeal(pki) : null;

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
        var writer = new AsicContainerWriter(new CadesService(signing.TimeStamps, TimeProvider.System), seal);
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
                var files = new List<AsicFile> { await StageAsync("oeb.pdf", "application/pdf", document.CurrentSha256.Trim(), temporary, ct) };
                foreach (var attachment in order.Attachments.Where(a => a.Sha256 is not null && a.FileName is not null))
                {
                    files.Add(await StageAsync(attachment.FileName!, attachment.MediaType ?? "application/octet-stream", attachment.Sha256!, temporary, ct));
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

    private async Task<AsicFile> StageAsync(string name, string mediaType, string sha256, List<string> temporary, CancellationToken ct)
    {
        var path = NewTemporary(temporary);
        await using (var source = await store.OpenReadAsync(sha256, ct) ?? throw new InvalidOperationException($"Stored content {sha256} is missing."))
        await using (var target = File.Create(path))
        {
            await source.CopyToAsync(target, ct);
        }

        return new AsicFile(name, mediaType, () => File.OpenRead(path));
    }

    private static string NewTemporary(List<string> temporary)
    {
        var path = Path.Combine(Path.GetTempPath(), "mys-export-" + Guid.NewGuid().ToString("N"));
        temporary.Add(path);
        return path;
    }

    /// <summary>The dev PKI's system seal (production: the institution's seal key, not wired yet).</summary>
    private sealed class DevPkiSeal(DevPkiHierarchy pki) : ISealSigner
    {
        public byte[] Certificate => pki.SystemSeal.CertificateDer;

        public IReadOnlyList<byte[]> Chain => pki.ChainFor(pki.SystemSeal).Select(c => c.GetEncoded()).ToList();

        public byte[] SignDigest(byte[] dataToSign, HashAlgorithmName hashAlgorithm) => pki.SystemSeal.SignDigest(dataToSign, hashAlgorithm);
    }
}
