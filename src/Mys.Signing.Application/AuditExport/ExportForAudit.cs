using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Asic;
using Mys.Signing.Signatures.Cades;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Validation;
using Actor = Mys.Signing.Application.Access.Actor;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;

namespace Mys.Signing.Application.AuditExport;

/// <summary>What an export holds: the ÖEBs of one accounting unit sent within [from, to) (UTC).</summary>
public sealed record AuditExportRequest(Guid AccountingUnitId, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Sending days <paramref name="from"/> to <paramref name="to"/> inclusive, Turkey time.</summary>
    public static AuditExportRequest ForDays(Guid accountingUnitId, DateOnly from, DateOnly to) =>
        new(accountingUnitId, TurkeyTime.StartOfDay(from), TurkeyTime.StartOfDay(to.AddDays(1)));
}

/// <summary>The ÖEBs an export writes (sent to the unit on sending days <see cref="From"/>..<see cref="To"/>), in sending order.</summary>
public sealed record AuditExportSelection(Guid AccountingUnitId, DateOnly From, DateOnly To, IReadOnlyList<Guid> PaymentOrderIds);

/// <summary>
/// Export for audit (ibraz): per ÖEB one ASiC-E bundle (the signed ÖEB PDF as stored now, its files, a manifest sealed
/// by the system) and its verification report as JSON, written one after another into a ZIP on the output stream.
/// What costs CPU in a bundle (the seal with its time-stamp, /DSS on a copy of a not-yet-accepted ÖEB, the report) is
/// in the ÖEB's <see cref="AuditExportPackage"/>, built ahead by the <c>audit-export-packages</c> job or here when missing
/// or stale; the export then streams: attachments are copied from the store straight into the bundle, hashed on the way.
/// A few bundles are prepared at once (each with its own database scope) and written in the order asked for; a bundle is
/// built in memory up to 4 MiB and in a temporary file beyond, so memory stays flat however many ÖEBs there are.
/// Needs the system seal (<see cref="SystemSeal"/>); without it there is no export.
/// </summary>
public sealed class ExportForAudit(MysDbContext db, IAttachmentStore store, AuditExportPackager packager, SigningComponents signing, SystemSeal systemSeal,
    IServiceScopeFactory scopes, ILogger<ExportForAudit> logger)
{
    /// <summary>The longest period one export covers, in days.</summary>
    public const int MaxDays = 366;

    // Bundles up to this size are built in memory (at most Parallelism of them at once), larger ones in a temporary file.
    private const long InMemoryBundleLimit = 4 * 1024 * 1024;

    // Package stamps are read for this many ÖEBs at once.
    private const int StampWindow = 500;

    // Bundles prepared at once: at least two per core for the CPU, and as many as the TSA round trips may overlap
    // (Mys:Signing:Tsa:Concurrency; a package built here waits for one time-stamp), at most 16 (memory: 16 × 4 MiB).
    private int Parallelism => Math.Clamp(Math.Max(2 * Environment.ProcessorCount, signing.Settings.CompletionConcurrency), 2, 16);

    public ISealSigner? Seal => systemSeal.Signer;

    /// <summary>The accounting unit's name for the export page's heading; null when no such unit exists.</summary>
    public Task<string?> AccountingUnitNameAsync(Guid accountingUnitId, CancellationToken ct) =>
        db.AccountingUnits.AsNoTracking().Where(u => u.Id == accountingUnitId).Select(u => (string?)u.Name).SingleOrDefaultAsync(ct);

    /// <summary>
    /// The accounting officer's export of sending days <paramref name="from"/>..<paramref name="to"/>: checks the
    /// officer, the period and the seal, selects the ÖEBs and puts the download in the audit trail; then
    /// <see cref="WriteAsync"/> streams them. Refused (nothing recorded) with a Turkish message for the page.
    /// </summary>
    public async Task<Outcome<AuditExportSelection>> StartAsync(Actor actor, Guid accountingUnitId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsActive || !actor.Holds(Role.AccountingOfficer, accountingUnitId))
        {
            return new Refusal(RefusalKind.Forbidden, "not-officer", "Dışa aktarmayı yalnızca birimin muhasebe yetkilisi yapabilir.");
        }

        var problem = (from, to) switch
        {
            (null, _) or (_, null) => "Başlangıç ve bitiş tarihlerini girin.",
            ({ } f, { } t) when f > t => "Başlangıç tarihi bitiş tarihinden sonra olamaz.",
            ({ } f, { } t) when t.DayNumber - f.DayNumber >= MaxDays => $"Bir seferde en çok {MaxDays} günlük dönem dışa aktarılabilir; dönemi bölün.",
            _ => null,
        };
        if (problem is not null)
        {
            return new Refusal(RefusalKind.Invalid, "period", problem);
        }

        if (Seal is null)
        {
            return new Refusal(RefusalKind.Unavailable, "no-seal",
                "Sistem mührü (kurum mühür sertifikası) yapılandırılmadığı için paket mühürlenemiyor; sistem yöneticinize başvurun.");
        }

        var ids = await SelectAsync(AuditExportRequest.ForDays(accountingUnitId, from!.Value, to!.Value), ct);
        if (ids.Count == 0)
        {
            return new Refusal(RefusalKind.NotFound, "empty", "Bu dönemde birime gönderilmiş e-imzalı ÖEB yok.");
        }

        await RecordAsync(accountingUnitId, from.Value, to.Value, ids.Count, ct);
        return new AuditExportSelection(accountingUnitId, from.Value, to.Value, ids);
    }

    /// <summary>
    /// Puts the download in the audit trail (the audit actor: the officer on the page, "mys export" in the CLI, whose
    /// operator is trusted with the database and so selects with <see cref="SelectAsync"/> directly).
    /// </summary>
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
        var tools = await packager.ToolsAsync(ct) ?? throw new InvalidOperationException("No system seal is configured.");
        var parallelism = Parallelism;
        var buffers = new BundleBuffers(parallelism);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        var pending = new Queue<Task<PreparedBundle>>();
        var stamps = new Dictionary<Guid, PackageStamp>();
        var next = 0;
        var written = 0;
        try
        {
            while (next < orderIds.Count || pending.Count > 0)
            {
                while (next < orderIds.Count && pending.Count < parallelism)
                {
                    var id = orderIds[next];
                    if (!stamps.TryGetValue(id, out var stamp))
                    {
                        stamps = await packager.StampsAsync(orderIds.Skip(next).Take(StampWindow).ToList(), ct);
                        stamp = stamps.GetValueOrDefault(id) ?? throw new InvalidOperationException($"ÖEB {id} has no signed document to export.");
                    }

                    next++;
                    pending.Enqueue(Task.Run(() => PrepareAsync(stamp, tools, buffers, ct), ct));
                }

                var bundle = await pending.Dequeue();
                try
                {
                    var entry = zip.CreateEntry(bundle.BaseName + ".asice", CompressionLevel.NoCompression);
                    await using (var target = await entry.OpenAsync(ct))
                    {
                        await bundle.Content.CopyToAsync(target, ct);
                    }

                    var json = zip.CreateEntry(bundle.BaseName + "-dogrulama.json", CompressionLevel.Fastest);
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

    // One ÖEB's bundle and report, in a scope of its own: several run at once. The package is used if it was built from
    // the ÖEB as it is now, else built (and stored) first; then its files are streamed into the bundle.
    private async Task<PreparedBundle> PrepareAsync(PackageStamp stamp, PackageTools tools, BundleBuffers buffers, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var local = scope.ServiceProvider.GetRequiredService<AuditExportPackager>();
        using var loaded = (stamp.Fresh ? await local.LoadForExportAsync(stamp.Id, ct) : null) ?? ExportPackage.Built(await local.BuildAsync(stamp, tools, ct));
        var package = loaded.Package;
        var entries = AuditExportPackager.EntriesOf(package);
        var files = entries.Select(e => new AsicFile(e.Name, e.MediaType, e.StoreKey is { } key
            ? async token => await store.OpenReadAsync(key, token) ?? throw new InvalidOperationException($"Stored content {key} is missing.")
            : _ => Task.FromResult<Stream>(OebPdfStream(loaded)))
            {
                Compression = e.Deflate ? CompressionLevel.Fastest : CompressionLevel.NoCompression,
            })
            .ToList();
        var content = buffers.Rent(entries.Sum(e => e.Size));
        try
        {
            var written = await AsicContainerWriter.WriteSealedAsync(content, files, new SealedManifest(package.Manifest, package.Seal), package.BuiltAt, ct);
            content.Position = 0;
            var report = package.Report;
            var changed = entries.Where((e, i) => !Convert.FromHexString(e.Sha256).AsSpan().SequenceEqual(written[i].Sha256)).ToList();
            if (changed.Count > 0)
            {
                logger.LogWarning("Audit export of ÖEB {PaymentOrderId}: stored content no longer has the hash it was packaged with: {Files}",
                    stamp.Id, string.Join(", ", changed.Select(e => $"{e.Name} ({e.StoreKey})")));
                var hashes = entries.Select((e, i) => (e, i)).Where(x => x.i > 0 && x.e.StoreKey is not null)
                    .ToDictionary(x => x.e.StoreKey!, x => Convert.ToHexStringLower(written[x.i].Sha256), StringComparer.Ordinal);
                var oeb = loaded.OebPdf?.ToArray() ?? await ReadStoredAsync(package.DocumentSha256.Trim(), ct);
                report = await local.ReportForWrittenAsync(package, hashes, oeb, tools, ct);
            }

            return new PreparedBundle(package.BundleName, content, report);
        }
        catch
        {
            await buffers.ReleaseAsync(content);
            throw;
        }
    }

    private static MemoryStream OebPdfStream(ExportPackage loaded)
    {
        var pdf = loaded.OebPdf ?? throw new InvalidDataException($"Package of ÖEB {loaded.Package.PaymentOrderId} has no ÖEB PDF.");
        return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(pdf, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : throw new InvalidOperationException("An ÖEB PDF is always held in an array.");
    }

    private async Task<byte[]> ReadStoredAsync(string sha256, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(sha256, ct) ?? throw new InvalidOperationException($"Stored content {sha256} is missing.");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        return copy.ToArray();
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
