using Mys.Signing.Application.PaymentOrders;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.PaymentOrders;

/// <summary>Whose signature an ÖEB waits for, for showing "İmzala" (the signing API decides for real).</summary>
public static class PaymentOrderSigning
{
    public static bool AwaitsSignatureOf(PaymentOrderStatus status, CurrentUser user, Guid unitId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ReviewOrdersToSign.AwaitsSignatureOf(status, user.AsActor(), unitId);
    }
}
