using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Pdf;
using Mys.Signing.Signatures.Rendering;

namespace Mys.Signing.Application.PaymentOrders;

/// <summary>
/// One attachment of an ÖEB as a file: <see cref="Name"/> is the cleaned, distinct name it is shown, signed and bundled
/// under; <see cref="Sha256"/> (lower-case hex) is the store key of its bytes — recorded at upload for an uploaded file,
/// the hash of the rendering for an HTOB / VİF, the XML's for an e-Fatura; null when no bytes are known.
/// <see cref="Rendered"/> holds an HTOB / VİF PDF just rendered (stored by <see cref="AttachmentFiles.StoreRenderedAsync"/>).
/// </summary>
public sealed record AttachmentFile(Guid AttachmentId, string Name, string MediaType, long Size, string? Sha256)
{
    public const string PdfMediaType = "application/pdf";

    public byte[]? Rendered { get; init; }

    /// <summary>False for a file of the ÖEB that its signed attachments table does not list.</summary>
    public bool Listed { get; init; } = true;

    public bool IsPdf => string.Equals(MediaType, PdfMediaType, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The files behind an ÖEB's attachments, uploaded or made by the system. Before the ÖEB is rendered for signing
/// (<see cref="CurrentAsync"/>) an HTOB / VİF is rendered from its stored canonical JSON and an e-Fatura's XML is found
/// through its upload event; the signing flow stores those renderings before it renders the ÖEB, so that the SHA-256 the
/// signers sign is the hash of bytes in the store. Once rendered, the signed attachments table (the /MysAttachments
/// manifest of the rendered revision) is what binds each attachment to its bytes (<see cref="SignedAsync"/>,
/// <see cref="FromManifest"/>): the download, the verification report and the audit export all read it.
/// </summary>
public sealed class AttachmentFiles(MysDbContext db, IAttachmentStore store)
{
    /// <summary>Entry names the ASiC-E bundle uses itself; an attachment never gets one of them.</summary>
    private static readonly string[] Reserved = ["oeb.pdf", "mimetype"];

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    /// <summary>The files as they would be signed now, in the ÖEB's attachment order.</summary>
    public async Task<IReadOnlyList<AttachmentFile>> CurrentAsync(PaymentOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        var files = new List<AttachmentFile>(order.Attachments.Count);
        string? unitName = null;
        foreach (var attachment in order.Attachments)
        {
            if (attachment.HasFile)
            {
                files.Add(new AttachmentFile(attachment.Id, AttachmentFileName.Clean(attachment.FileName), attachment.MediaType ?? "application/octet-stream",
                    attachment.SizeBytes, attachment.Sha256));
            }
            else if (attachment.Source == DocumentSource.SystemProduced && Guid.TryParse(attachment.StructuredDocumentId, out var documentId)
                     && await db.StructuredDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId && d.SpendingUnitId == order.SpendingUnitId, ct)
                         is { } record)
            {
                unitName ??= await db.SpendingUnits.AsNoTracking().Where(u => u.Id == order.SpendingUnitId).Select(u => u.Name).SingleAsync(ct);
                var pdf = StructuredDocumentRenderer.Render(StructuredDocumentPrinting.Build(record, unitName));
                files.Add(new AttachmentFile(attachment.Id, StructuredDocumentPrinting.FileName(record), AttachmentFile.PdfMediaType, pdf.Length,
                    Convert.ToHexStringLower(SHA256.HashData(pdf))) { Rendered = pdf });
            }
            else if (attachment.Source == DocumentSource.EFaturaLink && attachment.StructuredDocumentId is { } ettn
                     && await EInvoiceXmlAsync(order.Id, ettn, ct) is { } xml)
            {
                files.Add(new AttachmentFile(attachment.Id, AttachmentFileName.Clean(xml.FileName ?? $"e-Fatura-{ettn}.xml"), "application/xml", xml.Size, xml.Sha256));
            }
            else
            {
                // Nothing to bind: listed without a hash, which the verification report shows as a failure.
                files.Add(new AttachmentFile(attachment.Id, AttachmentFileName.Clean(attachment.FileName ?? attachment.StructuredDocumentId), attachment.MediaType
                    ?? "application/octet-stream", 0, null));
            }
        }

        return Distinct(files);
    }

    /// <summary>
    /// The files as the ÖEB's signed attachments table binds them, or null before the ÖEB is rendered for signing (then
    /// <see cref="CurrentAsync"/> applies).
    /// </summary>
    public async Task<IReadOnlyList<AttachmentFile>?> SignedAsync(PaymentOrder order, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        var rendered = await db.SignedPaymentOrderDocuments.AsNoTracking().Where(d => d.PaymentOrderId == order.Id).Select(d => d.RenderedSha256)
            .SingleOrDefaultAsync(ct);
        if (rendered is null)
        {
            return null;
        }

        await using var stream = await store.OpenReadAsync(rendered.Trim(), ct);
        if (stream is null)
        {
            return [];
        }

        var pdf = new byte[stream.Length];
        await stream.ReadExactlyAsync(pdf, ct);
        return FromManifest(order, AttachmentManifest.Read(PdfFile.Load(pdf)));
    }

    /// <summary>The signed files if the ÖEB was rendered for signing, else the current ones.</summary>
    public async Task<IReadOnlyList<AttachmentFile>> ForOrderAsync(PaymentOrder order, CancellationToken ct) =>
        await SignedAsync(order, ct) ?? await CurrentAsync(order, ct);

    /// <summary>
    /// Each row of a signed attachments table with the store key of its bytes: for an uploaded file the hash recorded
    /// at upload (so a row that does not match it shows as changed), for a file the system made or linked the hash the
    /// row lists (content-addressed: the store holds those bytes under it). Rows without a hash get no key. Uploaded
    /// files of the ÖEB that no row lists follow with <see cref="AttachmentFile.Listed"/> false.
    /// </summary>
    public static IReadOnlyList<AttachmentFile> FromManifest(PaymentOrder order, IReadOnlyList<AttachmentRow> rows)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(rows);
        var unmatched = order.Attachments.ToList();
        var files = new List<AttachmentFile>(rows.Count);
        foreach (var row in rows)
        {
            var attachment = unmatched.FirstOrDefault(a => a.Id == row.AttachmentId)
                ?? (row.AttachmentId is null
                    ? unmatched.FirstOrDefault(a => string.Equals(a.FileName, row.FileName, StringComparison.Ordinal)
                                                    || string.Equals(a.StructuredDocumentId, row.FileName, StringComparison.Ordinal))
                    : null);
            if (attachment is not null)
            {
                unmatched.Remove(attachment);
            }

            var listed = string.IsNullOrWhiteSpace(row.Sha256) ? null : row.Sha256.Trim().ToLowerInvariant();
            var key = attachment is { HasFile: true } ? attachment.Sha256 : listed;
            files.Add(new AttachmentFile(attachment?.Id ?? Guid.Empty, row.FileName, MediaTypeOf(attachment, row.FileName), row.Size, key));
        }

        foreach (var attachment in unmatched.Where(a => a.HasFile))
        {
            files.Add(new AttachmentFile(attachment.Id, AttachmentFileName.Clean(attachment.FileName), attachment.MediaType ?? "application/octet-stream",
                attachment.SizeBytes, attachment.Sha256) { Listed = false });
        }

        return files;
    }

    /// <summary>Stores the HTOB / VİF renderings among <paramref name="files"/> (content-addressed: storing again is harmless).</summary>
    public static async Task StoreRenderedAsync(IAttachmentStore store, IEnumerable<AttachmentFile> files, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files.Where(f => f.Rendered is not null))
        {
            var stored = await store.SaveGeneratedAsync(file.Rendered, ContentKind.Pdf, ct);
            if (!string.Equals(stored.Sha256, file.Sha256, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Stored rendering of attachment {file.AttachmentId} has hash {stored.Sha256}, expected {file.Sha256}.");
            }
        }
    }

    /// <summary>The bytes of <paramref name="file"/>: the rendering in hand, else the store's; null if the store has none.</summary>
    public async Task<Stream?> OpenAsync(AttachmentFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Rendered is { } rendered)
        {
            return new MemoryStream(rendered, writable: false);
        }

        return file.Sha256 is { } key ? await store.OpenReadAsync(key, ct) : null;
    }

    private static List<AttachmentFile> Distinct(List<AttachmentFile> files)
    {
        var names = AttachmentFileName.Distinct([.. Reserved, .. files.Select(f => f.Name)]).Skip(Reserved.Length).ToList();
        return files.Select((f, i) => f with { Name = names[i] }).ToList();
    }

    private static string MediaTypeOf(SupportingDocument? attachment, string name) => attachment switch
    {
        { MediaType: { } mediaType } => mediaType,
        { Source: DocumentSource.SystemProduced } => AttachmentFile.PdfMediaType,
        { Source: DocumentSource.EFaturaLink } => "application/xml",
        _ => Path.GetExtension(name).ToUpperInvariant() switch
        {
            ".PDF" => AttachmentFile.PdfMediaType,
            ".XML" => "application/xml",
            _ => "application/octet-stream",
        },
    };

    private sealed record EInvoiceXml(string Sha256, long Size, string? FileName);

    // The e-Fatura XML is kept in the attachment store; its hash and file name are in the upload's audit event, found
    // through the ÖEB's own events (as the verification report finds it).
    private async Task<EInvoiceXml?> EInvoiceXmlAsync(Guid orderId, string ettn, CancellationToken ct)
    {
        var entityId = orderId.ToString();
        var events = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(PaymentOrder) && a.EntityId == entityId)
            .Where(a => a.Action == "PaymentOrderAttachmentUploaded" && a.Changes != null && a.Changes.Contains(ettn))
            .OrderByDescending(a => a.Id).Select(a => a.Changes!).Take(5).ToListAsync(ct);
        foreach (var json in events)
        {
            var uploaded = JsonSerializer.Deserialize<UploadEvent>(json, EventJson);
            if (uploaded?.Sha256 is not { Length: 64 } sha || !string.Equals(uploaded.Ettn, ettn, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            await using var stream = await store.OpenReadAsync(sha, ct);
            if (stream is not null)
            {
                return new EInvoiceXml(sha, stream.Length, uploaded.FileName);
            }
        }

        return null;
    }

    private sealed record UploadEvent(string? Sha256, string? Ettn, string? FileName);
}
