namespace Mys.Signing.Web.Infrastructure;

/// <summary>
/// The address printed into signed ÖEBs (verification link and QR code): <c>Mys:PublicBaseUrl</c>, never the request's
/// Host header, which any client (or a load balancer passing it on) chooses. Development and Testing fall back to the
/// address scripts/run.sh serves; elsewhere the app does not start without it (<see cref="DeploymentDefaults.RequirePublicBaseUrl"/>).
/// </summary>
public sealed record PublicAddress(string BaseUrl)
{
    public const string DevelopmentDefault = "http://127.0.0.1:5080";

    /// <summary>The public verification page (<c>/dogrula</c>); a code is appended to it.</summary>
    public string VerificationPage => BaseUrl + "/dogrula";
}
