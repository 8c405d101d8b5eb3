namespace Mys.Signing.Infrastructure.Certificates;

/// <summary>How an outbox reminder was delivered.</summary>
public enum ReminderChannel
{
    Email = 1,
    InApp = 2,
}

/// <summary>
/// An outbox row: one reminder to one user for one certificate and stage (60 days, 30 days, expired). The
/// <see cref="DedupKey"/> is unique, so running the daily job twice writes nothing new; delivery sets <see cref="SentAt"/>.
/// </summary>
public sealed class CertificateReminder
{
    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    /// <summary>"cert-expiry:{user}:{certificate sha256}:{stage}".</summary>
    public required string DedupKey { get; init; }

    public required string Stage { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; set; }

    public ReminderChannel? Channel { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
