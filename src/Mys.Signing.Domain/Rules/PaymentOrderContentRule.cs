using Mys.Signing.Domain.Amounts;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// PO — the ÖEB form itself is complete and consistent: budget classification, accounting lines with debits
/// equal to credits, a positive gross and net amount, a payee, and a document date not in the future.
/// </summary>
public sealed class PaymentOrderContentRule : IPaymentOrderRule
{
    public const string ClassificationMissing = "PO.CLASSIFICATION_MISSING";
    public const string LinesMissing = "PO.LINES_MISSING";
    public const string LinesUnbalanced = "PO.LINES_UNBALANCED";
    public const string GrossNotPositive = "PO.GROSS_NOT_POSITIVE";
    public const string NetNotPositive = "PO.NET_NOT_POSITIVE";
    public const string PayeeMissing = "PO.PAYEE_MISSING";
    public const string DocumentDateFuture = "PO.DOCUMENT_DATE_FUTURE";

    public string Code => "PO";

    public string Clause => "Merkezi Yönetim Muhasebe Yönetmeliği, Ödeme Emri Belgesi (form içeriği); 5018 sayılı Kanun md. 33";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        if (order.Classification is null)
        {
            violations.Add(new RuleViolation(ClassificationMissing, "Bütçe sınıflandırması (tertip) girilmelidir.", RulePaths.Classification));
        }

        var lines = order.Lines;
        if (lines.Count == 0)
        {
            violations.Add(new RuleViolation(LinesMissing, "En az bir borç ve bir alacak muhasebe satırı girilmelidir.", RulePaths.Lines));
        }
        else
        {
            var debit = Money.Zero;
            var credit = Money.Zero;
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Side == AccountSide.Debit)
                {
                    debit += lines[i].Amount;
                }
                else
                {
                    credit += lines[i].Amount;
                }
            }

            if (debit != credit)
            {
                violations.Add(new RuleViolation(LinesUnbalanced, $"Borç toplamı ({debit.ToTurkishString()}) alacak toplamına ({credit.ToTurkishString()}) eşit olmalıdır.", RulePaths.Lines));
            }
        }

        if (!order.GrossAmount.IsPositive)
        {
            violations.Add(new RuleViolation(GrossNotPositive, "Brüt tutar sıfırdan büyük olmalıdır.", RulePaths.GrossAmount));
        }
        else if (!order.NetPayable.IsPositive)
        {
            violations.Add(new RuleViolation(NetNotPositive, "Ödenecek net tutar (brüt tutar − kesintiler) sıfırdan büyük olmalıdır.", RulePaths.NetPayable));
        }

        if (order.Payee is null)
        {
            violations.Add(new RuleViolation(PayeeMissing, "Hak sahibi bilgileri girilmelidir.", RulePaths.Payee));
        }

        if (order.DocumentDate > context.Today)
        {
            violations.Add(new RuleViolation(DocumentDateFuture, "Belge tarihi bugünden sonra olamaz.", RulePaths.DocumentDate));
        }
    }
}
