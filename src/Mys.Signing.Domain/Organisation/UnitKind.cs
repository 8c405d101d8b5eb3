namespace Mys.Signing.Domain.Organisation;

/// <summary>Which kind of unit a role is held in.</summary>
public enum UnitKind
{
    /// <summary>Harcama birimi.</summary>
    SpendingUnit = 1,

    /// <summary>Muhasebe birimi.</summary>
    AccountingUnit = 2,
}
