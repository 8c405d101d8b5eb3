using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>"Yeni Sürüm Başlat" on a returned ÖEB (<see cref="StartNewVersion"/>).</summary>
[RequireRole(Role.DataEntryOfficer)]
public sealed class NewVersionModel(CurrentUser current, StartNewVersion startNewVersion) : PageModel
{
    [FromRoute]
    public Guid UnitId { get; set; }

    [FromRoute]
    public Guid Id { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await startNewVersion.RunAsync(current.AsActor(), UnitId, Id, HttpContext.RequestAborted);
        if (outcome.Value is not { } next)
        {
            var refusal = outcome.Refusal!;
            if (refusal == DataEntryOrders.OrderNotFound || refusal.Kind == RefusalKind.Forbidden)
            {
                return refusal.Kind == RefusalKind.Forbidden ? new StatusCodeResult(StatusCodes.Status403Forbidden) : NotFound();
            }

            TempData["po.message"] = refusal.Message;
            return RedirectToPage("Details", new { unitId = UnitId, id = Id });
        }

        TempData["po.message"] = $"Yeni sürüm ({next.Version}) başlatıldı; düzeltip yeniden imzaya gönderebilirsiniz. İade edilen sürüm değişmeden kalır.";
        return RedirectToPage("Details", new { unitId = UnitId, id = next.Id });
    }
}
