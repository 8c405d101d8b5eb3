namespace Mys.Signing.Infrastructure.Signing.Codes;

/// <summary>
/// A one-time verification code ("doğrulama kodu") for signing without a browser–agent connection: 15 digits, issued to
/// one user for one set of targets on one server origin, valid <see cref="SigningCodeStore.Lifetime"/> for the agent
/// to fetch the job, claimed once by the certificate the agent presents. Only the code's SHA-256 is stored.
/// </summary>
public sealed class SigningCode
{
    public Guid Id { get; init; }

    public required string CodeSha256 { get; init; }

    public Guid UserId { get; init; }

    /// <summary>scheme://host[:port] of the server that issued the code; the agent must fetch the job from the same origin.</summary>
    public required string Origin { get; init; }

    /// <summary>What is being signed, e.g. "PaymentOrder".</summary>
    public required string Purpose { get; init; }

    /// <summary>The targets (e.g. ÖEB ids) as a JSON array.</summary>
    public required string Targets { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the agent fetched the job (the code's single use).</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>SHA-256 (hex) of the certificate the agent presented when it claimed the code.</summary>
    public string? CertificateSha256 { get; init; }

    /// <summary>The signing session prepared lazily, for the claiming certificate.</summary>
    public Guid? SessionId { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? FailedAt { get; init; }

    /// <summary>Why the flow ended without signatures (an error code), shown to the waiting page.</summary>
    public string? FailureCode { get; init; }

    public string? FailureMessage { get; init; }
}
