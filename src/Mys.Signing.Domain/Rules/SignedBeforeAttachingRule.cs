using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// R7 — unstructured documents that must bear signatures are signed (electronically or by hand) before they
/// are attached; the attachment must be marked as carrying its signatures.
/// </summary>
public sealed class SignedBeforeAttachingRule : IPaymentOrderRule
{
    public const string NotSigned = "R7.NOT_SIGNED";

    public string Code => "R7";

    public string Clause => "Kılavuz, Esaslar md. 7";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var attachments = order.Attachments;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            if (attachment.CarriesSignatures)
            {
                continue;
            }

            var type = context.Catalog.FindDocumentType(attachment.DocumentTypeCode);
            if (type is { IsStructured: false, MustBeSignedBeforeAttaching: true })
            {
                violations.Add(new RuleViolation(NotSigned, $"{type.Name} imzalandıktan sonra eklenmelidir (e-imza veya ıslak imza).", RulePaths.Attachment(i, "carriesSignatures")));
            }
        }
    }
}
