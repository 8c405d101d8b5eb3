using System.Security.Claims;
using Mys.Signing.Application.Access;
using Mys.Signing.Application.Signing;
using Mys.Signing.Domain.Access;
using Mys.Signing.Web.Infrastructure.Authorization;
using Actor = Mys.Signing.Application.Access.Actor;

namespace Mys.Signing.Web.Signing;

/// <summary>
/// The audit identity over the request: the acting role and unit go where <see cref="Infrastructure.Http.HttpAuditActorAccessor"/>
/// reads them; an anonymous request (the code flow's agent) acting for a user gets that user as its principal.
/// </summary>
internal sealed class HttpAuditIdentity(IHttpContextAccessor http, CurrentUser current) : IAuditIdentity
{
    public void ActFor(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (http.HttpContext is not { } context)
        {
            return;
        }

        var named = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (named is null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, actor.Id.ToString("D"))], "signing-code"));
        }
        else if (named != actor.Id.ToString("D"))
        {
            throw new InvalidOperationException("The request must act for the user it names.");
        }
    }

    public void ActAs(Role role, Guid? unitId) => current.ActAs(role, unitId);
}
