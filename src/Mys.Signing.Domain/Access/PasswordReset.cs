using Mys.Signing.Domain.Common;

namespace Mys.Signing.Domain.Access;

/// <summary>Who may give a person a new one-time password: whoever may deactivate them (<see cref="UserDeactivation"/>).</summary>
public static class PasswordReset
{
    public static Result Check(AccessHolder actor, AccessHolder target)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(target);
        if (actor.UserId == target.UserId)
        {
            return Result.Failure("PASSWORD_RESET_SELF", "Kendi parolanızı sıfırlayamazsınız; profil sayfanızdan değiştirin.");
        }

        return UserDeactivation.MayManageAccount(actor, target)
            ? Result.Success()
            : Result.Failure("PASSWORD_RESET_NOT_PERMITTED", "Bu kullanıcının tüm rolleri sizin yönetiminizde değil; parolasını sistem yöneticisi sıfırlayabilir.");
    }
}
