using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R11 — where e-signature cannot be used, the ÖEB may go with wet signatures with the Ministry's approval:
/// the approval's date (not in the future) and number and a reason are required, and only a spending
/// authority may choose this path.
/// </summary>
public sealed class WetSignatureRule : IPaymentOrderRule
{
    public const string ApprovalDateMissing = "R11.APPROVAL_DATE_MISSING";
    public const string ApprovalDateFuture = "R11.APPROVAL_DATE_FUTURE";
    public const string ApprovalNumberMissing = "R11.APPROVAL_NUMBER_MISSING";
    public const string ReasonMissing = "R11.REASON_MISSING";
    public const string NotSpendingAuthority = "R11.NOT_SPENDING_AUTHORITY";
    public const string ApprovalMissing = "R11.APPROVAL_MISSING";

    public string Code => "R11";

    public string Clause => "Kılavuz, Esaslar md. 11";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var approval = order.WetSignature;
        if (approval is null)
        {
            if (order.IsWetSigned)
            {
                violations.Add(new RuleViolation(ApprovalMissing, "Islak imzalı gönderim için Bakanlık onayı bilgileri girilmelidir.", RulePaths.WetApprovalNumber));
            }

            return;
        }

        if (approval.ChosenByRole != Role.SpendingAuthority)
        {
            violations.Add(new RuleViolation(NotSpendingAuthority, "Islak imzalı gönderimi yalnızca harcama yetkilisi seçebilir.", RulePaths.WetChosenBy));
        }

        if (approval.ApprovalDate is null)
        {
            violations.Add(new RuleViolation(ApprovalDateMissing, "Bakanlık onayının tarihi girilmelidir.", RulePaths.WetApprovalDate));
        }
        else if (approval.ApprovalDate.Value > context.Today)
        {
            violations.Add(new RuleViolation(ApprovalDateFuture, "Bakanlık onayının tarihi bugünden sonra olamaz.", RulePaths.WetApprovalDate));
        }

        if (string.IsNullOrWhiteSpace(approval.ApprovalNumber))
        {
            violations.Add(new RuleViolation(ApprovalNumberMissing, "Bakanlık onayının sayısı girilmelidir.", RulePaths.WetApprovalNumber));
        }

        if (string.IsNullOrWhiteSpace(approval.Reason))
        {
            violations.Add(new RuleViolation(ReasonMissing, "e-İmzanın kullanılamama gerekçesi yazılmalıdır.", RulePaths.WetReason));
        }
    }
}
