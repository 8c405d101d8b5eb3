using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Mys.Signing.DevPki.Pki;

namespace Mys.Signing.DevPki.Services;

/// <summary>Maps the dev PKI services as minimal endpoints under the path of the PKI's base URL.</summary>
public static class DevPkiEndpoints
{
    public static IEndpointRouteBuilder MapDevPkiServices(this IEndpointRouteBuilder endpoints, DevPkiHierarchy pki, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pki);
        var services = new DevPkiServices(pki, time ?? TimeProvider.System);
        var prefix = new Uri(pki.BaseUrl).AbsolutePath.TrimEnd('/');
        var group = endpoints.MapGroup(prefix);
        group.MapPost("/ocsp", (HttpRequest r) => Answer(services, "/ocsp", r));
        group.MapGet("/ocsp/{**request}", (HttpRequest r, string request) => Answer(services, "/ocsp/" + request, r));
        group.MapPost("/tsa", (HttpRequest r) => Answer(services, "/tsa", r));
        group.MapGet("/crl/{name}", (HttpRequest r, string name) => Answer(services, "/crl/" + name, r));
        group.MapGet("/ca/{name}", (HttpRequest r, string name) => Answer(services, "/ca/" + name, r));
        return endpoints;
    }

    private static async Task<IResult> Answer(DevPkiServices services, string path, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var answer = services.Handle(path, buffer.ToArray());
        return answer is { } a ? Results.Bytes(a.Body, a.ContentType) : Results.NotFound();
    }
}
