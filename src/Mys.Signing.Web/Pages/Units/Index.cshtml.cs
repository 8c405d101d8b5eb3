using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Units;

/// <summary>The units whose users and roles the current user manages.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer, Scope = UnitScope.AnyUnit)]
public sealed class IndexModel(MysDbContext db, CurrentUser current) : PageModel
{
    public IReadOnlyList<UnitView> Units { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var all = await UnitDirectory.AllAsync(db, HttpContext.RequestAborted);
        if (current.HoldsAnywhere(Role.SystemAdministrator))
        {
            Units = all;
            return;
        }

        var mine = current.UnitsWhere(Role.IdentityAdministrator).Concat(current.UnitsWhere(Role.AccountingOfficer)).ToHashSet();
        Units = all.Where(u => mine.Contains(u.Id)).ToList();
    }
}
