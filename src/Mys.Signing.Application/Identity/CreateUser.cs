using Microsoft.AspNetCore.Identity;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Common;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Application.Identity;

/// <summary>A person to register, as the form sent them.</summary>
public sealed record NewUser(string? Tckn, string? FullName, string? Title, string? Email, string? Phone);

/// <summary>
/// Registers a person (T.C. kimlik no, name, title, contact) for a unit the actor manages people in, with a one-time
/// password shown once and changed at the first login; audited (never the password).
/// </summary>
public sealed class CreateUser(MysDbContext db, UserManager<MysUser> users, ILogger<CreateUser> logger)
{
    public static readonly Refusal NotPermitted = new(RefusalKind.Forbidden, "USER_CREATE_NOT_PERMITTED", "Bu birimde kullanıcı kaydetme yetkiniz yok.");

    public async Task<Outcome<OneTimePassword>> RunAsync(Actor actor, Guid unitId, NewUser details, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(details);
        var holder = actor.AsHolder();
        if (!RoleFacts.All.Any(role => RoleGrants.MayManage(holder, role, unitId)))
        {
            logger.LogWarning("User creation refused in {UnitId} for {ActorId}: manages no role there", unitId, actor.Id);
            return NotPermitted;
        }

        var created = MysUser.Create(details.Tckn, details.FullName, details.Title, details.Email, details.Phone);
        if (!created.IsSuccess)
        {
            logger.LogInformation("User creation refused in {UnitId}: {Code}", unitId, created.Error!.Code);
            return ManagedAccounts.Refused(created.Error);
        }

        var user = created.Value;
        user.RequirePasswordChange();
        var password = OneTimePasswords.New();
        db.RecordEvent("UserCreated", "MysUser", user.Id.ToString("D"), AuditJson.Serialize(new { unit = unitId, oneTimePassword = true }));
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            db.DiscardPendingEvents();
            logger.LogInformation("User creation refused in {UnitId}: {Codes}", unitId, string.Join(",", result.Errors.Select(e => e.Code)));
            return new Refusal(RefusalKind.Unprocessable, result.Errors.First().Code, string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        logger.LogInformation("User {UserId} created in {UnitId} by {ActorId}", user.Id, unitId, actor.Id);
        return new OneTimePassword(user.FullName, password);
    }
}
