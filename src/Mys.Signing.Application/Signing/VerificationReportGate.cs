using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Application.Signing;

/// <summary>
/// The accounting officer signs only an ÖEB whose verification report holds (live revocation data): checked at prepare,
/// before the PIN is asked for, and again at complete before anything is appended (things may change in between). On
/// the request's DbContext; a refusal leaves the ÖEB as it was.
/// </summary>
public sealed class VerificationReportGate(IAccountingAcceptance acceptance, ILogger<VerificationReportGate> logger)
{
    public async Task<(string Code, string Message)?> RefusalAsync(PaymentOrder order, SignedPaymentOrderDocument document, string phase, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(order);
        var problems = await acceptance.ReportProblemsAsync(order, document, ct);
        if (problems.Count == 0)
        {
            return null;
        }

        logger.LogWarning("ÖEB {OrderId} not signed by the accounting officer ({Phase}): verification report not green: {Problems}", order.Id, phase, problems);
        return ("REPORT_NOT_GREEN", "Doğrulama raporu olumlu değil; ÖEB imzalanıp kayda alınamaz (iade edebilirsiniz): " + string.Join(" ", problems));
    }
}
