using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>
/// "Yeni Sürüm Başlat" on a returned ÖEB: a new draft with the same content and attachments, without signatures; the
/// returned (signed) version stays as it is, read-only.
/// </summary>
[RequireRole(Role.DataEntryOfficer)]
public sealed class NewVersionModel(MysDbContext db, CurrentUser current, PaymentOrderSupport support, ILogger<NewVersionModel> logger) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var order = await support.FindAsync(UnitId, Id, ct);
        if (order is null)
        {
            return NotFound();
        }

        PaymentOrder next;
        try
        {
            next = order.StartNewVersion(Guid.NewGuid(), new Actor(current.Id, Role.DataEntryOfficer), support.Clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            logger.LogInformation("New version of ÖEB {OrderId} refused: {Message}", Id, ex.Message);
            TempData["po.message"] = ex.Message;
            return RedirectToPage("Details", new { unitId = UnitId, id = Id });
        }

        db.PaymentOrders.Add(next);
        db.RecordEvent("PaymentOrderNewVersionStarted", nameof(PaymentOrder), order.Id.ToString(),
            JsonSerializer.Serialize(new { number = order.Number.Value, returnedVersion = order.Version, newVersion = next.Version, newId = next.Id }));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("ÖEB {OrderId} continued as version {Version} ({NewId})", order.Id, next.Version, next.Id);
        TempData["po.message"] = $"Yeni sürüm ({next.Version}) başlatıldı; düzeltip yeniden imzaya gönderebilirsiniz. İade edilen sürüm değişmeden kalır.";
        return RedirectToPage("Details", new { unitId = UnitId, id = next.Id });
    }
}
