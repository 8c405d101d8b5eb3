namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// Where the page finds the local agent and how it talks to it (<c>Mys:Bridge:*</c>): the agent's URL (a loopback
/// literal), how many digests one agent call carries (never above the agent's own limit of 100), and the oldest agent
/// version the page works with.
/// </summary>
public sealed class BridgeSettings(IConfiguration configuration)
{
    public const string DefaultUrl = "http://127.0.0.1:17357";

    public string BridgeUrl => (configuration["Mys:Bridge:Url"] is { Length: > 0 } url ? url : DefaultUrl).TrimEnd('/');

    public int DigestsPerRequest => Math.Clamp(configuration.GetValue("Mys:Bridge:DigestsPerRequest", 25), 1, 100);

    public string MinimumVersion => configuration["Mys:Bridge:MinimumVersion"] ?? "0.1.0";

    /// <summary>Scheme, host and port of the agent, for the Content-Security-Policy's connect-src.</summary>
    public string BridgeOrigin => Uri.TryCreate(BridgeUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : DefaultUrl;

    public string PrepareUrl => "/api/signing/prepare";

    public string CompleteUrl => "/api/signing/complete";
}
