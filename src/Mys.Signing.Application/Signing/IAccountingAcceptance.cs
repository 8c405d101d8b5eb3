using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Application.Signing;

/// <summary>
/// What the accounting officer's step (sign and accept at once) needs of the acceptance: the verification report's
/// verdict, the B-LT upgrade of the signed revision and the acceptance's audit event. The acceptance use case
/// (accounting) provides it; signing only calls it.
/// </summary>
public interface IAccountingAcceptance
{
    /// <summary>Every reason the verification report of the stored document is not green (empty: it holds); on the request's DbContext.</summary>
    Task<IReadOnlyList<string>> ReportProblemsAsync(PaymentOrder order, SignedPaymentOrderDocument document, CancellationToken ct);

    /// <summary>Raises a signed revision to B-LT and stores it; touches no DbContext. Error: a Turkish reason, nothing stored.</summary>
    Task<(string? Sha256, string? Error)> StoreLongTermAsync(byte[] pdf, CancellationToken ct);

    /// <summary>Records the PaymentOrderAccepted audit event with the next save; <paramref name="signature"/> describes the officer's e-signature.</summary>
    void RecordAccepted(PaymentOrder order, string previousSha256, string? longTermSha256, object signature);
}
