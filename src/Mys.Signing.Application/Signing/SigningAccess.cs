using Mys.Signing.Application.Access;
using Actor = Mys.Signing.Application.Access.Actor;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Application.Signing;

/// <summary>Who may use the signing API at all, and which ÖEBs a signer reaches.</summary>
public static class SigningAccess
{
    /// <summary>True when the user holds a signing role somewhere (otherwise the API answers 403).</summary>
    public static bool MaySign(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return SignerStep.SigningRoles.Any(actor.HoldsAnywhere);
    }

    /// <summary>
    /// The spending unit's signers reach their unit's ÖEBs; the accounting officer only those sent to the accounting unit
    /// (as the inbox shows them). Anything else is refused as a whole without revealing that the ÖEB exists.
    /// </summary>
    public static bool MayReach(Actor actor, PaymentOrder order)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(order);
        return actor.Holds(Domain.Access.Role.RealizationOfficer, order.SpendingUnitId) || actor.Holds(Domain.Access.Role.SpendingAuthority, order.SpendingUnitId)
            || (order.SentAt is not null && actor.Holds(Domain.Access.Role.AccountingOfficer, order.AccountingUnitId));
    }

    public static Refusal Forbidden() =>
        new(RefusalKind.Forbidden, "FORBIDDEN", "Seçilen ÖEB'lerden en az birini imzalama yetkiniz yok (rolünüz bu ÖEB'nin harcama veya muhasebe biriminde değil).");
}
