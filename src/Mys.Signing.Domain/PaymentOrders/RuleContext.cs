using Mys.Signing.Domain.Catalog;
using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.PaymentOrders;

/// <summary>Tunable limits of the rules.</summary>
public sealed record RuleOptions
{
    public static RuleOptions Default { get; } = new();

    /// <summary>R9: an invoice may be dated at most this many years before 1 January of the ÖEB's budget year.</summary>
    public int MaxInvoiceAgeYears { get; init; } = 1;
}

/// <summary>A payment order under a contract that carried the commitment file (R4).</summary>
public sealed record CommitmentFileCarrier(Guid PaymentOrderId, int ProgressPaymentNumber);

/// <summary>
/// Port to the history of a contract (R4). The persistence layer answers from ÖEBs that were sent to accounting
/// or accepted (not drafts, returned or cancelled ones).
/// </summary>
public interface IContractHistory
{
    /// <summary>The ÖEB that carried the commitment file of this contract in this spending unit, if any.</summary>
    CommitmentFileCarrier? FindCommitmentFileCarrier(Guid spendingUnitId, string contractNumber);
}

/// <summary>A contract history with no entries (no contract has had a payment yet).</summary>
public sealed class EmptyContractHistory : IContractHistory
{
    public static EmptyContractHistory Instance { get; } = new();

    public CommitmentFileCarrier? FindCommitmentFileCarrier(Guid spendingUnitId, string contractNumber) => null;
}

/// <summary>What the rules need besides the ÖEB: the catalogue, the contract history, the options and today's date.</summary>
public sealed class RuleContext
{
    public RuleContext(DocumentCatalog catalog, IContractHistory contracts, RuleOptions options, DateOnly today)
    {
        Catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        Contracts = contracts ?? throw new ArgumentNullException(nameof(contracts));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Today = today;
    }

    public DocumentCatalog Catalog { get; }

    public IContractHistory Contracts { get; }

    public RuleOptions Options { get; }

    /// <summary>Today's date in Turkey.</summary>
    public DateOnly Today { get; }

    /// <summary>Takes today from the clock, in Turkish time.</summary>
    public static RuleContext Create(DocumentCatalog catalog, IContractHistory contracts, RuleOptions options, TimeProvider clock) =>
        new RuleContext(catalog, contracts, options, TurkeyTime.Today(clock));
}
