using Mys.Signing.Bridge.Commands;
using Mys.Signing.Bridge.Security;

namespace Mys.Signing.Bridge.Http;

/// <summary>The /v1 routes; one handler per command.</summary>
public static class Endpoints
{
    public static void MapBridgeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/status", (StatusHandler handler, CancellationToken ct) => handler.HandleAsync(ct));
        routes.MapGet("/v1/certificates", (CertificatesHandler handler, CancellationToken ct) => handler.HandleAsync(ct));
        routes.MapPost(OriginPolicyMiddleware.SignPath, (SignHandler handler, HttpRequest request, CancellationToken ct) => handler.HandleAsync(request, ct));
    }
}
