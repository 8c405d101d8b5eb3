using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Commands;
using Mys.Signing.Bridge.Contracts;
using Mys.Signing.Bridge.Pkcs11;
using Mys.Signing.Bridge.Security;

namespace Mys.Signing.Bridge.Http;

/// <summary>
/// The agent's own page for the verification-code flow (GET / on the agent's port): the user types the code and the PIN
/// into a page served by the agent itself, so the PIN only travels to 127.0.0.1. The page's calls (POST /code/*) are
/// accepted only from the agent's own origin with the per-process page token (see <see cref="LocalCodePagePolicy"/>);
/// they never carry CORS headers. The server side is the same <see cref="CodeFlowClient"/> as the <c>code</c> command.
/// The page, its style sheet and its script are the files in Http/CodePage, embedded in the assembly (<see cref="CodePageAssets"/>).
/// </summary>
public static class LocalCodePage
{
    public const string TokenHeader = "X-Agent-Token";

    private static readonly TimeSpan JobLifetime = TimeSpan.FromMinutes(5);

    public static void MapLocalCodePage(this IEndpointRouteBuilder routes)
    {
        var assets = CodePageAssets.Load();
        routes.MapGet("/", (LocalPageToken token, HttpResponse response) =>
        {
            SecurityHeaders(response);
            return Results.Content(assets.Page(token), "text/html; charset=utf-8");
        });
        routes.MapGet("/code.js", (HttpResponse response) =>
        {
            SecurityHeaders(response);
            return Results.Bytes(assets.Script.Content, "text/javascript; charset=utf-8");
        });
        routes.MapGet("/code.css", (HttpResponse response) =>
        {
            SecurityHeaders(response);
            return Results.Bytes(assets.Style.Content, "text/css; charset=utf-8");
        });
        routes.MapPost("/code/setup", SetupAsync);
        routes.MapPost("/code/job", JobAsync);
        routes.MapPost("/code/sign", SignAsync);
    }

    private static void SecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'none'; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }

    private static async Task<IResult> SetupAsync(ModuleProvider modules, IOptions<BridgeOptions> options, CancellationToken cancellationToken)
    {
        var listed = await modules.ListCertificatesAsync(cancellationToken);
        if (!listed.IsSuccess)
        {
            return BridgeJson.Error(listed.Error!);
        }

        return Results.Json(new
        {
            servers = options.Value.AllowedOrigins,
            certificates = listed.Value.Select((c, i) => new
            {
                index = i,
                subject = c.Description.Subject,
                tckn = c.Description.Tckn,
                issuer = c.Description.Issuer,
                notAfter = c.Description.NotAfter,
            }),
        }, BridgeJson.Options);
    }

    private static async Task<IResult> JobAsync(
        HttpRequest request, ModuleProvider modules, CodeFlowClient client, PendingCodeJobs jobs, CancellationToken cancellationToken)
    {
        var body = await ReadAsync<JobRequest>(request, cancellationToken);
        if (body is null)
        {
            return BridgeJson.Error(BridgeErrors.BadRequest("JSON okunamadı."));
        }

        if (!Uri.TryCreate(body.Server, UriKind.Absolute, out var server))
        {
            return BridgeJson.Error(Flow("Sunucu adresi geçersiz.", 400));
        }

        if (client.RefuseServer(server) is { } refused)
        {
            return BridgeJson.Error(Flow(refused, 403));
        }

        var code = CodeFlowClient.NormalizeCode(body.Code);
        if (code is null)
        {
            return BridgeJson.Error(Flow("Doğrulama kodu 15 rakamdan oluşmalı.", 400));
        }

        var listed = await modules.ListCertificatesAsync(cancellationToken);
        if (!listed.IsSuccess)
        {
            return BridgeJson.Error(listed.Error!);
        }

        if (body.Certificate is not { } index || index < 0 || index >= listed.Value.Count)
        {
            return BridgeJson.Error(Flow("Geçerli bir sertifika seçilmedi.", 400));
        }

        var certificate = listed.Value[index];
        var (job, error) = await client.FetchJobAsync(server, code, certificate.Der, cancellationToken);
        if (job is null)
        {
            return BridgeJson.Error(Flow(error!));
        }

        var id = jobs.Add(new PendingCodeJob(server, code, certificate.Der, job, DateTimeOffset.UtcNow + JobLifetime));
        return Results.Json(new { jobId = id, origin = job.Origin, signerName = job.SignerName, tckn = certificate.Description.Tckn, items = job.Items }, BridgeJson.Options);
    }

    private static async Task<IResult> SignAsync(
        HttpRequest request, CardSigner signer, CodeFlowClient client, PendingCodeJobs jobs, ILogger<PendingCodeJobs> logger, CancellationToken cancellationToken)
    {
        var body = await ReadAsync<SignJobRequest>(request, cancellationToken);
        using var pin = body?.Pin ?? SensitivePin.Empty;
        if (body?.JobId is not { } id || jobs.Find(id) is not { } pending)
        {
            return BridgeJson.Error(Flow("İmza işi bulunamadı ya da süresi doldu; MYS sayfasından yeni kod alın.", 404));
        }

        var outcome = await signer.SignAsync(new SignCommand(pending.CertificateDer, pending.Job.Algorithm, pending.Job.Digests), pin, cancellationToken);
        if (!outcome.IsSuccess)
        {
            logger.LogInformation("Code page signing failed: {Code}", outcome.Error!.Code);
            if (outcome.Error.Code != "AGENT_PIN_INCORRECT" || outcome.Error.TriesRemaining is 1)
            {
                jobs.Remove(id); // the code is used up on the server; a new one is needed
            }

            return BridgeJson.Error(outcome.Error);
        }

        jobs.Remove(id);
        var (signed, error) = await client.CompleteAsync(pending.Server, pending.Code, pending.CertificateDer, outcome.Value.Signatures, cancellationToken);
        return error is not null ? BridgeJson.Error(Flow(error)) : Results.Json(new { signed }, BridgeJson.Options);
    }

    private static BridgeError Flow(string message, int status = 409) =>
        new("CODE_FLOW_REFUSED", message, "MYS sayfasından yeni bir doğrulama kodu alıp yeniden deneyin.", status);

    private static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, BridgeJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record JobRequest(string? Server, string? Code, int? Certificate);

    private sealed class SignJobRequest
    {
        public string? JobId { get; init; }

        public SensitivePin? Pin { get; init; }
    }
}

/// <summary>A random token per agent process, embedded in the local page; other pages cannot read it (no CORS, no framing).</summary>
public sealed class LocalPageToken
{
    public string Value { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(Value));
}

/// <summary>A fetched (so already claimed) code job waiting for the PIN on the local page.</summary>
public sealed record PendingCodeJob(Uri Server, string Code, byte[] CertificateDer, CodeJob Job, DateTimeOffset ExpiresAt);

/// <summary>Jobs between "show the documents" and "sign" on the local page; in memory, a few minutes, removed when used.</summary>
public sealed class PendingCodeJobs
{
    private readonly ConcurrentDictionary<string, PendingCodeJob> _jobs = new(StringComparer.Ordinal);

    public string Add(PendingCodeJob job)
    {
        foreach (var stale in _jobs.Where(j => j.Value.ExpiresAt < DateTimeOffset.UtcNow).Select(j => j.Key).ToList())
        {
            _jobs.TryRemove(stale, out _);
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _jobs[id] = job;
        return id;
    }

    public PendingCodeJob? Find(string id) =>
        _jobs.TryGetValue(id, out var job) && job.ExpiresAt > DateTimeOffset.UtcNow ? job : null;

    public void Remove(string id) => _jobs.TryRemove(id, out _);
}

/// <summary>
/// Front door of the local page: GET of the page and its two assets from any loopback navigation (an Origin, if sent,
/// must be the agent's own); POST /code/* only with Origin = the agent's own origin, <c>Sec-Fetch-Site</c> (when sent)
/// same-origin, and the page token. Never CORS headers; preflights are refused.
/// </summary>
public static class LocalCodePagePolicy
{
    public static bool Owns(PathString path) =>
        path == "/" || path == "/code.js" || path == "/code.css" || path.StartsWithSegments("/code", StringComparison.Ordinal);

    public static bool Admits(HttpRequest request, LocalPageToken token)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(token);
        var own = "http://" + request.Host.Value;
        var origins = request.Headers.Origin;
        if (origins.Count > 1 || (origins.Count == 1 && !string.Equals(origins[0], own, StringComparison.Ordinal)))
        {
            return false;
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return !request.Path.StartsWithSegments("/code", StringComparison.Ordinal) || request.Path == "/code.js" || request.Path == "/code.css";
        }

        var fetchSite = request.Headers["Sec-Fetch-Site"];
        return HttpMethods.IsPost(request.Method)
            && origins.Count == 1
            && (fetchSite.Count == 0 || string.Equals(fetchSite[0], "same-origin", StringComparison.Ordinal))
            && token.Matches(request.Headers[LocalCodePage.TokenHeader]);
    }
}
