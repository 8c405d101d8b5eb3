namespace Mys.Signing.Infrastructure.Signing;

/// <summary>
/// What the server prepared for one signer between "prepare" and "complete" (two-phase signing): kept in
/// PostgreSQL, not in memory, so any app instance can complete it and a restart loses nothing. Lives
/// <see cref="SigningSessionStore.Lifetime"/>, is bound to the user and the certificate, and completes once.
/// </summary>
public sealed class SigningSession
{
    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    /// <summary>SHA-256 (hex) of the signer certificate the session was prepared for.</summary>
    public required string CertificateSha256 { get; init; }

    /// <summary>What is being signed, e.g. "PaymentOrder".</summary>
    public required string Purpose { get; init; }

    /// <summary>The targets (e.g. ÖEB ids and versions) as JSON.</summary>
    public required string Targets { get; init; }

    /// <summary>The prepared states (signed attributes, byte ranges…) needed to complete, in the signing feature's binary format.</summary>
    public required byte[] PreparedState { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
