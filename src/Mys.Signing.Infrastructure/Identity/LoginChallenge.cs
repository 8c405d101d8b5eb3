namespace Mys.Signing.Infrastructure.Identity;

/// <summary>
/// A nonce the server issued for an e-signature login: 256 random bits, bound to the origin that asked for it,
/// short-lived, consumed once. Only its SHA-256 is stored, so a database reader cannot answer a challenge in flight.
/// </summary>
public sealed class LoginChallenge
{
    public Guid Id { get; init; }

    /// <summary>SHA-256 (hex) of the nonce's text as sent to the browser.</summary>
    public required string NonceSha256 { get; init; }

    /// <summary>scheme://host[:port] of the page that asked for the challenge.</summary>
    public required string Origin { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; init; }
}
