using Microsoft.AspNetCore.Antiforgery;
using Mys.Signing.Application.Signing.Codes;
using Mys.Signing.Domain.Access;
using Mys.Signing.Infrastructure.Signing.Codes;
using Mys.Signing.Web.Infrastructure.Authorization;
using Mys.Signing.Web.Signing;

namespace Mys.Signing.Web.Infrastructure.Cards;

/// <summary>Request from the signing page for a verification code.</summary>
public sealed record IssueCodeRequest(string? Purpose, IReadOnlyList<Guid>? Targets);

/// <summary>The agent's first request: the code the user typed and the certificate it will sign with.</summary>
public sealed record CodeJobRequest(string? Code, string? Certificate);

/// <summary>The agent's second request: signatures in the order of the job's digests.</summary>
public sealed record CodeCompleteRequest(string? Code, string? Certificate, IReadOnlyList<string>? Signatures);

/// <summary>
/// HTTP surface of the code flow. Browser side (cookie, antiforgery header): <c>POST /api/signing/codes</c>,
/// <c>GET /api/signing/codes/{id}</c> (polled). Agent side (anonymous, keyed by the code, throttled):
/// <c>POST /api/agent/v1/code/job</c>, <c>POST /api/agent/v1/code/complete</c>. See docs/bridge-protocol.md.
/// </summary>
public static class CodeSigningEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/signing/codes", IssueAsync);
        app.MapGet("/api/signing/codes/{id:guid}", StatusAsync);
        var agent = app.MapGroup("/api/agent/v1/code").AllowAnonymous();
        agent.MapPost("/job", JobAsync);
        agent.MapPost("/complete", CompleteAsync);
    }

    private static async Task<IResult> IssueAsync(HttpContext http, CurrentUser current, IAntiforgery antiforgery, CodeSigningService service, ILogger<CodeSigningService> logger)
    {
        await current.LoadAsync(http.RequestAborted);
        if (!current.IsAuthenticated || !(current.HoldsAnywhere(Role.RealizationOfficer) || current.HoldsAnywhere(Role.SpendingAuthority) || current.HoldsAnywhere(Role.AccountingOfficer)))
        {
            return Error(403, "CODE_NOT_A_SIGNER", "İmza yetkiniz olmadığı için doğrulama kodu alınamaz.");
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Error(400, "ANTIFORGERY", "Sayfanın güvenlik belirteci geçersiz. Sayfayı yenileyin.");
        }

        var (request, unreadable) = await JsonBody.ReadAsync<IssueCodeRequest>(http, logger);
        if (request is null)
        {
            return unreadable!;
        }

        var issued = await service.IssueAsync(current.Id, CardTrust.OriginOf(http.Request), request.Purpose, request.Targets, http.RequestAborted);
        if (!issued.IsSuccess)
        {
            return Error(400, issued.Error!.Code, issued.Error.Message);
        }

        var (code, plain) = issued.Value;
        return Results.Json(new { id = code.Id, code = plain, expiresAt = code.ExpiresAt, lifetimeSeconds = (int)SigningCodeStore.Lifetime.TotalSeconds }, statusCode: 201);
    }

    private static async Task<IResult> StatusAsync(HttpContext http, Guid id, CurrentUser current, SigningCodeStore codes, CodeSigningResult results, TimeProvider clock)
    {
        await current.LoadAsync(http.RequestAborted);
        if (!current.IsAuthenticated)
        {
            return Results.Unauthorized();
        }

        var code = await codes.FindForUserAsync(id, current.Id, http.RequestAborted);
        if (code is null)
        {
            return Error(404, "CODE_UNKNOWN", "Doğrulama kodu bulunamadı.");
        }

        var now = clock.GetUtcNow();
        var status = code switch
        {
            { CompletedAt: not null } => "completed",
            { FailedAt: not null } => "failed",
            { ClaimedAt: not null } => "signing",
            _ when code.ExpiresAt <= now => "expired",
            _ => "waiting",
        };
        return Results.Json(new
        {
            status,
            expiresAt = code.ExpiresAt,
            secondsLeft = Math.Max(0, (int)Math.Ceiling((code.ExpiresAt - now).TotalSeconds)),
            failureCode = code.FailureCode,
            message = code.FailureMessage,
            // Once the agent is done: each ÖEB of the code, signed by this person or not, and where it is now.
            results = status is "completed" or "failed"
                ? (await results.RunAsync(code, http.RequestAborted)).Select(r => new { id = r.Id, number = r.Number, version = r.Version, signed = r.SignedByOwner, state = r.StatusName })
                : null,
        });
    }

    private static async Task<IResult> JobAsync(HttpContext http, CodeSigningService service, ILogger<CodeSigningService> logger)
    {
        var (request, unreadable) = await JsonBody.ReadAsync<CodeJobRequest>(http, logger);
        if (request is null)
        {
            return unreadable!;
        }

        using var certificate = CardTrust.ParseCertificate(request.Certificate);
        var (job, error) = await service.FetchJobAsync(request.Code, certificate, CardTrust.OriginOf(http.Request),
            http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        return error is not null ? Error(http, error) : Results.Json(job);
    }

    private static async Task<IResult> CompleteAsync(HttpContext http, CodeSigningService service, ILogger<CodeSigningService> logger)
    {
        var (request, unreadable) = await JsonBody.ReadAsync<CodeCompleteRequest>(http, logger);
        if (request is null)
        {
            return unreadable!;
        }

        using var certificate = CardTrust.ParseCertificate(request.Certificate);
        var signatures = request.Signatures?.Select(CardTrust.FromBase64).ToList();
        var (signed, error) = await service.CompleteAsync(request.Code, certificate, signatures, CardTrust.OriginOf(http.Request),
            http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        return error is not null ? Error(http, error) : Results.Json(new { status = "completed", signed });
    }

    private static IResult Error(HttpContext http, CodeFlowError error)
    {
        if (error.RetryAfter is { } until)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Error(RefusalStatus.Of(error.Kind), error.Code, error.Message);
    }

    private static IResult Error(int status, string code, string message) => Results.Json(new { code, message }, statusCode: status);
}
