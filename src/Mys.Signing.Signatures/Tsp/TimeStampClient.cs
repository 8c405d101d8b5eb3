using System.Net.Http.Headers;
using System.Security.Cryptography;
using Mys.Signing.Signatures.Common;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;

namespace Mys.Signing.Signatures.Tsp;

/// <summary>Obtains RFC 3161 time-stamp tokens.</summary>
public interface ITimeStampClient
{
    /// <summary>Returns the token (a CMS ContentInfo, DER) over <paramref name="digest"/>.</summary>
    Task<SignatureResult<byte[]>> GetTokenAsync(byte[] digest, DigestAlgorithm algorithm, CancellationToken cancellationToken = default);
}

/// <summary>Configuration of the HTTP time-stamp client; extra headers carry TSA credentials (e.g. Kamu SM's).</summary>
public sealed class TimeStampClientOptions
{
    public Uri? Url { get; set; }

    /// <summary>Headers added to every request, e.g. an Authorization or identity header the TSA requires.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Policy OID to request, if any.</summary>
    public string? PolicyOid { get; set; }
}

/// <summary>RFC 3161 over HTTP POST (application/timestamp-query).</summary>
public sealed class HttpTimeStampClient(HttpClient http, TimeStampClientOptions options) : ITimeStampClient
{
    public async Task<SignatureResult<byte[]>> GetTokenAsync(byte[] digest, DigestAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        if (options.Url is null)
        {
            return SignatureResult<byte[]>.Failure(SignatureErrors.TimeStampNotConfigured);
        }

        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        if (options.PolicyOid is not null)
        {
            generator.SetReqPolicy(new DerObjectIdentifier(options.PolicyOid));
        }

        var nonce = new BigInteger(1, RandomNumberGenerator.GetBytes(8));
        var request = generator.Generate(algorithm.Oid(), digest, nonce);
        using var message = new HttpRequestMessage(HttpMethod.Post, options.Url);
        message.Content = new ByteArrayContent(request.GetEncoded());
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        foreach (var (name, value) in options.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(options.Timeout);
            using var response = await http.SendAsync(message, cts.Token);
            if (!response.IsSuccessStatusCode)
            {
                return SignatureResult<byte[]>.Failure(SignatureErrors.TimeStampUnavailable);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
            var tsResponse = new TimeStampResponse(body);
            tsResponse.Validate(request);
            return tsResponse.TimeStampToken is { } token
                ? SignatureResult<byte[]>.Success(token.GetEncoded())
                : SignatureResult<byte[]>.Failure(SignatureErrors.TimeStampUnavailable);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TspException or IOException or ArgumentException or InvalidCastException)
        {
            return SignatureResult<byte[]>.Failure(SignatureErrors.TimeStampUnavailable with { Message = SignatureErrors.TimeStampUnavailable.Message + " (" + ex.Message + ")" });
        }
    }
}
