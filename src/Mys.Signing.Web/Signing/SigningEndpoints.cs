using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Mys.Signing.Application.Common;
using Mys.Signing.Application.Signing;
using Mys.Signing.Web.Infrastructure;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Signing;

/// <summary>
/// The browser's signing API (contract: docs/signing-api.md). Cookie-authenticated (anonymous → 401), only for
/// users holding a signing role (RO/SA of a spending unit, accounting officer) (→ 403; the unit of each ÖEB is checked by the use case),
/// antiforgery token in the <c>RequestVerificationToken</c> header. Failures are ProblemDetails with <c>code</c>
/// and a Turkish <c>detail</c>.
/// </summary>
public static class SigningEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEndpointRouteBuilder MapSigningApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/signing").RequireAuthorization();
        group.MapPost("/prepare", (HttpContext http, PrepareSignatures prepare, PublicAddress address) =>
            HandleAsync<PrepareRequest>(http, async (actor, request, ct) =>
            {
                // The verification link printed into the ÖEB: the configured address, never the request's Host header.
                var outcome = await prepare.RunAsync(actor, request, address.BaseUrl, ct);
                return outcome.Refusal is { } refusal ? Problem(refusal, outcome.Refused) : Results.Json(outcome.Prepared, Json);
            }));
        group.MapPost("/complete", (HttpContext http, CompleteSignatures complete) =>
            HandleAsync<CompleteRequest>(http, async (actor, request, ct) =>
            {
                var outcome = await complete.RunAsync(actor, request, ct);
                return outcome.Refusal is { } refusal ? Problem(refusal) : Results.Json(outcome.Value, Json);
            }));
        return endpoints;
    }

    private static async Task<IResult> HandleAsync<TRequest>(
        HttpContext http, Func<Application.Access.Actor, TRequest, CancellationToken, Task<IResult>> handle)
        where TRequest : class
    {
        var ct = http.RequestAborted;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SigningEndpoints));
        var current = http.RequestServices.GetRequiredService<CurrentUser>();
        await current.LoadAsync(ct);
        if (!current.IsAuthenticated)
        {
            return Problem(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "Oturumunuz sona ermiş; yeniden giriş yapın.");
        }

        var actor = current.AsActor();
        if (!SigningAccess.MaySign(actor))
        {
            logger.LogWarning("Signing API {Path} refused for user {UserId}: no signing role", http.Request.Path, current.Id);
            return Problem(StatusCodes.Status403Forbidden, "FORBIDDEN",
                "İmza yetkiniz yok: yalnızca gerçekleştirme görevlisi, harcama yetkilisi ve muhasebe yetkilisi ÖEB imzalayabilir.");
        }

        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException ex)
        {
            logger.LogWarning("Signing API {Path} refused for user {UserId}: antiforgery ({Reason})", http.Request.Path, current.Id, ex.Message);
            return Problem(StatusCodes.Status400BadRequest, "ANTIFORGERY", "Güvenlik doğrulaması başarısız oldu; sayfayı yenileyip yeniden deneyin.");
        }

        TRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<TRequest>(http.Request.Body, Json, ct);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Signing API {Path}: unreadable body ({Reason})", http.Request.Path, ex.Message);
            request = null;
        }

        if (request is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "BAD_REQUEST", "İstek okunamadı; beklenen JSON gövdesi gelmedi.");
        }

        return await handle(actor, request, ct);
    }

    private static IResult Problem(Refusal refusal, IReadOnlyList<RefusedItem>? refused = null) =>
        Problem(RefusalStatus.Of(refusal.Kind), refusal.Code, refusal.Message, refused);

    private static IResult Problem(int status, string code, string detail, IReadOnlyList<RefusedItem>? refused = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (refused is not null)
        {
            extensions["refused"] = refused;
        }

        return Results.Problem(detail: detail, statusCode: status, title: Title(status), extensions: extensions);
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "İstek geçersiz.",
        StatusCodes.Status401Unauthorized => "Giriş gerekli.",
        StatusCodes.Status403Forbidden => "Yetkiniz yok.",
        StatusCodes.Status404NotFound => "Bulunamadı.",
        StatusCodes.Status409Conflict => "Zaten tamamlandı.",
        StatusCodes.Status410Gone => "Süresi doldu.",
        _ => "İmzalama yapılamadı.",
    };
}
