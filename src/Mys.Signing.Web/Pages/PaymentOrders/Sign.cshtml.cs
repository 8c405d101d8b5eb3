using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// The signing page for one or many ÖEBs: the summary of exactly what will be signed, and the configuration
/// the script (wwwroot/js/signing.js) needs to find the local agent, list the card's certificates, ask for the
/// PIN and run prepare → agent → complete. The PIN never reaches this server.
/// </summary>
[RequireRole(Role.RealizationOfficer, Role.SpendingAuthority)]
public sealed class SignModel(MysDbContext db, CurrentUser current, PaymentOrderSupport support, ILogger<SignModel> logger) : PageModel
{
    /// <summary>More than this many ÖEBs on one page are refused (the list shows 25 a page).</summary>
    public const int MaxOrders = 200;

    [FromRoute]
    public Guid UnitId { get; set; }

    [FromQuery(Name = "id")]
    public List<Guid> Ids { get; set; } = [];

    public IReadOnlyList<SignRow> ToSign { get; private set; } = [];

    public IReadOnlyList<SignRow> NotSignable { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>Per ÖEB to sign, its attachments: the signer opens each before entering the PIN.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<AttachmentLink>> Attachments { get; private set; } = new Dictionary<Guid, IReadOnlyList<AttachmentLink>>();
    /// <summary>The e-Faturas linked to the ÖEBs to sign, with the verdict on their signatures (what the signer vouches for).</summary>
    public IReadOnlyList<EInvoiceRow> EInvoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var ids = Ids.Distinct().ToList();
        if (ids.Count == 0)
        {
            Problem = "İmzalanacak ÖEB seçilmedi. Listeden imzalamak istediğiniz belgeleri seçin.";
            return Page();
        }

        if (ids.Count > MaxOrders)
        {
            logger.LogInformation("Signing page refused {Count} ÖEBs in unit {UnitId}", ids.Count, UnitId);
            Problem = $"Bir seferde en çok {MaxOrders} ÖEB imzalanabilir; daha az belge seçin.";
            return Page();
        }

        var orders = await db.PaymentOrders.AsNoTracking()
            .Where(o => o.SpendingUnitId == UnitId && ids.Contains(o.Id))
            .ToListAsync(ct);
        var rows = orders
            .OrderBy(o => ids.IndexOf(o.Id))
            .Select(o => new SignRow(o.Id, o.Number.Value, o.Version, o.Payee?.Name ?? "—", o.NetPayable.ToTurkishString(), o.Status, WhyNot(o)))
            .ToList();
        ToSign = rows.Where(r => r.WhyNot is null).ToList();
        var catalog = await support.CatalogAsync(ct);
        Attachments = orders.Where(o => ToSign.Any(r => r.Id == o.Id)).ToDictionary(o => o.Id, o => (IReadOnlyList<AttachmentLink>)o.Attachments
            .Select(a => new AttachmentLink(a.Id, catalog.FindDocumentType(a.DocumentTypeCode)?.Name ?? a.DocumentTypeCode,
                a.FileName is { } name ? AttachmentFileName.Clean(name) : a.Source.TurkishName(),
                a.Source == DocumentSource.SystemProduced || a.MediaType == AttachmentFile.PdfMediaType))
            .ToList());
        EInvoices = orders.Where(o => ToSign.Any(r => r.Id == o.Id))
            .OrderBy(o => ids.IndexOf(o.Id))
            .SelectMany(o => o.Attachments
                .Where(a => string.Equals(a.DocumentTypeCode, DocumentTypeCodes.EInvoice, StringComparison.Ordinal))
                .Select(a => new EInvoiceRow(o.Number.Value, a.StructuredDocumentId, a.EInvoiceSignature)))
            .ToList();
        NotSignable = rows.Where(r => r.WhyNot is not null).ToList();
        if (rows.Count < ids.Count)
        {
            logger.LogInformation("Signing page: {Missing} of {Count} ÖEBs not found in unit {UnitId}", ids.Count - rows.Count, ids.Count, UnitId);
        }

        if (ToSign.Count == 0)
        {
            Problem = "Seçilen ÖEB'lerin hiçbiri şu anda sizin imzanızı beklemiyor.";
        }

        return Page();
    }

    private string? WhyNot(PaymentOrder order) => PaymentOrderSigning.AwaitsSignatureOf(order.Status, current, UnitId)
        ? null
        : $"Durumu \"{order.Status.TurkishName()}\"; sizin imzanızı beklemiyor.";

    /// <summary>An attachment as the signing page links it (<see cref="AttachmentModel"/>).</summary>
    public sealed record AttachmentLink(Guid Id, string TypeName, string Name, bool Viewable);
    public sealed record EInvoiceRow(string OrderNumber, string? Ettn, EInvoiceSignatureVerdict? Verdict);

    public sealed record SignRow(Guid Id, string Number, int Version, string PayeeName, string NetAmountText, PaymentOrderStatus Status, string? WhyNot);
}
