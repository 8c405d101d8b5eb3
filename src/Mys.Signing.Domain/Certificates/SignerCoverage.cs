using Mys.Signing.Domain.Access;

namespace Mys.Signing.Domain.Certificates;

/// <summary>One holder of a signer role in a unit and the end of their newest valid certificate (null: none valid).</summary>
public sealed record SignerHolder(Guid UserId, Role Role, DateTimeOffset? ValidUntil);

/// <summary>From when a unit has no holder of a signer role with a valid certificate (null: covered beyond the horizon).</summary>
public sealed record CoverageGap(Role Role, DateTimeOffset? UncoveredFrom, bool UncoveredNow);

/// <summary>
/// A signer role must not be left without a valid certificate unnoticed: for each signing role a unit needs, the date
/// from which none of its holders has a valid certificate (the latest expiry among them), or "now" when none has one.
/// </summary>
public static class SignerCoverage
{
    public static IReadOnlyList<CoverageGap> Gaps(IEnumerable<Role> requiredRoles, IEnumerable<SignerHolder> holders, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(requiredRoles);
        var list = holders?.ToList() ?? throw new ArgumentNullException(nameof(holders));
        var result = new List<CoverageGap>();
        foreach (var role in requiredRoles)
        {
            var latest = list.Where(h => h.Role == role && h.ValidUntil > now).Select(h => h.ValidUntil).Max();
            result.Add(latest is null ? new CoverageGap(role, now, true) : new CoverageGap(role, latest, false));
        }

        return result;
    }

    /// <summary>The signing roles held in a spending unit (realization officer, spending authority) or an accounting unit.</summary>
    public static IReadOnlyList<Role> RequiredRoles(bool spendingUnit) =>
        spendingUnit ? [Role.RealizationOfficer, Role.SpendingAuthority] : [Role.AccountingOfficer];
}
