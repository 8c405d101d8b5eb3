using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Web.Infrastructure.Authorization;

/// <summary>The role and unit a request acts as.</summary>
public sealed record ActingAs(Role Role, Guid? UnitId);

/// <summary>
/// The logged-in user and their active role assignments, read from the database once per request (so a revoked
/// role or a deactivated account takes effect on the next request), plus the role and unit the request acts as. On a
/// signed-in request the session check reads them in its own round trip (<see cref="Use"/>); otherwise <see cref="LoadAsync"/> does.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http, MysDbContext db)
{
    private bool _loaded;

    public MysUser? User { get; private set; }

    public IReadOnlyList<RoleAssignment> Assignments { get; private set; } = [];

    public Role? ActingRole { get; private set; }

    public Guid? ActingUnitId { get; private set; }

    /// <summary>An active user who may use the application (not one who must first replace a one-time password).</summary>
    public bool IsAuthenticated => User is { IsActive: true, MustChangePassword: false };

    /// <summary>Active, but holding a one-time password: only the change-password page (and logout) until it is changed.</summary>
    public bool MustChangePassword => User is { IsActive: true, MustChangePassword: true };

    /// <summary>The server-side session the login cookie names.</summary>
    public Guid? SessionId => SessionCookie.SessionIdOf(http.HttpContext?.User);

    public Guid Id => User?.Id ?? throw new InvalidOperationException("No user is logged in.");

    public AccessHolder AsHolder() => new(Id, User!.IsActive, Assignments);

    /// <summary>The user as the use cases see them (throws when nobody is logged in).</summary>
    public Actor AsActor() => new(User ?? throw new InvalidOperationException("No user is logged in."), Assignments);

    public bool Holds(Role role, Guid? unitId) => Assignments.Any(a => a.Covers(role, unitId));

    public bool HoldsAnywhere(Role role) => Assignments.Any(a => a.Role == role);

    public IEnumerable<Guid> UnitsWhere(Role role) => Assignments.Where(a => a.Role == role && a.UnitId is not null).Select(a => a.UnitId!.Value);

    /// <summary>The user and roles the session check just read for this request (<see cref="SessionCookie"/>).</summary>
    internal void Use(OpenSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        User = session.User;
        Assignments = session.Assignments;
        _loaded = true;
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        var principal = http.HttpContext?.User;
        var idText = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!Guid.TryParse(idText, out var id))
        {
            return;
        }

        User = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (User is null)
        {
            return;
        }

        Assignments = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.UserId == id && a.RevokedAt == null)
            .ToListAsync(cancellationToken);
    }

    internal void ActAs(Role role, Guid? unitId)
    {
        ActingRole = role;
        ActingUnitId = unitId;
        if (http.HttpContext is { } context)
        {
            context.Items[ActingKey] = new ActingAs(role, unitId);
        }
    }

    /// <summary>HttpContext.Items key of the (role, unit) the request acts as; read by the audit actor accessor.</summary>
    internal const string ActingKey = "mys.acting";
}
