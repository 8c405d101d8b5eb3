using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.PaymentOrders;
using Mys.Signing.Domain.Rules;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Infrastructure.PaymentOrders;

/// <summary>
/// R4's contract history over the stored ÖEBs: the ÖEB sent to accounting or accepted that carried the contract's
/// commitment file. The port is synchronous, so <see cref="PreloadAsync"/> answers one contract ahead of the rules
/// (the pages use it); <see cref="FindCommitmentFileCarrier"/> queries directly.
/// </summary>
public sealed class StoredContractHistory(MysDbContext db) : IContractHistory
{
    public CommitmentFileCarrier? FindCommitmentFileCarrier(Guid spendingUnitId, string contractNumber) =>
        FindAsync(db, spendingUnitId, contractNumber, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>A history that knows the answer for the order's contract (or nothing, without a contract).</summary>
    public static async Task<IContractHistory> PreloadAsync(MysDbContext db, PaymentOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Contract is null)
        {
            return EmptyContractHistory.Instance;
        }

        var carrier = await FindAsync(db, order.SpendingUnitId, order.Contract.ContractNumber, cancellationToken);
        return new Preloaded(order.SpendingUnitId, order.Contract.ContractNumber, carrier);
    }

    public static async Task<CommitmentFileCarrier?> FindAsync(MysDbContext db, Guid spendingUnitId, string contractNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await db.PaymentOrders.AsNoTracking()
            .Where(o => o.SpendingUnitId == spendingUnitId
                        && o.Contract != null && o.Contract.ContractNumber == contractNumber
                        && (o.Status == PaymentOrderStatus.SentToAccounting || o.Status == PaymentOrderStatus.Accepted)
                        && EF.Property<List<SupportingDocument>>(o, "_attachments")
                            .Any(a => a.IsCommitmentFile || a.DocumentTypeCode == DocumentTypeCodes.CommitmentFile))
            .OrderBy(o => o.Contract!.ProgressPaymentNumber)
            .ThenBy(o => o.SentAt)
            .Select(o => new { o.Id, o.Contract!.ProgressPaymentNumber })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new CommitmentFileCarrier(found.Id, found.ProgressPaymentNumber);
    }

    private sealed class Preloaded(Guid spendingUnitId, string contractNumber, CommitmentFileCarrier? carrier) : IContractHistory
    {
        public CommitmentFileCarrier? FindCommitmentFileCarrier(Guid unitId, string number) =>
            unitId == spendingUnitId && string.Equals(number, contractNumber, StringComparison.Ordinal) ? carrier : null;
    }
}
