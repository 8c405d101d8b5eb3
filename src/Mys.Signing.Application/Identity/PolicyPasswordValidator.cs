using Microsoft.AspNetCore.Identity;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Identity;

namespace Mys.Signing.Application.Identity;

/// <summary>The domain's <see cref="PasswordPolicy"/> as Identity's validator: every password Identity sets goes through it.</summary>
public sealed class PolicyPasswordValidator : IPasswordValidator<MysUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<MysUser> manager, MysUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var result = PasswordPolicy.Check(password, user.Tckn);
        return Task.FromResult(result.IsSuccess
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = result.Error!.Code, Description = result.Error.Message }));
    }
}
