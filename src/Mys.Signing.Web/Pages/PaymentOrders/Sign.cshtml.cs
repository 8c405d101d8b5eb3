using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// The signing page for one or many ÖEBs: the summary of exactly what will be signed, and the configuration
/// the script (wwwroot/js/signing.js) needs to find the local agent, list the card's certificates, ask for the
/// PIN and run prepare → agent → complete. The PIN never reaches this server.
/// </summary>
[RequireRole(Role.RealizationOfficer, Role.SpendingAuthority)]
public sealed class SignModel(ReviewOrdersToSign review, CurrentUser current, ILogger<SignModel> logger) : PageModel
{
    /// <summary>More than this many ÖEBs on one page are refused (the list shows 25 a page).</summary>
    public const int MaxOrders = 200;

    [FromRoute]
    public Guid UnitId { get; set; }

    [FromQuery(Name = "id")]
    public List<Guid> Ids { get; set; } = [];

    public IReadOnlyList<OrderToSign> ToSign { get; private set; } = [];

    public IReadOnlyList<OrderToSign> NotSignable { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>Per ÖEB to sign, its attachments: the signer opens each before entering the PIN.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<AttachmentToReview>> Attachments { get; private set; } = new Dictionary<Guid, IReadOnlyList<AttachmentToReview>>();

    /// <summary>The e-Faturas linked to the ÖEBs to sign, with the verdict on their signatures (what the signer vouches for).</summary>
    public IReadOnlyList<EInvoiceToReview> EInvoices { get; private set; } = [];

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

        var reviewed = await review.RunAsync(current.AsActor(), UnitId, ids, ct);
        (ToSign, NotSignable, Attachments, EInvoices) = (reviewed.ToSign, reviewed.NotSignable, reviewed.Attachments, reviewed.EInvoices);
        if (reviewed.NotFound > 0)
        {
            logger.LogInformation("Signing page: {Missing} of {Count} ÖEBs not found in unit {UnitId}", reviewed.NotFound, ids.Count, UnitId);
        }

        if (ToSign.Count == 0)
        {
            Problem = "Seçilen ÖEB'lerin hiçbiri şu anda sizin imzanızı beklemiyor.";
        }

        return Page();
    }
}
