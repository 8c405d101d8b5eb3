using System.Runtime.ExceptionServices;

namespace Mys.Signing.Web.Infrastructure.Authorization;

/// <summary>
/// A session check that failed (<see cref="SessionCookie.ValidateAsync"/>) raised again right after authentication, so the
/// exception handler answers it (503 for a lost database) while the cached authentication result stays "anonymous".
/// </summary>
public static class SessionCheckFailure
{
    private const string Key = "mys.session-check-failure";

    public static void Remember(HttpContext http, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[Key] = ExceptionDispatchInfo.Capture(failure);
    }

    /// <summary>Place right after <c>UseAuthentication</c>.</summary>
    public static IApplicationBuilder UseSessionCheckFailures(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Items.TryGetValue(Key, out var failure) && failure is ExceptionDispatchInfo captured)
        {
            context.Items.Remove(Key);
            captured.Throw();
        }

        await next(context);
    });
}
