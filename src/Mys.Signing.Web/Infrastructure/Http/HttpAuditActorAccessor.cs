using System.Security.Claims;
using Mys.Signing.Infrastructure.Auditing;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>The actor of the current request: user, acting role and unit, client address, user agent, correlation id.</summary>
public sealed class HttpAuditActorAccessor(IHttpContextAccessor http) : IAuditActorAccessor
{
    public AuditActor Current
    {
        get
        {
            var context = http.HttpContext;
            if (context is null)
            {
                return AuditActor.System("system");
            }

            Guid? userId = Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
            var acting = context.Items.TryGetValue(CurrentUser.ActingKey, out var value) ? value as ActingAs : null;
            return new AuditActor(
                userId,
                context.User.FindFirstValue(ClaimTypes.Name) ?? context.Items[AuditItems.AttemptedUserName] as string,
                acting?.Role.ToString(),
                acting?.UnitId,
                context.Connection.RemoteIpAddress?.ToString(),
                context.Request.Headers.UserAgent.ToString(),
                CorrelationIdMiddleware.Get(context));
        }
    }
}

/// <summary>Keys for audit details that exist before a user is authenticated (e.g. a failed login's user name).</summary>
public static class AuditItems
{
    public const string AttemptedUserName = "mys.audit.attemptedUser";
}
