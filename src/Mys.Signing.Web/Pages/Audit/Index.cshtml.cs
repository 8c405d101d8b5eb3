using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Domain.Access;
using Mys.Signing.Domain.Common;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Pages.Audit;

/// <summary>The audit trail, filtered by user, entity and date. Identity administrators see what was done in their units.</summary>
[RequireRole(Role.SystemAdministrator, Role.IdentityAdministrator, Scope = UnitScope.AnyUnit)]
public sealed class IndexModel(MysDbContext db, CurrentUser current) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "User")]
    public string? UserFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool HasNext { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Problems = ListFilterBounds.Check(From, To, PageNumber);
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var query = db.AuditEntries.AsNoTracking();
        if (!current.HoldsAnywhere(Role.SystemAdministrator))
        {
            var units = current.UnitsWhere(Role.IdentityAdministrator).Cast<Guid?>().ToList();
            query = query.Where(e => units.Contains(e.UnitId));
        }

        if (!string.IsNullOrWhiteSpace(UserFilter))
        {
            var term = UserFilter.Trim();
            query = query.Where(e => e.UserName != null && EF.Functions.ILike(e.UserName, "%" + term + "%"));
        }

        if (!string.IsNullOrWhiteSpace(Entity))
        {
            var term = Entity.Trim();
            query = query.Where(e => e.EntityType == term || e.EntityId == term || e.Action == term);
        }

        if (From is { } from)
        {
            var start = TurkeyTime.StartOfDay(from);
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (To is { } to)
        {
            var end = TurkeyTime.StartOfDay(to.AddDays(1));
            query = query.Where(e => e.OccurredAt < end);
        }

        PageNumber = Math.Max(1, PageNumber);
        var rows = await query.OrderByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .ToListAsync(HttpContext.RequestAborted);
        HasNext = rows.Count > PageSize;
        Entries = rows.Take(PageSize).ToList();
    }
}
