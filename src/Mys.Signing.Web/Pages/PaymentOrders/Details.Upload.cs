using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// "Belge Ekle": the multipart request read as it streams (the form fields come first, then one file) and handed to
/// <see cref="UploadAttachments"/>; an XMLHttpRequest gets JSON, a plain form post the page.
/// </summary>
public sealed partial class DetailsModel
{
    private const int MaxFieldBytes = 4096;

    // The multipart reader hands the file over at most one buffer per read (default 4 KB: 262,144 reads and boundary
    // scans per GiB); 256 KB makes that 4,096 reads, for one pooled buffer per upload.
    private const int MultipartBufferBytes = 256 * 1024;

    private bool IsXhr => string.Equals(Request.Headers["X-Requested-With"], "XMLHttpRequest", StringComparison.Ordinal);

    /// <summary>
    /// Multipart upload, streamed: the file goes straight into the attachment store without being buffered whole. The
    /// antiforgery token comes in the RequestVerificationToken header so the framework does not read the form itself.
    /// </summary>
    [RequireRole(Role.DataEntryOfficer)]
    public async Task<IActionResult> OnPostUploadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var opened = await _upload.OpenAsync(_current.AsActor(), UnitId, Id, ct);
        if (opened.Value is not { } order)
        {
            return await UploadRefusedAsync(opened.Refusal!, ct);
        }

        Outcome<AddedAttachment> outcome;

        // Without JavaScript the token comes as a form field, so antiforgery has read (and buffered) the form already.
        if (HttpContext.Features.Get<IFormFeature>()?.Form is { } readForm)
        {
            var file = readForm.Files.GetFile("file");
            if (file is null)
            {
                return await UploadRefusedAsync(NoFile, ct);
            }

            var formFields = readForm.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            await using var fileStream = file.OpenReadStream();
            outcome = await _upload.AddAsync(order, new UploadedFile(formFields, Path.GetFileName(file.FileName), file.ContentType, fileStream), ct);
        }
        else
        {
            var boundary = Request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var media)
                ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
                : null;
            if (string.IsNullOrEmpty(boundary))
            {
                return await UploadRefusedAsync(new Refusal(RefusalKind.Invalid, "not multipart", "Yükleme isteği geçersiz: dosya seçilmemiş."), ct);
            }

            outcome = await StreamAsync(order, new MultipartReader(boundary, Request.Body, MultipartBufferBytes), ct);
        }

        return outcome.Value is { } added ? Added(added) : await UploadRefusedAsync(outcome.Refusal!, ct);
    }

    private static Refusal NoFile => new(RefusalKind.Invalid, "no file", "Dosya seçilmemiş.");

    /// <summary>Reads the form fields up to the first file, then hands the file over as it streams.</summary>
    private async Task<Outcome<AddedAttachment>> StreamAsync(Domain.PaymentOrders.PaymentOrder order, MultipartReader reader, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
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
            return await _upload.AddAsync(order, new UploadedFile(fields, fileName, section.ContentType, section.Body), ct);
        }

        return NoFile;
    }

    private IActionResult Added(AddedAttachment added)
    {
        // A verified e-Fatura signature is good news; anything else (no XAdES, not checkable, altered) is a warning.
        var verified = added.Attachment.EInvoiceSignature is { IsVerified: true };
        var message = $"Belge eklendi: {added.TypeName}." + (verified && added.SignatureMessage is { } good ? " " + good : string.Empty);
        TempData[WarningKey] = verified ? null : added.SignatureMessage;
        TempData["po.differences"] = string.Join('\n', added.Differences);
        if (IsXhr)
        {
            TempData[MessageKey] = message;
            return new JsonResult(new { ok = true, message, differences = added.Differences, redirect = Url.Page("Details", new { unitId = UnitId, id = Id }) });
        }

        return Done(message);
    }

    private async Task<IActionResult> UploadRefusedAsync(Refusal refusal, CancellationToken ct)
    {
        if (refusal == DataEntryOrders.OrderNotFound || refusal.Kind == RefusalKind.Forbidden)
        {
            return Refused(refusal);
        }

        _logger.LogInformation("Upload to ÖEB {OrderId} refused: {Code}", Id, refusal.Code);
        if (IsXhr)
        {
            return new JsonResult(new { ok = false, message = refusal.Message }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }

        return await ShowErrorAsync(refusal.Message, ct);
    }

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
}
