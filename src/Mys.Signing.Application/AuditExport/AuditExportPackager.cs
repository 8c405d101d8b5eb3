using System.Buffers;
using System.Data;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Accounting;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Application.Signing;
using Mys.Signing.Application.Verification;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Catalog;
using Mys.Signing.Infrastructure.Export;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Signing;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Asic;
using Mys.Signing.Signatures.Cades;
using Mys.Signing.Signatures.Pades;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;
using Mys.Signing.Signatures.Validation;
using Npgsql;

namespace Mys.Signing.Application.AuditExport;

/// <summary>
/// What the packages of one run (an export, a job run) share: the seal writer (the seal's validation data collected
/// once), the PDF extender and revocation answers cached for the run, and the report lookups.
/// </summary>
public sealed class PackageTools(AsicContainerWriter writer, PadesExtender extender, SharedReportLookups reports)
{
    public AsicContainerWriter Writer => writer;

    public PadesExtender Extender => extender;

    public SharedReportLookups Reports => reports;
}

/// <summary>
/// The inputs an ÖEB's package depends on, as they are now (its xmin, its signed revision, the newest OCR result of its
/// scanned invoices), and whether the stored package was built from exactly these.
/// </summary>
public sealed record PackageStamp(Guid Id, long RowVersion, string DocumentSha256, DateTimeOffset? OcrStamp, bool Fresh);

/// <summary>
/// A package on its way into an export. Its ÖEB PDF is <see cref="OebPdf"/>: in a pooled buffer, given back on dispose,
/// when loaded by <see cref="AuditExportPackager.LoadForExportAsync"/> (whose <see cref="Package"/> then has none);
/// the package's own array when the export has just built it.
/// </summary>
public sealed class ExportPackage : IDisposable
{
    private byte[]? _pooled;

    public ExportPackage(AuditExportPackage package, byte[]? pooledOebPdf, int oebPdfLength)
    {
        ArgumentNullException.ThrowIfNull(package);
        Package = package;
        _pooled = pooledOebPdf;
        OebPdf = pooledOebPdf is null ? null : pooledOebPdf.AsMemory(0, oebPdfLength);
    }

    /// <summary>A package just built: its ÖEB PDF is its own array, nothing pooled.</summary>
    public static ExportPackage Built(AuditExportPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return new ExportPackage(package, null, 0) { OebPdf = package.OebPdf };
    }

    public AuditExportPackage Package { get; }

    public ReadOnlyMemory<byte>? OebPdf { get; private init; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _pooled, null) is { } pooled)
        {
            ArrayPool<byte>.Shared.Return(pooled);
        }
    }
}

/// <summary>
/// Builds and finds <see cref="AuditExportPackage"/>s: the part of an ÖEB's export bundle that costs CPU (the /DSS copy of
/// a B-T revision, the sealed manifest with its time-stamp and CAdES-LT data, the verification report) done once per
/// version of its inputs, so that exporting it again only streams. Built by the <c>audit-export-packages</c> job after an
/// ÖEB is sent or changes, and by an export for any ÖEB whose package is missing or stale.
/// The manifest lists attachments by their store key, which is their SHA-256 checked at upload; the export hashes each
/// attachment again while writing it and, should the store's bytes differ, reports that instead of the packaged report.
/// </summary>
public sealed class AuditExportPackager(MysDbContext db, NpgsqlDataSource dataSource, IAttachmentStore store, SigningComponents signing, SignatureValidation validation,
    SystemSeal systemSeal, IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly JsonSerializerOptions EntriesJson = new(JsonSerializerDefaults.Web);

    /// <summary>Null when no system seal is configured (then there are no packages and no export).</summary>
    public async Task<PackageTools?> ToolsAsync(CancellationToken ct)
    {
        if (systemSeal.Signer is not { } seal)
        {
            return null;
        }

        // One run asks each OCSP responder / CRL once per certificate, and collects the seal's and its TSA's validation
        // data once, however many packages share them.
        var revocation = new CachingRevocationDataClient(validation.Online, clock, TimeSpan.FromMinutes(10));
        var writer = new AsicContainerWriter(new CadesService(signing.TimeStamps, clock), seal,
            new SealValidationData(revocation, validation.TrustAnchors, CollectOnce: true));
        return new PackageTools(writer, validation.Extender(revocation), new SharedReportLookups(await DocumentCatalogLoader.LoadAsync(db, ct)));
    }

    /// <summary>The stamps of <paramref name="ids"/> (ÖEBs without a signed revision have none).</summary>
    public async Task<Dictionary<Guid, PackageStamp>> StampsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var list = ids.ToArray();
        var stamps = await db.Database.SqlQuery<PackageStamp>($"""
            SELECT o."Id" AS "Id", o.xmin::text::bigint AS "RowVersion", d."CurrentSha256" AS "DocumentSha256", ocr."Stamp" AS "OcrStamp",
                   COALESCE(p."DocumentSha256" = d."CurrentSha256" AND p."OrderRowVersion" = o.xmin::text::bigint
                            AND p."OcrStamp" IS NOT DISTINCT FROM ocr."Stamp", false) AS "Fresh"
            FROM "PaymentOrders" o
            JOIN "SignedPaymentOrderDocuments" d ON d."PaymentOrderId" = o."Id"
            LEFT JOIN LATERAL (
                SELECT max(r."AttemptedAt") AS "Stamp"
                FROM "PaymentOrderAttachments" a JOIN "InvoiceOcrResults" r ON r."Sha256" = a."Sha256"
                WHERE a."PaymentOrderId" = o."Id" AND a."DocumentTypeCode" = {DocumentTypeCodes.Invoice}) ocr ON true
            LEFT JOIN "AuditExportPackages" p ON p."PaymentOrderId" = o."Id"
            WHERE o."Id" = ANY({list})
            """).ToListAsync(ct);
        return stamps.ToDictionary(s => s.Id);
    }

    /// <summary>
    /// Sent ÖEBs whose package is missing or stale, most recently sent first. One pass over the sent ÖEBs (hash joins):
    /// tens of milliseconds at 100,000 ÖEBs, once a minute on one instance.
    /// </summary>
    public Task<List<Guid>> DueAsync(int limit, CancellationToken ct) =>
        db.Database.SqlQuery<Guid>($"""
            SELECT o."Id" AS "Value"
            FROM "PaymentOrders" o
            JOIN "SignedPaymentOrderDocuments" d ON d."PaymentOrderId" = o."Id"
            LEFT JOIN (
                SELECT a."PaymentOrderId", max(r."AttemptedAt") AS "Stamp"
                FROM "PaymentOrderAttachments" a JOIN "InvoiceOcrResults" r ON r."Sha256" = a."Sha256"
                WHERE a."DocumentTypeCode" = {DocumentTypeCodes.Invoice}
                GROUP BY a."PaymentOrderId") ocr ON ocr."PaymentOrderId" = o."Id"
            LEFT JOIN "AuditExportPackages" p ON p."PaymentOrderId" = o."Id"
            WHERE o."SentAt" IS NOT NULL
              AND (p."PaymentOrderId" IS NULL OR p."DocumentSha256" <> d."CurrentSha256" OR p."OrderRowVersion" <> o.xmin::text::bigint
                   OR p."OcrStamp" IS DISTINCT FROM ocr."Stamp")
            ORDER BY o."SentAt" DESC
            LIMIT {limit}
            """).ToListAsync(ct);

    public Task<AuditExportPackage?> LoadAsync(Guid id, CancellationToken ct) =>
        db.AuditExportPackages.AsNoTracking().SingleOrDefaultAsync(p => p.PaymentOrderId == id, ct);

    /// <summary>
    /// The package of ÖEB <paramref name="id"/> as an export reads it: its ÖEB PDF in a buffer from the shared pool,
    /// returned when the <see cref="ExportPackage"/> is disposed. (Materialised as a new array per ÖEB, those ~130 KB
    /// would land on the large object heap, which only a full collection frees: an export's memory would grow with the
    /// number of ÖEBs.)
    /// </summary>
    public async Task<ExportPackage?> LoadForExportAsync(Guid id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT "DocumentSha256", "OrderRowVersion", "OcrStamp", "BuiltAt", "BundleName", "Entries", "Manifest", "Seal", "Report",
                   octet_length("OebPdf"), "OebPdf"
            FROM "AuditExportPackages" WHERE "PaymentOrderId" = $1
            """);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var package = new AuditExportPackage
        {
            PaymentOrderId = id,
            DocumentSha256 = await reader.GetFieldValueAsync<string>(0, ct),
            OrderRowVersion = await reader.GetFieldValueAsync<long>(1, ct),
            OcrStamp = await reader.IsDBNullAsync(2, ct) ? null : await reader.GetFieldValueAsync<DateTimeOffset>(2, ct),
            BuiltAt = await reader.GetFieldValueAsync<DateTimeOffset>(3, ct),
            BundleName = await reader.GetFieldValueAsync<string>(4, ct),
            Entries = await reader.GetFieldValueAsync<string>(5, ct),
            Manifest = await reader.GetFieldValueAsync<byte[]>(6, ct),
            Seal = await reader.GetFieldValueAsync<byte[]>(7, ct),
            Report = await reader.GetFieldValueAsync<byte[]>(8, ct),
        };
        if (await reader.IsDBNullAsync(9, ct))
        {
            return new ExportPackage(package, null, 0);
        }

        var length = await reader.GetFieldValueAsync<int>(9, ct);
        var pdf = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await using var column = await reader.GetStreamAsync(10, ct);
            await column.ReadExactlyAsync(pdf.AsMemory(0, length), ct);
            return new ExportPackage(package, pdf, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(pdf);
            throw;
        }
    }

    public static IReadOnlyList<AuditExportPackageEntry> EntriesOf(AuditExportPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        return JsonSerializer.Deserialize<List<AuditExportPackageEntry>>(package.Entries, EntriesJson) is { Count: > 0 } entries
            ? entries
            : throw new InvalidDataException($"Package of ÖEB {package.PaymentOrderId} has no entries.");
    }

    /// <summary>
    /// Builds the package of ÖEB <paramref name="stamp"/> (in a scope of its own: several are built at once) and stores
    /// it. The stamp was read before the ÖEB: if the ÖEB changes meanwhile, the package is older than its content says and
    /// is simply built again next time, never the other way round.
    /// </summary>
    public async Task<AuditExportPackage> BuildAsync(PackageStamp stamp, PackageTools tools, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        ArgumentNullException.ThrowIfNull(tools);
        var id = stamp.Id;
        await using var scope = scopes.CreateAsyncScope();
        var orders = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var reports = scope.ServiceProvider.GetRequiredService<BuildVerificationReport>();
        var order = await orders.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == id, ct);
        var document = await orders.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == id, ct);
        var documentSha256 = document.CurrentSha256.Trim();
        var stored = await reports.ReadAsync(documentSha256, ct) ?? throw new InvalidOperationException($"Stored content {documentSha256} is missing.");

        // A B-T revision goes into the bundle with /DSS added to the copy (the stored document is not changed), so that
        // it verifies offline; a B-LT or B-LTA one as it is.
        byte[]? extended = null;
        if (document.Stage < SignedDocumentStage.LongTerm)
        {
            var added = await tools.Extender.AddValidationDataAsync(stored, validation.TrustAnchors, ct);
            extended = added.IsSuccess ? added.Value : throw new InvalidOperationException($"Validation data for ÖEB {id} could not be collected: {added.Error}");
        }

        // The ÖEB PDF is stored, not deflated: deflating its ~130 KB would save ~60 KB per bundle but cost ~1 ms of CPU at
        // every export of it — a tenth of what streaming a 1 MiB ÖEB costs (docs/performance.md).
        var oeb = extended ?? stored;
        var entries = new List<AuditExportPackageEntry>
        {
            new("oeb.pdf", "application/pdf", extended is null ? documentSha256 : Convert.ToHexStringLower(SHA256.HashData(extended)),
                extended is null ? documentSha256 : null, oeb.Length, Deflate: false),
        };
        // Every file the signed attachments table lists (uploaded or made by the system), under the name it was signed with;
        // a row without stored bytes cannot be bundled and shows in the report.
        var names = new HashSet<string>(["oeb.pdf"], StringComparer.OrdinalIgnoreCase);
        foreach (var file in AttachmentFiles.FromManifest(order, AttachmentManifest.Read(PdfFile.Load(stored))))
        {
            if (file.Sha256 is not { } key || !names.Add(file.Name) || await DeflatesAsync(store, key, file.MediaType, ct) is not { } deflate)
            {
                continue;
            }

            entries.Add(new AuditExportPackageEntry(file.Name, file.MediaType, key, key, file.Size, deflate));
        }

        var sealedManifest = await tools.Writer.SealAsync(entries.Select(e => new AsicDataObject(e.Name, e.MediaType, Convert.FromHexString(e.Sha256))).ToList(), ct);
        if (!sealedManifest.IsSuccess)
        {
            throw new InvalidOperationException($"ASiC-E bundle of ÖEB {id} could not be sealed: {sealedManifest.Error}");
        }

        // The report validates the bundle's copy of the ÖEB with the validation data the copy carries, as an offline
        // verifier will; attachments are checked against their store keys (the export re-hashes the bytes it writes).
        var keys = entries.Skip(1).Select(e => e.StoreKey!).Distinct(StringComparer.Ordinal).ToDictionary(k => k, k => k, StringComparer.Ordinal);
        var report = await reports.BuildAsync(order, document, new ReportInputs(oeb, keys, EmbeddedRevocationDataOnly: true, tools.Reports), ct);
        var package = new AuditExportPackage
        {
            PaymentOrderId = id,
            DocumentSha256 = documentSha256,
            OrderRowVersion = stamp.RowVersion,
            OcrStamp = stamp.OcrStamp,
            BuiltAt = clock.GetUtcNow(),
            BundleName = PaymentOrderPrinting.FileName(order, preview: false).Replace(".pdf", string.Empty, StringComparison.Ordinal),
            Entries = JsonSerializer.Serialize(entries, EntriesJson),
            OebPdf = extended,
            Manifest = sealedManifest.Value.Manifest,
            Seal = sealedManifest.Value.Signature,
            Report = Encoding.UTF8.GetBytes(report.ToJson()),
        };
        await SaveAsync(package, ct);
        return package;
    }

    /// <summary>
    /// The report of an ÖEB whose exported attachments (or stored revision) did not hash as packaged: built from what
    /// was actually written, so the difference shows as a failed attachment or signature.
    /// </summary>
    public async Task<byte[]> ReportForWrittenAsync(AuditExportPackage package, IReadOnlyDictionary<string, string> writtenHashes, byte[] writtenOeb,
        PackageTools tools, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(tools);
        await using var scope = scopes.CreateAsyncScope();
        var orders = scope.ServiceProvider.GetRequiredService<MysDbContext>();
        var reports = scope.ServiceProvider.GetRequiredService<BuildVerificationReport>();
        var order = await orders.PaymentOrders.AsNoTracking().SingleAsync(o => o.Id == package.PaymentOrderId, ct);
        var document = await orders.SignedPaymentOrderDocuments.AsNoTracking().SingleAsync(d => d.PaymentOrderId == package.PaymentOrderId, ct);
        var report = await reports.BuildAsync(order, document, new ReportInputs(writtenOeb, writtenHashes, EmbeddedRevocationDataOnly: true, tools.Reports), ct);
        return Encoding.UTF8.GetBytes(report.ToJson());
    }

    /// <summary>Whether the stored content is worth deflating in the bundle; null when the store does not hold it.</summary>
    private static async Task<bool?> DeflatesAsync(IAttachmentStore store, string key, string mediaType, CancellationToken ct)
    {
        await using var content = await store.OpenReadAsync(key, ct);
        if (content is null)
        {
            return null;
        }

        var start = new byte[AsicContainerWriter.ProbeSize];
        var read = await content.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, ct);
        return AsicContainerWriter.CompressionFor(mediaType, start.AsSpan(0, read)) != CompressionLevel.NoCompression;
    }

    private async Task SaveAsync(AuditExportPackage package, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO "AuditExportPackages" ("PaymentOrderId", "DocumentSha256", "OrderRowVersion", "OcrStamp", "BuiltAt", "BundleName", "Entries",
                "OebPdf", "Manifest", "Seal", "Report")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT ("PaymentOrderId") DO UPDATE SET "DocumentSha256" = EXCLUDED."DocumentSha256", "OrderRowVersion" = EXCLUDED."OrderRowVersion",
                "OcrStamp" = EXCLUDED."OcrStamp", "BuiltAt" = EXCLUDED."BuiltAt", "BundleName" = EXCLUDED."BundleName", "Entries" = EXCLUDED."Entries",
                "OebPdf" = EXCLUDED."OebPdf", "Manifest" = EXCLUDED."Manifest", "Seal" = EXCLUDED."Seal", "Report" = EXCLUDED."Report"
            """);
        command.Parameters.AddWithValue(package.PaymentOrderId);
        command.Parameters.AddWithValue(package.DocumentSha256);
        command.Parameters.AddWithValue(package.OrderRowVersion);
        command.Parameters.AddWithValue((object?)package.OcrStamp ?? DBNull.Value);
        command.Parameters.AddWithValue(package.BuiltAt);
        command.Parameters.AddWithValue(package.BundleName);
        command.Parameters.AddWithValue(package.Entries);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)package.OebPdf ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        command.Parameters.AddWithValue(package.Manifest);
        command.Parameters.AddWithValue(package.Seal);
        command.Parameters.AddWithValue(package.Report);
        await command.ExecuteNonQueryAsync(ct);
    }
}
