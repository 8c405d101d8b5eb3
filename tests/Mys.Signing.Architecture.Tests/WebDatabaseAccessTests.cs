namespace Mys.Signing.Architecture.Tests;

/// <summary>
/// Web binds, calls a use case and shows; the queries live in Application. Only ASP.NET Core plumbing that has to
/// hand the context to a framework or check the request itself may name <c>MysDbContext</c>.
/// </summary>
public class WebDatabaseAccessTests
{
    private const string Context = "Mys.Signing.Infrastructure.Persistence.MysDbContext";

    /// <summary>The plumbing that legitimately needs the context, by name.</summary>
    private static readonly string[] Plumbing =
    [
        "Mys.Signing.Web.Infrastructure.Http.DatabaseHealthCheck", // /health/ready: can the database be reached
        "Mys.Signing.Web.Infrastructure.KeyRingProtection", // Data Protection's key ring is stored through the context
        "Mys.Signing.Web.Infrastructure.Authorization.AccountsRegistration", // ASP.NET Core Identity's EF stores
        "Mys.Signing.Web.Infrastructure.Authorization.CurrentUser", // the request's user and role assignments, once per request
        "Mys.Signing.Web.Infrastructure.Authorization.RoleAndUnitPageFilter", // a unit in the route must exist before any page runs
    ];

    [Fact]
    public void No_page_or_endpoint_of_the_web_app_uses_the_database_context()
    {
        var users = ContextUsers(SolutionAssemblies.Web);

        users.Except(Plumbing, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .ShouldBeEmpty("pages, endpoints and view models call use cases; none may name MysDbContext");
    }

    [Fact]
    public void The_finder_sees_a_use_of_the_context_in_a_method_body_and_in_a_constructor()
    {
        // Guards the test above: the plumbing uses the context in a constructor (CurrentUser) or only inside a method (KeyRingProtection).
        var users = ContextUsers(SolutionAssemblies.Web);

        users.ShouldContain("Mys.Signing.Web.Infrastructure.Authorization.CurrentUser");
        users.ShouldContain("Mys.Signing.Web.Infrastructure.KeyRingProtection");
    }

    /// <summary>The outermost types (nested and compiler-generated types count for the type that declares them) that use the context.</summary>
    private static HashSet<string> ContextUsers(string assembly) =>
        SolutionAssemblies.TypesOf(assembly)
            .Where(t => TypeDependencies.Of(t).Any(d => d.FullName == Context))
            .Select(Outermost)
            .ToHashSet(StringComparer.Ordinal);

    private static string Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.FullName!;
    }
}
