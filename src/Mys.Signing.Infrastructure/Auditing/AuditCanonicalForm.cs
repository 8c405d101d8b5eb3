using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>
/// The canonical content of an audit row and its chain hash. Fields are written as a JSON array in a fixed order,
/// the time as UTC with microsecond precision (what PostgreSQL keeps), so that the hash can be recomputed from
/// the stored row by <c>mys audit verify</c>. A partitioned row's partition and sequence lead the array, so moving a row
/// to another position or partition changes its hash; legacy rows (no partition) keep the form they were hashed with.
/// </summary>
public static class AuditCanonicalForm
{
    public static readonly byte[] GenesisHash = new byte[32];

    public static string Of(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string?[] position = entry.Partition is { } partition
            ? [partition.ToString(CultureInfo.InvariantCulture), entry.Sequence?.ToString(CultureInfo.InvariantCulture)]
            : [];
        string?[] fields =
        [
            .. position,
            entry.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            entry.UserId?.ToString("D"),
            entry.UserName,
            entry.Role,
            entry.UnitId?.ToString("D"),
            entry.EntityType,
            entry.EntityId,
            entry.Action,
            entry.Changes,
            entry.IpAddress,
            entry.UserAgent,
            entry.CorrelationId,
        ];
        return AuditJson.Serialize(fields);
    }

    public static byte[] ComputeHash(byte[] previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        var content = Encoding.UTF8.GetBytes(Of(entry));
        var buffer = new byte[previousHash.Length + content.Length];
        previousHash.CopyTo(buffer, 0);
        content.CopyTo(buffer, previousHash.Length);
        return SHA256.HashData(buffer);
    }

    /// <summary>PostgreSQL keeps microseconds; drop the rest before hashing so the stored row hashes the same.</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }
}
