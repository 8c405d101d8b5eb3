using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R5 — the ÖEB is e-signed by the realization officer and by the spending authority, two different persons;
/// data-entry officers never e-sign (their actions are recorded instead).
/// </summary>
public sealed class SignersRule : IPaymentOrderRule
{
    public const string RealizationSignerRole = "R5.REALIZATION_SIGNER_ROLE";
    public const string SpendingAuthoritySignerRole = "R5.SPENDING_AUTHORITY_SIGNER_ROLE";
    public const string SameSigner = "R5.SAME_SIGNER";
    public const string AccountingOfficerSignerRole = "R5.ACCOUNTING_OFFICER_SIGNER_ROLE";

    public string Code => "R5";

    public string Clause => "Kılavuz, Esaslar md. 5";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var realization = order.RealizationSignature;
        var authority = order.SpendingAuthoritySignature;
        if (realization is not null && realization.Role != Role.RealizationOfficer)
        {
            violations.Add(new RuleViolation(RealizationSignerRole, "İlk imza gerçekleştirme görevlisine ait olmalıdır; veri giriş görevlisi imza atamaz.", RulePaths.RealizationSignature));
        }

        if (authority is not null && authority.Role != Role.SpendingAuthority)
        {
            violations.Add(new RuleViolation(SpendingAuthoritySignerRole, "İkinci imza harcama yetkilisine ait olmalıdır.", RulePaths.SpendingAuthoritySignature));
        }

        if (realization is not null && authority is not null && realization.SignerId == authority.SignerId)
        {
            violations.Add(new RuleViolation(SameSigner, "Gerçekleştirme görevlisi ile harcama yetkilisi aynı kişi olamaz.", RulePaths.SpendingAuthoritySignature));
        }

        if (order.AccountingOfficerSignature is { } officer)
        {
            if (officer.Role != Role.AccountingOfficer)
            {
                violations.Add(new RuleViolation(AccountingOfficerSignerRole, "Kabuldeki imza muhasebe yetkilisine ait olmalıdır.", RulePaths.AccountingOfficerSignature));
            }

            if (officer.SignerId == realization?.SignerId || officer.SignerId == authority?.SignerId)
            {
                violations.Add(new RuleViolation(SameSigner, "Muhasebe yetkilisi, ÖEB'yi harcama biriminde imzalayan kişi olamaz.", RulePaths.AccountingOfficerSignature));
            }
        }
    }
}
