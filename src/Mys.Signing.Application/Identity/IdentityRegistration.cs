using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Mys.Signing.Infrastructure.Identity;

namespace Mys.Signing.Application.Identity;

/// <summary>Accounts: logins and their sessions, passwords, and the identity administrator's work on people and roles.</summary>
public static class IdentityRegistration
{
    public static IServiceCollection AddMysIdentity(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IPasswordValidator<MysUser>, PolicyPasswordValidator>());
        services.AddScoped<LoginThrottling>();
        services.AddScoped<UserSessions>();
        services.AddScoped<LogInWithPassword>();
        services.AddScoped<LogOut>();
        services.AddScoped<ListOwnSessions>();
        services.AddScoped<EndOwnSession>();
        services.AddScoped<ChangeOwnPassword>();
        services.AddScoped<UpdateOwnProfile>();
        services.AddScoped<CreateUser>();
        services.AddScoped<ResetPassword>();
        services.AddScoped<DeactivateUser>();
        services.AddScoped<GrantRole>();
        services.AddScoped<RevokeRole>();
        services.AddScoped<UnitDirectory>();
        services.AddScoped<ListManagedUnits>();
        services.AddScoped<ListUnitMembers>();
        services.AddScoped<ViewOwnProfile>();
        services.AddScoped<RecordCardLogin>();
        return services;
    }
}
