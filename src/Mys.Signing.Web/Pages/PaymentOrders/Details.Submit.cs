using Microsoft.AspNetCore.Mvc;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>"İmzaya Gönder": the draft goes to the realization officer, or the page lists what keeps it a draft.</summary>
public sealed partial class DetailsModel
{
    [RequireRole(Role.DataEntryOfficer)]
    public async Task<IActionResult> OnPostSubmitAsync(uint formVersion)
    {
        var ct = HttpContext.RequestAborted;
        var outcome = await _submit.RunAsync(_current.AsActor(), UnitId, Id, formVersion, ct);
        if (outcome.Value is not { } submission)
        {
            return await RefuseAsync(outcome.Refusal!, ct);
        }

        if (!submission.Submitted)
        {
            SubmitViolations = submission.Violations;
            return await ShowErrorAsync("ÖEB imzaya gönderilemedi; aşağıdaki eksiklikleri giderin.", ct);
        }

        return Done("ÖEB gerçekleştirme görevlisinin imzasına gönderildi.");
    }
}
