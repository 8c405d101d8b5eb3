using Mys.Signing.Domain.Access;

namespace Mys.Signing.Application.Access;

/// <summary>
/// Whom the audit rows of the next saves name, for a use case that decides it itself: the signing use cases act in the
/// role and unit of each ÖEB's step, and the code flow's anonymous agent request acts for the code's owner. The web
/// app implements it over the request; elsewhere the fixed audit actor stands.
/// </summary>
public interface IAuditIdentity
{
    /// <summary>The rows name <paramref name="actor"/> as the user (when the request itself names nobody).</summary>
    void ActFor(Actor actor);

    /// <summary>The rows name <paramref name="role"/> in <paramref name="unitId"/> as the role acted in.</summary>
    void ActAs(Role role, Guid? unitId);
}
