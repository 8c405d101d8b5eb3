using Mys.Signing.Domain.Access;

namespace Mys.Signing.Web.Infrastructure.Authorization;

/// <summary>Where the unit a page acts on comes from.</summary>
public enum UnitScope
{
    /// <summary>The route value <c>unitId</c>: the role must be held in that unit.</summary>
    RouteUnit,

    /// <summary>No unit in the route: the role must be held in some unit (the page then shows only the user's units).</summary>
    AnyUnit,
}

/// <summary>
/// Who may run a page's handlers: one of <see cref="Roles"/> in the unit given by <see cref="Scope"/>
/// (a system administrator's role is global). On a class it covers every handler; on a handler method it replaces
/// the class's rule. Pages without it, <see cref="AuthenticatedOnlyAttribute"/> or AllowAnonymous are refused.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequireRoleAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;

    public UnitScope Scope { get; init; } = UnitScope.RouteUnit;
}

/// <summary>Any logged-in, active user may run the page (their own profile, the home page).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AuthenticatedOnlyAttribute : Attribute;

/// <summary>
/// A page a user holding a one-time password may open (changing it, logging out); every other page redirects them to
/// the change-password page until they have chosen their own.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AllowedBeforePasswordChangeAttribute : Attribute;
