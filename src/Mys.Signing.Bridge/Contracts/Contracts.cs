using Mys.Signing.Bridge.Security;

namespace Mys.Signing.Bridge.Contracts;

// Versioned JSON contract of /v1 (docs/bridge-protocol.md). Add fields, never rename or remove them.

public sealed record ErrorResponse(string Code, string Message, string NextStep, int? TriesRemaining)
{
    public static ErrorResponse Of(BridgeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.Code, error.Message, error.NextStep, error.TriesRemaining);
    }
}

public sealed record StatusResponse(string Agent, string Version, string Abi, ModuleStatus Module, IReadOnlyList<TokenStatus> Tokens);

public sealed record ModuleStatus(bool Loaded, string? Path, IReadOnlyList<string> Searched, string? ErrorCode);

public sealed record TokenStatus(
    string Label, string SerialNumber, string Manufacturer, string Model, ulong Flags, bool PinLocked, bool PinFinalTry, bool PinCountLow, bool PinPad);

public sealed record TokenReference(string Label, string SerialNumber);

public sealed record CertificatesResponse(IReadOnlyList<CertificateEntry> Certificates);

public sealed record CertificateEntry(
    string Certificate,
    string Subject,
    string? Tckn,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string KeyType,
    int KeySize,
    string? Curve,
    TokenReference Token,
    IReadOnlyList<string> SupportedSignatureAlgorithms);

public sealed class SignRequest
{
    /// <summary>Base64 DER of the certificate the server prepared the digests for.</summary>
    public string? Certificate { get; init; }

    /// <summary>"SHA-256" or "SHA-384".</summary>
    public string? DigestAlgorithm { get; init; }

    public IReadOnlyList<string>? Digests { get; init; }

    /// <summary>Never logged, never stored; zeroed after use. Empty only for PIN-pad readers.</summary>
    public SensitivePin? Pin { get; init; }
}

public sealed record SignResponse(
    IReadOnlyList<string> Signatures, string SignatureAlgorithm, string SignatureFormat, string DigestAlgorithm, TokenReference Token);
