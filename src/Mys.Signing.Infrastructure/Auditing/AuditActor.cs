namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>Who is acting and from where: written into every audit row of the unit of work.</summary>
public sealed record AuditActor(
    Guid? UserId,
    string? UserName,
    string? Role,
    Guid? UnitId,
    string? IpAddress,
    string? UserAgent,
    string CorrelationId)
{
    public static AuditActor System(string name) => new(null, name, null, null, null, null, Guid.NewGuid().ToString("N"));
}

/// <summary>Supplies the current actor (from the HTTP request in the web app, the operator in the CLI).</summary>
public interface IAuditActorAccessor
{
    AuditActor Current { get; }
}

/// <summary>An actor accessor for processes without requests (CLI, seeding, jobs).</summary>
public sealed class FixedAuditActorAccessor(AuditActor actor) : IAuditActorAccessor
{
    public AuditActor Current { get; } = actor;
}
