using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Contracts;

namespace Mys.Signing.Bridge.Commands;

/// <summary>A job fetched with a verification code: what the server prepared for the presented certificate.</summary>
public sealed record CodeJob(string Origin, string SignerName, DigestAlgorithm Algorithm, IReadOnlyList<byte[]> Digests, IReadOnlyList<string> Items);

/// <summary>A value or the Turkish reason why there is none.</summary>
public sealed record CodeFlowResult<T>(T? Value, string? Error)
{
    public static CodeFlowResult<T> Fail(string error) => new(default, error);
}

/// <summary>
/// The server side of the verification-code flow, shared by the <c>code</c> command and the agent's loopback page:
/// which servers may be asked (allow-listed origins, HTTPS unless loopback), fetching the job (which claims the code)
/// and posting the signatures back.
/// </summary>
public sealed class CodeFlowClient(HttpClient http, IOptions<BridgeOptions> options)
{
    /// <summary>Why <paramref name="server"/> may not be asked, or null.</summary>
    public string? RefuseServer(Uri server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (server.Scheme != Uri.UriSchemeHttps && !server.IsLoopback)
        {
            return "Sunucu adresi https:// ile başlamalı.";
        }

        var origin = server.GetLeftPart(UriPartial.Authority);
        // Against phishing: a code only goes to a server this bridge was set up for.
        return options.Value.AllowedOrigins.Contains(origin, StringComparer.Ordinal)
            ? null
            : $"{origin} bu İmza Ajanı'nın ayarlarında izinli sunucular arasında değil (Bridge:AllowedOrigins).";
    }

    /// <summary>The 15 digits of a typed code (spaces and dashes allowed), or null.</summary>
    public static string? NormalizeCode(string? typed)
    {
        var digits = new string((typed ?? string.Empty).Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 15 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    public async Task<CodeFlowResult<CodeJob>> FetchJobAsync(Uri server, string code, byte[] certificateDer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var (job, error) = await PostAsync<CodeJobResponse>(new Uri(server, "/api/agent/v1/code/job"),
            new { code, certificate = Convert.ToBase64String(certificateDer) }, cancellationToken);
        if (job is null)
        {
            return CodeFlowResult<CodeJob>.Fail(error!);
        }

        var algorithm = DigestAlgorithm.Parse(job.DigestAlgorithm);
        if (!string.Equals(job.Origin, server.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) || algorithm is null
            || job.Digests.Count == 0 || job.Digests.Count != job.Items.Count)
        {
            return CodeFlowResult<CodeJob>.Fail("Sunucunun gönderdiği iş tutarsız; imzalanmadı.");
        }

        var digests = new List<byte[]>(job.Digests.Count);
        foreach (var encoded in job.Digests)
        {
            var digest = Convert.FromBase64String(encoded);
            if (digest.Length != algorithm.Length)
            {
                return CodeFlowResult<CodeJob>.Fail(BridgeErrors.BadDigest("sunucudan gelen özet uzunluğu hatalı.").Message);
            }

            digests.Add(digest);
        }

        return new CodeFlowResult<CodeJob>(new CodeJob(job.Origin, job.SignerName, algorithm, digests, job.Items), null);
    }

    /// <summary>Posts the card's signatures; the number of signed documents.</summary>
    public async Task<CodeFlowResult<int>> CompleteAsync(Uri server, string code, byte[] certificateDer, IEnumerable<byte[]> signatures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var (done, error) = await PostAsync<CodeCompleteResponse>(new Uri(server, "/api/agent/v1/code/complete"),
            new { code, certificate = Convert.ToBase64String(certificateDer), signatures = signatures.Select(Convert.ToBase64String).ToList() }, cancellationToken);
        return done is null ? CodeFlowResult<int>.Fail(error!) : new CodeFlowResult<int>(done.Signed, null);
    }

    private async Task<(T? Value, string? Error)> PostAsync<T>(Uri url, object body, CancellationToken cancellationToken)
        where T : class
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(url, body, BridgeJson.Options, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return (null, $"Sunucuya ulaşılamadı ({e.Message}). İnternet bağlantınızı ve sunucu adresini kontrol edin.");
        }

        using (response)
        {
            try
            {
                if (response.IsSuccessStatusCode)
                {
                    var value = await response.Content.ReadFromJsonAsync<T>(BridgeJson.Options, cancellationToken);
                    return value is null ? (null, "Sunucunun cevabı boş.") : (value, null);
                }

                var error = await response.Content.ReadFromJsonAsync<ServerError>(BridgeJson.Options, cancellationToken);
                return (null, error?.Message ?? $"Sunucu isteği reddetti ({(int)response.StatusCode}).");
            }
            catch (JsonException)
            {
                return (null, $"Sunucunun cevabı okunamadı ({(int)response.StatusCode}).");
            }
        }
    }

    private sealed record CodeJobResponse(string Origin, string Purpose, string SignerName, string DigestAlgorithm, IReadOnlyList<string> Digests, IReadOnlyList<string> Items);

    private sealed record CodeCompleteResponse(string Status, int Signed);

    private sealed record ServerError(string Code, string Message);
}
