namespace Mys.Signing.Web.Infrastructure.Http;

/// <summary>
/// Which app node this is, when several run behind a load balancer (<c>Mys:NodeName</c>; the machine name when unset):
/// every log event carries it as <c>Node</c>, so a collector gathering all nodes' lines tells them apart, and when it is
/// configured every response names it in <c>X-Mys-Node</c> (the operator, and the two-node test, see who answered).
/// </summary>
public static class NodeName
{
    public const string Key = "Mys:NodeName";

    public const string Header = "X-Mys-Node";

    public static string Of(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[Key] is { Length: > 0 } name ? name : Environment.MachineName;
    }

    /// <summary>Adds the header when <c>Mys:NodeName</c> is set (a machine name is not announced unasked).</summary>
    public static IApplicationBuilder UseNodeNameHeader(this IApplicationBuilder app, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[Key] is not { Length: > 0 } name)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            // On starting: the exception handler clears the headers set before it re-executes.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = name;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
