using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mys.Signing.Bridge.Card;
using Mys.Signing.Bridge.Contracts;
using Mys.Signing.Bridge.Security;

namespace Mys.Signing.Bridge.Commands;

/// <summary>
/// POST /v1/sign: strict checks on every argument, then one login for all digests.
/// The body holds the PIN: it is never logged, and read into a <see cref="SensitivePin"/> that is zeroed here.
/// </summary>
public sealed class SignHandler(CardSigner signer, IOptions<BridgeOptions> options, ILogger<SignHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return BridgeJson.Error(BridgeErrors.BadRequest("içerik türü application/json olmalı."));
        }

        SignRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SignRequest>(request.Body, BridgeJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return BridgeJson.Error(BridgeErrors.BadRequest("JSON okunamadı."));
        }

        using var pin = body?.Pin ?? SensitivePin.Empty;
        var command = body is null ? BridgeErrors.BadRequest("gövde boş.") : Validate(body);
        if (!command.IsSuccess)
        {
            logger.LogInformation("Sign refused before the card: {Code}", command.Error!.Code);
            return BridgeJson.Error(command.Error!);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await signer.SignAsync(command.Value, pin, cancellationToken);
        watch.Stop();
        if (!outcome.IsSuccess)
        {
            logger.LogInformation("Sign failed: {Code}", outcome.Error!.Code);
            return BridgeJson.Error(outcome.Error!);
        }

        var result = outcome.Value;
        logger.LogInformation("Signed {Count} digest(s) with {Algorithm} on token {Serial} in {CardMs:0.0} ms", result.Signatures.Count, result.SignatureAlgorithm, result.Token.SerialNumber, watch.Elapsed.TotalMilliseconds);
        return Results.Json(
            new SignResponse(
                [.. result.Signatures.Select(Convert.ToBase64String)],
                result.SignatureAlgorithm,
                result.SignatureFormat,
                command.Value.Algorithm.Name,
                new TokenReference(result.Token.Label, result.Token.SerialNumber)),
            BridgeJson.Options);
    }

    private BridgeResult<SignCommand> Validate(SignRequest body)
    {
        var der = FromBase64(body.Certificate);
        if (der is null || !IsCertificate(der))
        {
            return BridgeErrors.BadRequest("sertifika base64 DER biçiminde değil.");
        }

        var algorithm = DigestAlgorithm.Parse(body.DigestAlgorithm);
        if (algorithm is null)
        {
            return BridgeErrors.UnsupportedAlgorithm();
        }

        if (body.Digests is not { Count: > 0 } encoded)
        {
            return BridgeErrors.BadDigest("özet listesi boş.");
        }

        if (encoded.Count > options.Value.MaxDigestsPerRequest)
        {
            return BridgeErrors.BadRequest($"bir istekte en çok {options.Value.MaxDigestsPerRequest} özet imzalanabilir.");
        }

        var digests = new List<byte[]>(encoded.Count);
        for (var i = 0; i < encoded.Count; i++)
        {
            var digest = FromBase64(encoded[i]);
            if (digest is null)
            {
                return BridgeErrors.BadDigest($"{i + 1}. özet base64 değil.");
            }

            if (digest.Length != algorithm.Length)
            {
                return BridgeErrors.BadDigest($"{i + 1}. özet {digest.Length} bayt; {algorithm.Name} için {algorithm.Length} bayt olmalı.");
            }

            digests.Add(digest);
        }

        return BridgeResult<SignCommand>.Success(new SignCommand(der, algorithm, digests));
    }

    private static byte[]? FromBase64(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var buffer = new byte[value.Length * 3 / 4];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }

    private static bool IsCertificate(byte[] der)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
