using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Infrastructure.Storage;
using Mys.Signing.Signatures.Invoices;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// An ÖEB with every field, its R9 attachments description, the live checklist and rule violations, the
/// attachments with upload (streamed to the attachment store), and "İmzaya Gönder".
/// </summary>
[RequireRole(Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority)]
[NoScriptUploadCap]
public sealed class DetailsModel(
    MysDbContext db, CurrentUser current, PaymentOrderSupport support, IAttachmentStore store, ILogger<DetailsModel> logger) : PageModel
{
    private const int MaxFieldBytes = 4096;

    // Read from the route directly, not model-bound: binding anything would make MVC read (and buffer) the
    // multipart form before the upload handler can stream it.
    public Guid UnitId => Guid.TryParse(RouteData.Values["unitId"]?.ToString(), out var id) ? id : Guid.Empty;

    public Guid Id => Guid.TryParse(RouteData.Values["id"]?.ToString(), out var id) ? id : Guid.Empty;

    public PaymentOrder Order { get; private set; } = null!;

    public DocumentCatalog Catalog { get; private set; } = null!;

    public IReadOnlyList<ChecklistItem> Checklist { get; private set; } = [];

    public IReadOnlyList<RuleViolation> Violations { get; private set; } = [];

    /// <summary>Violations from the last "İmzaya Gönder" that was refused.</summary>
    public IReadOnlyList<RuleViolation>? SubmitViolations { get; private set; }

    public uint FormVersion { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<string> InvoiceDifferences { get; private set; } = [];

    public bool CanEdit => Order.IsEditable && current.Holds(Role.DataEntryOfficer, UnitId);

    public long MaxFileBytes => support.MaxFileBytes;

    /// <summary>The ÖEB waits for this user's signature (the signing page and the server check again).</summary>
    public bool CanSign => PaymentOrderSigning.AwaitsSignatureOf(Order.Status, current, UnitId);
    public long MaxTotalBytes => support.MaxTotalBytesPerOrder;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync(HttpContext.RequestAborted))
        {
            return NotFound();
        }

        Message = TempData["po.message"] as string;
        Error = TempData[NoScriptUploadCapAttribute.TempDataKey] as string;
        InvoiceDifferences = TempData["po.differences"] is string diff && diff.Length > 0 ? diff.Split('\n') : [];
        return Page();
    }

    [RequireRole(Role.DataEntryOfficer)]
    public async Task<IActionResult> OnPostSubmitAsync(uint formVersion)
    {
        var ct = HttpContext.RequestAborted;
        var order = await support.FindAsync(UnitId, Id, ct);
        if (order is null)
        {
            return NotFound();
        }

        if (!order.IsEditable)
        {
            return await RefuseAsync($"ÖEB '{order.Status.TurkishName()}' durumunda; imzaya gönderilemez.", "not draft", ct);
        }

        support.ExpectRowVersion(order, formVersion);
        var context = await support.RuleContextAsync(order, ct);
        var report = order.SubmitForSignature(new Actor(current.Id, Role.DataEntryOfficer), support.Clock.GetUtcNow(), PaymentOrderRuleSet.Default, context);
        if (!report.IsSatisfied)
        {
            logger.LogInformation("Submit of ÖEB {OrderId} refused: {Codes}", order.Id, string.Join(",", report.Violations.Select(v => v.Code)));
            SubmitViolations = report.Violations;
            db.ChangeTracker.Clear();
            return await RefuseAsync("ÖEB imzaya gönderilemedi; aşağıdaki eksiklikleri giderin.", null, ct);
        }

        db.RecordEvent("PaymentOrderSubmitted", nameof(PaymentOrder), order.Id.ToString(),
            JsonSerializer.Serialize(new { number = order.Number.Value, status = order.Status.ToString(), attachments = order.Attachments.Count, gross = order.GrossAmount.ToString() }));
        if (!await db.TrySaveChangesAsync(logger, ct))
        {
            return await RefuseAsync("Bu ÖEB siz incelerken değiştirildi. Güncel hâlini kontrol edip yeniden gönderin.", "stale", ct);
        }

        logger.LogInformation("ÖEB {OrderId} submitted for signature", order.Id);
        TempData["po.message"] = "ÖEB gerçekleştirme görevlisinin imzasına gönderildi.";
        return RedirectToPage("Details", new { unitId = UnitId, id = order.Id });
    }

    [RequireRole(Role.DataEntryOfficer)]
    public async Task<IActionResult> OnPostRemoveAsync(Guid attachmentId, uint formVersion)
    {
        var ct = HttpContext.RequestAborted;
        var order = await support.FindAsync(UnitId, Id, ct);
        if (order is null)
        {
            return NotFound();
        }

        var attachment = order.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        if (!order.IsEditable || attachment is null)
        {
            db.ChangeTracker.Clear();
            return await RefuseAsync(attachment is null ? "Belge bu ÖEB'de bulunamadı." : $"ÖEB '{order.Status.TurkishName()}' durumunda; belge çıkarılamaz.", "remove refused", ct);
        }

        support.ExpectRowVersion(order, formVersion);
        order.RemoveAttachment(attachmentId);
        db.RecordEvent("PaymentOrderAttachmentRemoved", nameof(PaymentOrder), order.Id.ToString(),
            JsonSerializer.Serialize(new { attachmentId, documentType = attachment.DocumentTypeCode, sha256 = attachment.Sha256, ettn = attachment.StructuredDocumentId }));
        if (!await db.TrySaveChangesAsync(logger, ct))
        {
            return await RefuseAsync("Bu ÖEB siz incelerken değiştirildi; güncel hâlini kontrol edip yeniden deneyin.", "stale", ct);
        }

        logger.LogInformation("Attachment {AttachmentId} removed from ÖEB {OrderId}", attachmentId, order.Id);
        TempData["po.message"] = "Belge ÖEB'den çıkarıldı.";
        return RedirectToPage("Details", new { unitId = UnitId, id = order.Id });
    }

    /// <summary>R9: corrects the invoice no, supplier VKN/TCKN and date of an uploaded e-Arşiv / paper invoice while Draft.</summary>
    [RequireRole(Role.DataEntryOfficer)]
    public async Task<IActionResult> OnPostInvoiceAsync(Guid attachmentId, uint formVersion, string? invoiceNumber, string? supplierTaxId, string? invoiceDate)
    {
        var ct = HttpContext.RequestAborted;
        var order = await support.FindAsync(UnitId, Id, ct);
        if (order is null)
        {
            return NotFound();
        }

        var attachment = order.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        if (!order.IsEditable || attachment is null || !string.Equals(attachment.DocumentTypeCode, DocumentTypeCodes.Invoice, StringComparison.Ordinal))
        {
            db.ChangeTracker.Clear();
            var refusal = attachment is null ? "Belge bu ÖEB'de bulunamadı."
                : !order.IsEditable ? $"ÖEB '{order.Status.TurkishName()}' durumunda; fatura bilgileri değiştirilemez."
                : "Fatura bilgileri yalnızca e-Arşiv veya kâğıt fatura belgesinde değiştirilebilir.";
            return await RefuseAsync(refusal, "invoice edit refused", ct);
        }

        var (details, problems) = ParseInvoiceFields(invoiceNumber, supplierTaxId, invoiceDate);
        if (details is null)
        {
            db.ChangeTracker.Clear();
            return await RefuseAsync(problems, "invoice fields", ct);
        }

        support.ExpectRowVersion(order, formVersion);
        var before = attachment.Invoice;
        order.ChangeInvoiceDetails(attachmentId, details);
        db.RecordEvent("PaymentOrderInvoiceDetailsChanged", nameof(PaymentOrder), order.Id.ToString(), JsonSerializer.Serialize(new
        {
            attachmentId,
            before = before is null ? null : AttachmentsDescription.Line(before),
            after = AttachmentsDescription.Line(details),
        }));
        if (!await db.TrySaveChangesAsync(logger, ct))
        {
            return await RefuseAsync("Bu ÖEB siz incelerken değiştirildi; güncel hâlini kontrol edip yeniden deneyin.", "stale", ct);
        }

        logger.LogInformation("Invoice fields of attachment {AttachmentId} on ÖEB {OrderId} changed", attachmentId, order.Id);
        TempData["po.message"] = "Fatura bilgileri güncellendi.";
        return RedirectToPage("Details", new { unitId = UnitId, id = order.Id });
    }

    /// <summary>
    /// Multipart upload, streamed: the form fields come first, then one file, which goes straight into the
    /// attachment store (size limit, magic bytes, unsafe PDF) without being buffered whole. The antiforgery
    /// token comes in the RequestVerificationToken header so the framework does not read the form itself.
    /// </summary>
    [RequireRole(Role.DataEntryOfficer)]
    public async Task<IActionResult> OnPostUploadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var order = await support.FindAsync(UnitId, Id, ct);
        if (order is null)
        {
            return NotFound();
        }

        if (!order.IsEditable)
        {
            return await UploadRefusedAsync($"ÖEB '{order.Status.TurkishName()}' durumunda; belge eklenemez.", "not draft", ct);
        }

        var limit = support.MaxFileBytes;
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + (1024 * 1024);
        }

        // Without JavaScript the token comes as a form field, so antiforgery has read (and buffered) the form already.
        if (HttpContext.Features.Get<IFormFeature>()?.Form is { } readForm)
        {
            var file = readForm.Files.GetFile("file");
            if (file is null)
            {
                return await UploadRefusedAsync("Dosya seçilmemiş.", "no file", ct);
            }

            var formFields = readForm.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            await using var fileStream = file.OpenReadStream();
            return await StoreAsync(order, formFields, Path.GetFileName(file.FileName), file.ContentType, fileStream, limit, ct);
        }

        var boundary = Request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var media)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return await UploadRefusedAsync("Yükleme isteği geçersiz: dosya seçilmemiş.", "not multipart", ct);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, Request.Body);
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(ct)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (!disposition.IsFileDisposition())
            {
                fields[name] = await ReadFieldAsync(section.Body, ct);
                continue;
            }

            var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "belge");
            return await StoreAsync(order, fields, fileName, section.ContentType, section.Body, limit, ct);
        }

        return await UploadRefusedAsync("Dosya seçilmemiş.", "no file", ct);
    }

    private async Task<IActionResult> StoreAsync(
        PaymentOrder order, Dictionary<string, string> fields, string fileName, string? contentType, Stream body, long limit, CancellationToken ct)
    {
        var catalog = await support.CatalogAsync(ct);
        var typeCode = fields.GetValueOrDefault("documentType")?.Trim();
        var type = catalog.FindDocumentType(typeCode);
        if (type is null)
        {
            return await UploadRefusedAsync("Belge türü seçilmelidir.", "no type", ct);
        }

        if (string.Equals(type.Code, DocumentTypeCodes.EInvoice, StringComparison.Ordinal))
        {
            return await StoreEInvoiceAsync(order, fileName, body, limit, ct);
        }

        InvoiceDetails? invoice = null;
        if (type.IsInvoice)
        {
            var (parsed, problems) = ParseInvoiceFields(fields.GetValueOrDefault("invoiceNumber"), fields.GetValueOrDefault("supplierTaxId"), fields.GetValueOrDefault("invoiceDate"));
            if (parsed is null)
            {
                return await UploadRefusedAsync(problems, "invoice fields", ct);
            }

            invoice = parsed;
        }

        var source = fields.GetValueOrDefault("source") switch
        {
            "electronic" => DocumentSource.ElectronicallyProduced,
            _ => DocumentSource.Scan,
        };
        if (!type.AllowedSources.Contains(source))
        {
            source = type.AllowedSources[0];
        }

        var declared = ContentKinds.FromMediaType(contentType);
        if (declared == ContentKind.Unknown)
        {
            declared = Path.GetExtension(fileName).ToUpperInvariant() switch
            {
                ".PDF" => ContentKind.Pdf,
                ".TIF" or ".TIFF" => ContentKind.Tiff,
                ".JPG" or ".JPEG" => ContentKind.Jpeg,
                ".PNG" => ContentKind.Png,
                _ => ContentKind.Unknown,
            };
        }

        // The per-ÖEB total caps the stream too, so an upload that would exceed it is stopped while streaming.
        var maxTotal = support.MaxTotalBytesPerOrder;
        var remaining = AttachmentQuota.RemainingBytes(order, maxTotal);
        if (remaining == 0)
        {
            var full = AttachmentQuota.Exceeded(AttachmentQuota.TotalBytes(order), maxTotal);
            return await UploadRefusedAsync(full.Message, full.Code, ct);
        }

        var stored = await store.SaveAsync(body, declared, Math.Min(limit, remaining), ct);
        if (!stored.IsSuccess)
        {
            var error = stored.Error!;
            if (remaining < limit && string.Equals(error.Code, "FILE_TOO_LARGE", StringComparison.Ordinal))
            {
                error = AttachmentQuota.Exceeded(AttachmentQuota.TotalBytes(order), maxTotal);
            }

            return await UploadRefusedAsync(error.Message, error.Code, ct);
        }

        var quota = AttachmentQuota.Check(order, stored.Value.Size, maxTotal);
        if (!quota.IsSuccess)
        {
            return await UploadRefusedAsync(quota.Error!.Message, quota.Error.Code, ct);
        }

        // The name as received goes only into the audit event; the attachment (and so everything signed) has the cleaned one.
        fields["originalFileName"] = fileName;
        var created = SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = type.Code,
            Source = source,
            FileName = AttachmentFileName.Clean(fileName),
            SizeBytes = stored.Value.Size,
            Sha256 = stored.Value.Sha256,
            MediaType = stored.Value.Kind.MediaType(),
            Invoice = invoice,
            CarriesSignatures = IsOn(fields, "carriesSignatures"),
            IsCommitmentFile = type.IsCommitmentFile || IsOn(fields, "isCommitmentFile"),
        });
        if (!created.IsSuccess)
        {
            return await UploadRefusedAsync(created.Error!.Message, created.Error.Code, ct);
        }

        return await AttachAsync(order, created.Value, fields, [], ct);
    }

    private async Task<IActionResult> StoreEInvoiceAsync(PaymentOrder order, string fileName, Stream body, long limit, CancellationToken ct)
    {
        // Read (bounded) first, so a malformed or duplicate e-Fatura stores nothing.
        var max = (int)Math.Min(limit, 20L * 1024 * 1024);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return await UploadRefusedAsync("e-Fatura dosyası izin verilen boyutu aşıyor.", "FILE_TOO_LARGE", ct);
            }

            buffer.Write(chunk, 0, read);
        }

        var parsed = new UblTrInvoiceReader(max).Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        if (!parsed.IsSuccess)
        {
            return await UploadRefusedAsync(parsed.Error!.Message, parsed.Error.Code, ct);
        }

        var invoice = parsed.Value;
        var ettn = invoice.Ettn.ToString("D");
        var elsewhere = await db.PaymentOrders.AsNoTracking()
            .Where(o => o.Id != order.Id && o.Status != PaymentOrderStatus.Cancelled && o.Status != PaymentOrderStatus.Returned
                        && EF.Property<List<SupportingDocument>>(o, "_attachments").Any(a => a.StructuredDocumentId == ettn))
            .Select(o => o.Number)
            .FirstOrDefaultAsync(ct);
        if (elsewhere is not null || order.Attachments.Any(a => string.Equals(a.StructuredDocumentId, ettn, StringComparison.OrdinalIgnoreCase)))
        {
            return await UploadRefusedAsync(
                $"Bu e-Fatura (ETTN {ettn}) başka bir etkin ÖEB'ye{(elsewhere is null ? " veya bu ÖEB'ye" : $" ({elsewhere.Value})")} zaten bağlı.", "EINVOICE_DUPLICATE", ct);
        }

        buffer.Position = 0;
        var stored = await store.SaveAsync(buffer, ContentKind.Xml, limit, ct);
        if (!stored.IsSuccess)
        {
            return await UploadRefusedAsync(stored.Error!.Message, stored.Error.Code, ct);
        }

        // The signature is judged on the bytes as received and the verdict is stored with the link (issue 22).
        var signature = EInvoiceSignatureChecker.Check(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), invoice.Supplier.Value);
        var verdict = EInvoiceVerdicts.From(signature, support.Clock.GetUtcNow(), stored.Value.Sha256);
        logger.LogInformation("e-Fatura {Ettn} signature: {Status}", ettn, signature.Status);

        // The e-Fatura is linked by its ETTN (a structured document is not an uploaded file, RS); the XML is kept in the store.
        var created = SupportingDocument.Create(Guid.NewGuid(), new SupportingDocumentSpec
        {
            DocumentTypeCode = DocumentTypeCodes.EInvoice,
            Source = DocumentSource.EFaturaLink,
            StructuredDocumentId = ettn,
            EInvoiceSignature = verdict,
        });
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["signature"] = verdict.Status.ToString(),
            ["signatureMessage"] = verdict.Message,
            ["ettn"] = ettn,
            ["invoiceNumber"] = invoice.InvoiceNumber,
            ["xmlSha256"] = stored.Value.Sha256,
            ["xmlFileName"] = AttachmentFileName.Clean(fileName),
            ["originalFileName"] = fileName,
        };
        order.AddAttachment(created.Value);
        var differences = EInvoiceComparison.Compare(invoice, order)
            .Select(d => $"{d.Message} (ÖEB: {d.PaymentOrderValue ?? "—"}; e-Fatura: {d.InvoiceValue ?? "—"})")
            .ToList();
        return await AttachAsync(order, null, fields, differences, ct);
    }

    private async Task<IActionResult> AttachAsync(PaymentOrder order, SupportingDocument? attachment, Dictionary<string, string> fields, IReadOnlyList<string> differences, CancellationToken ct)
    {
        if (attachment is not null)
        {
            order.AddAttachment(attachment);
        }

        var added = attachment ?? order.Attachments[^1];
        db.RecordEvent("PaymentOrderAttachmentUploaded", nameof(PaymentOrder), order.Id.ToString(), JsonSerializer.Serialize(new
        {
            attachmentId = added.Id,
            documentType = added.DocumentTypeCode,
            source = added.Source.ToString(),
            fileName = added.FileName ?? fields.GetValueOrDefault("xmlFileName"),
            originalFileName = fields.GetValueOrDefault("originalFileName"),
            size = added.SizeBytes,
            sha256 = added.Sha256 ?? fields.GetValueOrDefault("xmlSha256"),
            ettn = added.StructuredDocumentId,
            invoiceNumber = added.Invoice?.InvoiceNumber ?? fields.GetValueOrDefault("invoiceNumber"),
            signature = fields.GetValueOrDefault("signature"),
            signatureMessage = added.EInvoiceSignature?.Message,
            signer = added.EInvoiceSignature?.Signer,
            signerTaxId = added.EInvoiceSignature?.SignerTaxId,
            signerIsSupplier = added.EInvoiceSignature?.SignerIsSupplier,
        }));
        if (!await db.TrySaveChangesAsync(logger, ct))
        {
            return await UploadRefusedAsync("Bu ÖEB siz belge eklerken değiştirildi; sayfayı yenileyip yeniden deneyin.", "stale", ct);
        }

        logger.LogInformation("Attachment {AttachmentId} ({Type}) added to ÖEB {OrderId}", added.Id, added.DocumentTypeCode, order.Id);
        var typeName = (await support.CatalogAsync(ct)).FindDocumentType(added.DocumentTypeCode)?.Name ?? added.DocumentTypeCode;
        var message = $"Belge eklendi: {typeName}." + (fields.GetValueOrDefault("signatureMessage") is { } signatureMessage ? " " + signatureMessage : string.Empty);
        TempData["po.message"] = message;
        TempData["po.differences"] = string.Join('\n', differences);
        if (IsXhr)
        {
            return new JsonResult(new { ok = true, message, differences, redirect = Url.Page("Details", new { unitId = UnitId, id = order.Id }) });
        }

        return RedirectToPage("Details", new { unitId = UnitId, id = order.Id });
    }

    private bool IsXhr => string.Equals(Request.Headers["X-Requested-With"], "XMLHttpRequest", StringComparison.Ordinal);

    private async Task<IActionResult> UploadRefusedAsync(string message, string code, CancellationToken ct)
    {
        logger.LogInformation("Upload to ÖEB {OrderId} refused: {Code}", Id, code);
        if (IsXhr)
        {
            return new JsonResult(new { ok = false, message }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }

        db.ChangeTracker.Clear();
        return await RefuseAsync(message, null, ct);
    }

    private async Task<IActionResult> RefuseAsync(string message, string? logCode, CancellationToken ct)
    {
        if (logCode is not null)
        {
            logger.LogInformation("Action on ÖEB {OrderId} refused: {Code}", Id, logCode);
        }

        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Error = message;
        return Page();
    }

    /// <summary>R9 fields as typed: all three must be present (their checksums and date bounds are rule R9's).</summary>
    private static (InvoiceDetails? Details, string Problems) ParseInvoiceFields(string? numberText, string? supplierText, string? dateText)
    {
        var problems = new List<string>();
        var number = numberText?.Trim();
        var supplier = supplierText?.Trim();
        if (string.IsNullOrEmpty(number))
        {
            problems.Add("Fatura numarası girilmelidir.");
        }

        if (string.IsNullOrEmpty(supplier))
        {
            problems.Add("Faturayı düzenleyenin VKN/TCKN'si girilmelidir.");
        }

        if (!DateOnly.TryParseExact(dateText?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add("Fatura tarihi girilmelidir.");
        }

        return problems.Count > 0 ? (null, string.Join(" ", problems)) : (new InvoiceDetails(number, supplier, date), string.Empty);
    }

    private static bool IsOn(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && (string.Equals(value, "on", StringComparison.Ordinal) || string.Equals(value, "true", StringComparison.Ordinal));

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total), ct)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var order = await db.PaymentOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == Id && o.SpendingUnitId == UnitId, ct);
        if (order is null)
        {
            return false;
        }

        Order = order;
        Catalog = await support.CatalogAsync(ct);
        var context = await support.RuleContextAsync(order, ct);
        Checklist = PaymentOrderRuleSet.Checklist(order, context);
        Violations = PaymentOrderRuleSet.Default.Evaluate(order, context).Violations;
        FormVersion = await db.PaymentOrders.Where(o => o.Id == Id).Select(o => EF.Property<uint>(o, RowVersion.PaymentOrderProperty)).SingleAsync(ct);
        return true;
    }
}
