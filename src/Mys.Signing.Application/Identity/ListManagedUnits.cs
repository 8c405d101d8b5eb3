using Mys.Signing.Domain.Access;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Application.Identity;

/// <summary>
/// A system administrator, identity administrator or accounting officer opens the units whose people and roles they
/// manage: every unit for the system administrator, else the units where they hold one of the other two roles.
/// </summary>
public sealed class ListManagedUnits(UnitDirectory units)
{
    public async Task<IReadOnlyList<UnitView>> RunAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var all = await units.AllAsync(ct);
        if (actor.HoldsAnywhere(Role.SystemAdministrator))
        {
            return all;
        }

        var mine = actor.UnitsWhere(Role.IdentityAdministrator).Concat(actor.UnitsWhere(Role.AccountingOfficer)).ToHashSet();
        return all.Where(u => mine.Contains(u.Id)).ToList();
    }
}
