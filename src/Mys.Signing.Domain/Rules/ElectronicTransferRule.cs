using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R2 — the ÖEB and its documents go to the accounting unit through the system and no paper follows.
/// Checkable: every unstructured attachment is present as a file (name, size, SHA-256) in the system;
/// structured ones are linked (checked by R6).
/// </summary>
public sealed class ElectronicTransferRule : IPaymentOrderRule
{
    public const string FileMissing = "R2.FILE_MISSING";

    public string Code => "R2";

    public string Clause => "Kılavuz, Esaslar md. 2 ve 3 (kâğıt çıktı gönderilmez)";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var attachments = order.Attachments;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            if (!attachment.Source.IsLinked() && !attachment.HasFile)
            {
                violations.Add(new RuleViolation(
                    FileMissing, "Belge sisteme dosya olarak (ad, boyut ve SHA-256 özeti ile) eklenmelidir; kâğıt olarak gönderilemez.", RulePaths.Attachment(i, "file")));
            }
        }
    }
}
