namespace Mys.Signing.Infrastructure.Identity;

/// <summary>
/// One login: the cookie names it, and every request checks it is still open (PostgreSQL, so every app instance
/// agrees). Logout, the user ending it from the profile page, a password change or reset and a deactivation end it.
/// </summary>
public sealed class UserSession
{
    public const int AddressMaxLength = 64;

    public const int UserAgentMaxLength = 300;

    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Updated at most once a minute per session (not audited: it is not a state change anyone decided).</summary>
    public DateTimeOffset LastSeenAt { get; init; }

    public string? Address { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>"Password" or "Card".</summary>
    public required string Method { get; init; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>LoggedOut, EndedByUser, PasswordChanged, PasswordReset, Deactivated.</summary>
    public string? EndReason { get; private set; }

    public void End(DateTimeOffset at, string reason)
    {
        EndedAt ??= at;
        EndReason ??= reason;
    }
}
