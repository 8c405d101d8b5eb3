using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Mys.Signing.Application.Identity;
using Mys.Signing.Infrastructure.Identity;

namespace Mys.Signing.Web.Infrastructure.Authorization;

/// <summary>
/// The login cookie names a server-side session (<see cref="UserSessions"/>); every request checks that session is
/// still open in PostgreSQL, so logout, a session ended from the profile page, a password change or reset and a
/// deactivation take effect on the next request on every app instance. A cookie without a session is refused. The same
/// query reads the user and their active role assignments for <see cref="CurrentUser"/> (one round trip per request).
/// </summary>
public static class SessionCookie
{
    public const string SessionClaim = "mys.session";

    public static Guid? SessionIdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionClaim), out var id) ? id : null;

    public static SessionClient ClientOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new SessionClient(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
    }

    /// <summary>Issues the cookie for a session just started.</summary>
    public static Task SignInAsync(SignInManager<MysUser> signIn, MysUser user, Guid sessionId, string method)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        return signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false },
            [new Claim(SessionClaim, sessionId.ToString("D")), new Claim(ClaimTypes.AuthenticationMethod, method)]);
    }

    /// <summary>The cookie handler's principal check (replaces Identity's periodic security-stamp check: this one runs on every request).</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var userId = Guid.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var sessionId = SessionIdOf(context.Principal);
        bool open;
        try
        {
            var session = userId is not null && sessionId is not null
                ? await http.RequestServices.GetRequiredService<UserSessions>().OpenAsync(userId.Value, sessionId.Value, http.RequestAborted)
                : null;
            open = session is not null;
            if (session is not null)
            {
                // The same round trip read the user and their roles: the request's CurrentUser needs no second read.
                http.RequestServices.GetRequiredService<CurrentUser>().Use(session);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The check itself failed (typically the database went away). The cookie is kept, and the failure is raised
            // after authentication (SessionCheckFailure): the framework caches this handler's result for the request,
            // so the error page's re-execution then sees an anonymous request instead of the same failure again.
            SessionCheckFailure.Remember(http, failure);
            context.RejectPrincipal();
            return;
        }

        if (!open)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionCookie))
                .LogInformation("Login cookie of user {UserId} refused: session {SessionId} is not open", userId, sessionId);
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
