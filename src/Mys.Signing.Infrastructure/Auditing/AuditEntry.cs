namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>
/// One row of the append-only, hash-chained audit trail. <see cref="Hash"/> = SHA-256(<see cref="PreviousHash"/> ‖
/// UTF-8 canonical content); see <see cref="AuditCanonicalForm"/>. The database refuses UPDATE, DELETE and TRUNCATE.
/// A row belongs to one of <see cref="AuditPartitions.Count"/> chains (<see cref="Partition"/>, position
/// <see cref="Sequence"/> from 1); rows written before the partitions existed have neither and form the sealed legacy chain.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public short? Partition { get; set; }

    public long? Sequence { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public Guid? UserId { get; set; }

    public string? UserName { get; set; }

    public string? Role { get; set; }

    public Guid? UnitId { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    public required string Action { get; set; }

    /// <summary>JSON text of changed fields <c>{"Field":{"old":…,"new":…}}</c> or event details; kept as text so its bytes stay hashable.</summary>
    public string? Changes { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public required string CorrelationId { get; set; }

    public byte[] PreviousHash { get; set; } = [];

    public byte[] Hash { get; set; } = [];
}
