using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Home;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages;

/// <summary>The start page: per role and unit, the work waiting for the person, each count a link to that work.</summary>
[AuthenticatedOnly]
public sealed class IndexModel(ShowStartPage startPage, CurrentUser current) : PageModel
{
    private static readonly CultureInfo Turkish = CultureInfo.GetCultureInfo("tr-TR");

    public IReadOnlyList<WaitingWork> Work { get; private set; } = [];

    public async Task OnGetAsync() => Work = await startPage.RunAsync(current.AsActor(), HttpContext.RequestAborted);

    /// <summary>"İmzanızı bekleyen 3 ÖEB" and the like.</summary>
    public static string Text(WaitingWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var n = work.Count.ToString("N0", Turkish);
        return work.Kind switch
        {
            WorkKind.AwaitingMySignature => $"İmzanızı bekleyen {n} ÖEB",
            WorkKind.Returned => $"İade edilen {n} ÖEB",
            WorkKind.Draft => $"Taslak {n} ÖEB",
            WorkKind.Inbox => $"Gelen {n} ÖEB",
            WorkKind.CertificatesNeedingAttention => $"Sertifikası dolmuş, dolmak üzere ya da görülmemiş {n} imzacı",
            WorkKind.UsersWithoutRole => $"Rolü olmayan {n} kullanıcı",
            WorkKind.Units => $"{n} birim (harcama ve muhasebe birimleri, kullanıcıları ve rolleri)",
            WorkKind.UsersWithoutAnyRole => $"Hiçbir birimde rolü olmayan {n} etkin kullanıcı",
            _ => throw new ArgumentOutOfRangeException(nameof(work), work.Kind, null),
        };
    }

    /// <summary>Where the work is done: the list filtered to it.</summary>
    public static string Link(WaitingWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var unit = work.UnitId.ToString("D");
        return work.Kind switch
        {
            WorkKind.AwaitingMySignature => $"/Units/{unit}/PaymentOrders?durum=" + (work.Role == Role.RealizationOfficer
                ? PaymentOrderStatus.AwaitingRealizationSignature
                : PaymentOrderStatus.AwaitingSpendingAuthoritySignature),
            WorkKind.Returned => $"/Units/{unit}/PaymentOrders?durum={PaymentOrderStatus.Returned}",
            WorkKind.Draft => $"/Units/{unit}/PaymentOrders?durum={PaymentOrderStatus.Draft}",
            WorkKind.Inbox => $"/Units/{unit}/Inbox?durum={PaymentOrderStatus.SentToAccounting}",
            WorkKind.CertificatesNeedingAttention => work.UnitId == Guid.Empty ? "/Units" : $"/Units/{unit}/Certificates",
            WorkKind.UsersWithoutRole => $"/Units/{unit}/Users",
            WorkKind.Units or WorkKind.UsersWithoutAnyRole => "/Units",
            _ => throw new ArgumentOutOfRangeException(nameof(work), work.Kind, null),
        };
    }
}
