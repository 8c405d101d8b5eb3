using Microsoft.EntityFrameworkCore;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>A role to give, as the form sent it.</summary>
public sealed record RoleGrantRequest(string? Tckn, Role Role, string? Reason);

/// <summary>A role given: to whom, which.</summary>
public sealed record GrantedRole(string FullName, RoleAssignment Assignment);

/// <summary>Gives an existing user a role in a unit, with a reason; the domain's <see cref="RoleGrants"/> decide (separation of duties included); audited.</summary>
public sealed class GrantRole(MysDbContext db, TimeProvider clock, ILogger<GrantRole> logger)
{
    public static readonly Refusal UnknownUser = new(RefusalKind.Unprocessable, "USER_UNKNOWN",
        "Bu T.C. kimlik numarasıyla kayıtlı kullanıcı yok. Önce kullanıcıyı oluşturun.");

    public static readonly Refusal AlreadyGranted = new(RefusalKind.Conflict, "ROLE_ALREADY_GRANTED", "Kullanıcı bu birimde bu role zaten sahip.");

    public async Task<Outcome<GrantedRole>> RunAsync(Actor actor, Guid unitId, RoleGrantRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var tckn = Domain.Parties.Tckn.Parse(request.Tckn);
        if (!tckn.IsSuccess)
        {
            logger.LogInformation("Role grant refused in {UnitId}: {Code}", unitId, tckn.Error!.Code);
            return new Refusal(RefusalKind.Invalid, tckn.Error.Code, tckn.Error.Message);
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Tckn == tckn.Value.Value, ct);
        if (user is null)
        {
            logger.LogInformation("Role grant refused in {UnitId}: no user with the given TCKN", unitId);
            return UnknownUser;
        }

        var grantee = await ManagedAccounts.HolderAsync(db, user.Id, ct);
        var grant = RoleGrants.Grant(actor.AsHolder(), grantee, request.Role, unitId, request.Reason, await UnitTopologyLoader.LoadAsync(db, ct), clock.GetUtcNow());
        if (!grant.IsSuccess)
        {
            logger.LogWarning("Role grant of {Role} to {UserId} in {UnitId} refused: {Code}", request.Role, user.Id, unitId, grant.Error!.Code);
            return ManagedAccounts.Refused(grant.Error);
        }

        db.RoleAssignments.Add(grant.Value);
        db.RecordEvent("RoleGranted", nameof(RoleAssignment), grant.Value.Id.ToString("D"), Details(grant.Value.Role, request.Reason));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            db.DiscardPendingEvents();
            logger.LogWarning("Role grant of {Role} to {UserId} in {UnitId} lost a race: already granted", request.Role, user.Id, unitId);
            return AlreadyGranted;
        }

        return new GrantedRole(user.FullName, grant.Value);
    }

    internal static string Details(Role role, string? reason) => AuditJson.Serialize(new { role = role.ToString(), reason });
}
