using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Identity;

namespace Mys.Signing.Application.Access;

/// <summary>
/// Who performs a use case: the logged-in user and their active role assignments, read once per request by the
/// front end (pages, JSON endpoints) or built by the CLI and the jobs. Use cases take it as a parameter; they never
/// read an HTTP context.
/// </summary>
public sealed record Actor(MysUser User, IReadOnlyList<RoleAssignment> Assignments)
{
    public Guid Id => User.Id;

    public string Tckn => User.Tckn;

    public bool IsActive => User.IsActive;

    public AccessHolder AsHolder() => new(Id, User.IsActive, Assignments);

    public bool Holds(Role role, Guid? unitId) => Assignments.Any(a => a.Covers(role, unitId));

    public bool HoldsAnywhere(Role role) => Assignments.Any(a => a.Role == role);

    public IEnumerable<Guid> UnitsWhere(Role role) =>
        Assignments.Where(a => a.Role == role && a.UnitId is not null).Select(a => a.UnitId!.Value);
}
