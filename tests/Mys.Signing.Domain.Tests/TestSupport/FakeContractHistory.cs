using Mys.Signing.Domain.PaymentOrders;

namespace Mys.Signing.Domain.Tests.TestSupport;

/// <summary>A contract history holding one commitment-file carrier per contract number.</summary>
public sealed class FakeContractHistory(params (string Contract, Guid OrderId, int Progress)[] entries) : IContractHistory
{
    public CommitmentFileCarrier? FindCommitmentFileCarrier(Guid spendingUnitId, string contractNumber)
    {
        foreach (var (contract, orderId, progress) in entries)
        {
            if (string.Equals(contract, contractNumber, StringComparison.Ordinal))
            {
                return new CommitmentFileCarrier(orderId, progress);
            }
        }

        return null;
    }
}
