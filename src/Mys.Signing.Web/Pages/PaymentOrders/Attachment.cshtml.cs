using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// One attachment of an ÖEB of the unit, as its signers and its preparer open it before signing: the bytes the signed
/// attachments table binds (once the ÖEB is rendered for signing), else the upload or the HTOB / VİF as it would be
/// signed. A PDF is shown inline, anything else (and a PDF with <c>?download=true</c>) is downloaded; never sniffed.
/// The same roles as the ÖEB page, in the ÖEB's own spending unit only. Opening is logged, not audited (as for the
/// ÖEB preview and the accounting unit's attachment view; only the audit export download is an audit event).
/// </summary>
[RequireRole(Role.DataEntryOfficer, Role.RealizationOfficer, Role.SpendingAuthority)]
public sealed class AttachmentModel(OpenAttachment open, CurrentUser current, ILogger<AttachmentModel> logger) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    [FromRoute]
    public Guid AttachmentId { get; set; }

    public async Task<IActionResult> OnGetAsync(bool download = false)
    {
        var ct = HttpContext.RequestAborted;
        var opened = await open.RunAsync(current.AsActor(), UnitId, Id, AttachmentId, ct);
        if (opened.Value is not { } value)
        {
            if (opened.Refusal == OpenAttachment.ContentMissing)
            {
                logger.LogError("Attachment {AttachmentId} of ÖEB {Id} has no stored content", AttachmentId, Id);
            }
            else
            {
                logger.LogWarning("Attachment {AttachmentId} refused: not an attachment of ÖEB {Id} of unit {UnitId}", AttachmentId, Id, UnitId);
            }

            return NotFound();
        }

        var (file, content) = (value.File, value.Content);
        var inline = file.IsPdf && !download;
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.Name);
        Response.Headers.ContentDisposition = disposition.ToString();
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "no-store";
        logger.LogInformation("User {UserId} opened attachment {AttachmentId} ({Sha256}) of ÖEB {Id} {How}", current.Id, AttachmentId, file.Sha256, Id,
            inline ? "inline" : "as download");
        // Anything but a PDF is an attachment (downloaded, never rendered in this origin); an unknown type goes as opaque bytes.
        return File(content, file.IsPdf ? AttachmentFile.PdfMediaType : DownloadType(file.MediaType));
    }

    private static string DownloadType(string mediaType) => mediaType switch
    {
        "image/png" or "image/jpeg" or "image/tiff" or "application/xml" => mediaType,
        _ => "application/octet-stream",
    };
}
