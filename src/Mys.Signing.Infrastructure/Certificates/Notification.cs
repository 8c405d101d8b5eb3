namespace Mys.Signing.Infrastructure.Certificates;

/// <summary>An in-app message to a user (used for reminders when no SMTP server is configured).</summary>
public sealed class Notification
{
    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    /// <summary>A page of this app the message points to (a help topic, the readiness check).</summary>
    public string? Link { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; set; }
}
