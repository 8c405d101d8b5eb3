using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Access;

/// <summary>
/// Who may deactivate an account: a system administrator, or whoever may manage every role the person still
/// holds (so a unit's identity administrator cannot lock out someone who also works for another unit). Never oneself.
/// </summary>
public static class UserDeactivation
{
    public static Result Check(AccessHolder actor, AccessHolder target, string? reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(target);
        if (actor.UserId == target.UserId)
        {
            return Result.Failure("USER_SELF_DEACTIVATE", "Kendi hesabınızı pasif duruma getiremezsiniz.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result.Failure("USER_DEACTIVATE_REASON", "Pasifleştirme gerekçesi zorunludur.");
        }

        return MayManageAccount(actor, target)
            ? Result.Success()
            : Result.Failure("USER_DEACTIVATE_NOT_PERMITTED", "Bu kullanıcının tüm rolleri sizin yönetiminizde değil; pasifleştirmeyi sistem yöneticisi yapabilir.");
    }

    /// <summary>
    /// Who may act on the account itself (deactivate it, reset its password): a system administrator, or whoever may
    /// manage every role the person holds. Never oneself (the caller checks that with its own message).
    /// </summary>
    public static bool MayManageAccount(AccessHolder actor, AccessHolder target)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(target);
        if (actor.UserId == target.UserId)
        {
            return false;
        }

        if (actor.HoldsAnywhere(Role.SystemAdministrator))
        {
            return true;
        }

        var active = target.Assignments.Where(a => a.IsActive).ToList();
        return active.Count > 0 && active.All(a => RoleGrants.MayManage(actor, a.Role, a.UnitId));
    }
}
