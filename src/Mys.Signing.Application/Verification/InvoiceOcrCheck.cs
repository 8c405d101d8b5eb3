using Mys.Signing.Domain.Invoices.Comparisons;
using Mys.Signing.Domain.Invoices;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Infrastructure.Ocr;

namespace Mys.Signing.Application.Verification;

/// <summary>
/// What OCR read from a scanned invoice against the typed R9 fields (advisory: shown, never a problem). No result yet is
/// "pending", a failed read says why; only a read image is compared.
/// </summary>
internal static class InvoiceOcrCheck
{
    public static InvoiceOcrLine Line(InvoiceDetails typed, InvoiceOcrResult? result) => result switch
    {
        null => new InvoiceOcrLine(InvoiceOcrLine.Pending, null, [], null, null),
        { Status: InvoiceOcrStatus.Read } => new InvoiceOcrLine(InvoiceOcrLine.Read, null, InvoiceOcrComparison.Compare(typed, InvoiceTextParser.Parse(result.Text)),
            result.Engine, result.AttemptedAt),
        _ => new InvoiceOcrLine(InvoiceOcrLine.Failed, result.Error ?? "bilinmeyen hata", [], result.Engine, result.AttemptedAt),
    };
}
