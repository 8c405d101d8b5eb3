using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Rules;

/// <summary>
/// RS — a document whose structured format is defined (HTOB, VİF, e-Fatura) is handled only in that format:
/// no scanned e-Fatura, no uploaded PDF standing in for an HTOB. HTOB and VİF come only as system-produced
/// documents; an e-Fatura only as a link by ETTN.
/// </summary>
public sealed class StructuredFormatRule : IPaymentOrderRule
{
    public const string UnstructuredForm = "RS.UNSTRUCTURED_FORM";
    public const string WrongSource = "RS.WRONG_SOURCE";

    public string Code => "RS";

    public string Clause => "BKMYBS Yönetmeliği (RG 26.06.2018/30460) md. 24/1-b, son cümle; Kılavuz giriş bölümü";

    public void Evaluate(PaymentOrder order, RuleContext context, List<RuleViolation> violations)
    {
        var attachments = order.Attachments;
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            var type = context.Catalog.FindDocumentType(attachment.DocumentTypeCode);
            if (type is null || !type.IsStructured)
            {
                continue;
            }

            if (!attachment.Source.IsLinked())
            {
                violations.Add(new RuleViolation(
                    UnstructuredForm,
                    $"{type.Name} yapısal formatı tanımlı bir belgedir; taranmış veya yüklenmiş dosya olarak eklenemez, sistem üzerinden ilişkilendirilmelidir.",
                    RulePaths.Attachment(i, "source")));
            }
            else if (!type.Allows(attachment.Source))
            {
                violations.Add(new RuleViolation(
                    WrongSource,
                    $"{type.Name} bu yolla ilişkilendirilemez (HTOB ve VİF yalnızca sistemde üretilir, e-Fatura ETTN ile bağlanır).",
                    RulePaths.Attachment(i, "source")));
            }
        }
    }
}
