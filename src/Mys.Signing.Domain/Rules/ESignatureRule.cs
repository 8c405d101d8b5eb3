using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R1 — every ÖEB is e-signed whatever the kind of spending; the only exception is the wet-signature path of
/// R11. Checkable: an ÖEB that has been sent carries both e-signatures unless it went wet-signed.
/// </summary>
public sealed class ESignatureRule : IPaymentOrderRule
{
    public const string NotESigned = "R1.NOT_E_SIGNED";

    public string Code => "R1";

    public string Clause => "Kılavuz, Esaslar md. 1";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        if (!order.Status.IsSent() || order.IsWetSigned)
        {
            return;
        }

        if (order.RealizationSignature is null)
        {
            violations.Add(new RuleViolation(NotESigned, "ÖEB gerçekleştirme görevlisince e-imzalanmadan gönderilemez.", RulePaths.RealizationSignature));
        }

        if (order.SpendingAuthoritySignature is null)
        {
            violations.Add(new RuleViolation(NotESigned, "ÖEB harcama yetkilisince e-imzalanmadan gönderilemez.", RulePaths.SpendingAuthoritySignature));
        }
    }
}
