using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// What a deployment must say rather than what a request may claim (docs/operations.md, "Reverse proxy and HTTPS"):
/// the public address printed into signed ÖEBs (<c>Mys:PublicBaseUrl</c>, required outside Development and Testing),
/// the host names served (<c>AllowedHosts</c>; by default the public address's host), and the proxies whose
/// <c>X-Forwarded-For</c>/<c>-Proto</c> are believed (<c>Mys:ForwardedHeaders:KnownProxies</c> and <c>KnownNetworks</c>;
/// none by default, not even loopback).
/// </summary>
public static class DeploymentDefaults
{
    public const string PublicBaseUrlKey = "Mys:PublicBaseUrl";

    public static IServiceCollection AddDeploymentDefaults(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider => PublicAddressOf(configuration, provider.GetRequiredService<IHostEnvironment>()));
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; a local process or a misrouted request could then forge the address.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in Values(configuration, "Mys:ForwardedHeaders:KnownProxies").Concat(Values(configuration, "Mys:KnownProxies")))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in Values(configuration, "Mys:ForwardedHeaders:KnownNetworks"))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // With both lists empty the middleware would believe every sender: then it reads no forwarded header at all.
            if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
            {
                options.ForwardedHeaders = ForwardedHeaders.None;
            }
        });
        services.AddOptions<HostFilteringOptions>().PostConfigure<IHostEnvironment>((options, environment) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]) && !IsDevelopmentLike(environment)
                && PublicBaseUri(configuration) is { } publicUri)
            {
                options.AllowedHosts = [publicUri.Host];
            }
        });
        return services;
    }

    /// <summary>Outside Development and Testing the app does not start without a valid <c>Mys:PublicBaseUrl</c>.</summary>
    public static void RequirePublicBaseUrl(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(logger);
        if (IsDevelopmentLike(environment) || PublicBaseUri(configuration) is not null)
        {
            return;
        }

        var message = $"{PublicBaseUrlKey} is not set to an absolute http(s) URL ('{configuration[PublicBaseUrlKey]}') in the {environment.EnvironmentName} environment: " +
                      "the verification link and QR code printed into signed ÖEBs would come from the request's Host header. " +
                      $"Set it (e.g. Mys__{PublicBaseUrlKey[4..]}=https://mys.example.gov.tr); see docs/operations.md.";
        logger.LogCritical("{Problem:l}", message);
        throw new InvalidOperationException(message);
    }

    /// <summary>The configured public address; in Development and Testing without one, <see cref="PublicAddress.DevelopmentDefault"/>.</summary>
    public static PublicAddress PublicAddressOf(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (PublicBaseUri(configuration) is { } uri)
        {
            return new PublicAddress(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        }

        return IsDevelopmentLike(environment)
            ? new PublicAddress(PublicAddress.DevelopmentDefault)
            : throw new InvalidOperationException($"{PublicBaseUrlKey} is not set to an absolute http(s) URL in the {environment.EnvironmentName} environment.");
    }

    private static bool IsDevelopmentLike(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    private static Uri? PublicBaseUri(IConfiguration configuration) =>
        Uri.TryCreate(configuration[PublicBaseUrlKey], UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    private static IEnumerable<string> Values(IConfiguration configuration, string key) =>
        (configuration.GetSection(key).Get<string[]>() ?? []).Concat(configuration[key]?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries) ?? []);
}
