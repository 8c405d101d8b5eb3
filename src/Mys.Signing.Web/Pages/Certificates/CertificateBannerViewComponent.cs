using Microsoft.AspNetCore.Mvc;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Certificates;
using Mys.Signing.Infrastructure.Certificates;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Certificates;

/// <summary>The expiry banner in the layout, for signers whose certificate expires within 60 days or has expired.</summary>
public sealed class CertificateBannerViewComponent(CurrentUser current, SignerCertificateStatusService statuses) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        // Not on the error page: the error may be that the database is gone, and the page must still render.
        if (!current.IsAuthenticated || !current.Assignments.Any(a => a.Role.Signs())
            || HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            return Content(string.Empty);
        }

        var status = await statuses.GetAsync(current.Id, HttpContext.RequestAborted);
        return status.NeedsAttention ? View("/Pages/Certificates/_CertificateBanner.cshtml", Banner.For(status)) : Content(string.Empty);
    }
}

/// <summary>What the banner says for a status.</summary>
public sealed record Banner(string CssClass, string Text)
{
    public static Banner For(SignerCertificateStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var until = status.Newest is null ? string.Empty : Display.Date(status.Newest.NotAfter);
        return status.Level switch
        {
            CertificateExpiryLevel.Expired => new("alert error certificate-banner expired",
                $"E-imza sertifikanızın süresi {until} tarihinde doldu: yeni sertifikanız gelene kadar imza atamazsınız. Yenileme başvurusunu e-Devlet üzerinden e-onay ile yapabilirsiniz."),
            CertificateExpiryLevel.Urgent => new("alert urgent certificate-banner",
                $"ACİL: E-imza sertifikanızın süresi {until} tarihinde doluyor ({status.DaysLeft} gün kaldı). Yenileme başvurusunu hemen yapın."),
            _ => new("alert warning certificate-banner",
                $"E-imza sertifikanızın süresi {until} tarihinde doluyor ({status.DaysLeft} gün kaldı). Yenileme başvurusunu en az bir ay önceden yapın."),
        };
    }
}
