using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Mys.Signing.Web.Infrastructure.Authorization;

namespace Mys.Signing.Web.Signing;

/// <summary>
/// The browser's signing API (contract: docs/signing-api.md). Cookie-authenticated (anonymous → 401), only for
/// users holding a signing role (RO/SA of a spending unit, accounting officer) (→ 403; the unit of each ÖEB is checked by the service),
/// antiforgery token in the <c>RequestVerificationToken</c> header. Failures are ProblemDetails with <c>code</c>
/// and a Turkish <c>detail</c>.
/// </summary>
public static class SigningEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapSigningApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/signing").RequireAuthorization();
        group.MapPost("/prepare", (HttpContext http, PaymentOrderSigningService service) =>
            HandleAsync<PrepareRequest, PrepareResponse>(http, service, service.PrepareAsync));
        group.MapPost("/complete", (HttpContext http, PaymentOrderSigningService service) =>
            HandleAsync<CompleteRequest, CompleteResponse>(http, service, service.CompleteAsync));
        return endpoints;
    }

    private static async Task<IResult> HandleAsync<TRequest, TResponse>(
        HttpContext http, PaymentOrderSigningService service, Func<TRequest, CancellationToken, Task<SigningOutcome<TResponse>>> handle)
        where TRequest : class
        where TResponse : class
    {
        var ct = http.RequestAborted;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SigningEndpoints));
        var current = http.RequestServices.GetRequiredService<CurrentUser>();
        await current.LoadAsync(ct);
        if (!current.IsAuthenticated)
        {
            return Problem(new SigningProblem(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "Oturumunuz sona ermiş; yeniden giriş yapın."));
        }

        if (!service.MaySign)
        {
            logger.LogWarning("Signing API {Path} refused for user {UserId}: no signing role", http.Request.Path, current.Id);
            return Problem(new SigningProblem(StatusCodes.Status403Forbidden, "FORBIDDEN",
                "İmza yetkiniz yok: yalnızca gerçekleştirme görevlisi, harcama yetkilisi ve muhasebe yetkilisi ÖEB imzalayabilir."));
        }

        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException ex)
        {
            logger.LogWarning("Signing API {Path} refused for user {UserId}: antiforgery ({Reason})", http.Request.Path, current.Id, ex.Message);
            return Problem(new SigningProblem(StatusCodes.Status400BadRequest, "ANTIFORGERY",
                "Güvenlik doğrulaması başarısız oldu; sayfayı yenileyip yeniden deneyin."));
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
            return Problem(new SigningProblem(StatusCodes.Status400BadRequest, "BAD_REQUEST", "İstek okunamadı; beklenen JSON gövdesi gelmedi."));
        }

        var outcome = await handle(request, ct);
        return outcome.Problem is { } problem ? Problem(problem) : Results.Json(outcome.Value, Json);
    }

    private static IResult Problem(SigningProblem problem)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = problem.Code };
        if (problem.Refused is { } refused)
        {
            extensions["refused"] = refused;
        }

        return Results.Problem(detail: problem.Detail, statusCode: problem.Status, title: Title(problem.Status), extensions: extensions);
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
