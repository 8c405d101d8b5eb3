using Microsoft.AspNetCore.Mvc.RazorPages;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Units;

/// <summary>The units whose users and roles the current user manages.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Role.AccountingOfficer, Scope = UnitScope.AnyUnit)]
public sealed class IndexModel(ListManagedUnits units, CurrentUser current) : PageModel
{
    public IReadOnlyList<UnitView> Units { get; private set; } = [];

    public async Task OnGetAsync() => Units = await units.RunAsync(current.AsActor(), HttpContext.RequestAborted);
}
