using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Mys.Signing.Application.Identity;
using Mys.Signing.Infrastructure.Identity;
using Mys.Signing.Infrastructure.Persistence;

namespace Mys.Signing.Web.Infrastructure.Authorization;

/// <summary>
/// Accounts and access: ASP.NET Core Identity over our users (password hashing and storage; the password policy and the
/// login throttle are the application's, see <see cref="IdentityRegistration"/>), the cookie naming a server-side
/// session, antiforgery, and the role-and-unit page filter.
/// </summary>
public static class AccountsRegistration
{
    /// <param name="requireHttps">Secure cookies (HTTPS everywhere but development, unless <c>Mys:RequireHttps</c> says otherwise).</param>
    public static IServiceCollection AddMysAccounts(this IServiceCollection services, bool requireHttps)
    {
        var cookieSecurity = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddScoped<CurrentUser>();
        services.AddScoped<RoleAndUnitPageFilter>();
        services.AddMysIdentity();
        services.AddIdentity<MysUser, IdentityRole<Guid>>(options =>
            {
                options.User.RequireUniqueEmail = false;
                // The domain's PasswordPolicy (PolicyPasswordValidator) is the one rule; Identity's own checks stay off.
                options.Password.RequiredLength = Domain.Access.PasswordPolicy.MinLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                // Failed logins are throttled by LoginThrottling (per address, per account and address), not by Identity's lockout,
                // which would let anyone lock a known T.C. kimlik no.
                options.Lockout.AllowedForNewUsers = false;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<MysDbContext>()
            .AddErrorDescriber<TurkishIdentityErrorDescriber>();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Status/403";
            options.Cookie.Name = "mys.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = cookieSecurity;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // API callers get status codes (turned into ProblemDetails), not redirects to HTML pages.
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            options.Events.OnValidatePrincipal = SessionCookie.ValidateAsync;
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "mys.af";
            options.Cookie.SecurePolicy = cookieSecurity;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    // API callers get status codes (turned into ProblemDetails), not redirects to HTML pages.
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
    
        return Task.CompletedTask;
    }
}
