using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Mys.Signing.Bridge.Contracts;

namespace Mys.Signing.Bridge.Http;

/// <summary>
/// The bridge's front door:
/// - the Host must be a loopback name (defeats DNS rebinding: a rebinding page carries its own host name);
/// - an Origin must match the allow-list exactly (ordinal, no wildcards, "null" never); others get 403 and
///   no CORS headers, so the browser hides even the error from the page;
/// - /v1/sign also refuses requests without an Origin (a browser always sends one on a cross-origin POST);
/// - allowed preflights are answered here, including Private Network Access;
/// - the agent's own code page (/, /code/*) has its own rule: same origin and page token only (<see cref="LocalCodePagePolicy"/>).
/// </summary>
public sealed class OriginPolicyMiddleware(RequestDelegate next, IOptions<BridgeOptions> options)
{
    public const string SignPath = "/v1/sign";

    private static readonly HashSet<string> LoopbackHosts = new(StringComparer.OrdinalIgnoreCase) { "127.0.0.1", "localhost", "[::1]", "::1" };

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!LoopbackHosts.Contains(request.Host.Host))
        {
            await Refuse(context);
            return;
        }

        if (LocalCodePagePolicy.Owns(request.Path))
        {
            if (LocalCodePagePolicy.Admits(request, context.RequestServices.GetRequiredService<LocalPageToken>()))
            {
                await next(context);
            }
            else
            {
                await Refuse(context);
            }

            return;
        }

        var origins = request.Headers.Origin;
        if (origins.Count == 0)
        {
            if (request.Path.StartsWithSegments(SignPath, StringComparison.Ordinal) || HttpMethods.IsOptions(request.Method))
            {
                await Refuse(context);
                return;
            }

            await next(context);
            return;
        }

        var origin = origins.Count == 1 ? origins[0] : null;
        if (origin is null || !options.Value.AllowedOrigins.Contains(origin, StringComparer.Ordinal))
        {
            await Refuse(context);
            return;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Append(HeaderNames.Vary, "Origin");
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
        {
            headers.AccessControlAllowMethods = "GET, POST";
            headers.AccessControlAllowHeaders = "Content-Type";
            headers.AccessControlMaxAge = "600";
            if (string.Equals(request.Headers["Access-Control-Request-Private-Network"], "true", StringComparison.OrdinalIgnoreCase))
            {
                headers["Access-Control-Allow-Private-Network"] = "true";
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await next(context);
    }

    private static async Task Refuse(HttpContext context)
    {
        var error = BridgeErrors.OriginRefused();
        context.Response.StatusCode = error.HttpStatus;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, ErrorResponse.Of(error), BridgeJson.Options, context.RequestAborted);
    }
}
