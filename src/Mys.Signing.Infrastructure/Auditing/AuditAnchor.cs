using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>
/// A periodic global hash over the audit partitions: the head (sequence and hash) of every partition and of the sealed
/// legacy chain at <see cref="CreatedAt"/>, itself chained: <see cref="Hash"/> = SHA-256(<see cref="PreviousHash"/> ‖
/// UTF-8 of the time and <see cref="Heads"/>). Append-only like the entries (triggers, no UPDATE/DELETE privilege).
/// </summary>
public sealed class AuditAnchor
{
    public long Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Canonical JSON <c>[[partition, sequence, "HASH"], …]</c> ordered by partition; the legacy chain's head as <c>[-1, lastId, "HASH"]</c>.</summary>
    public required string Heads { get; set; }

    public byte[] PreviousHash { get; set; } = [];

    public byte[] Hash { get; set; } = [];

    public static byte[] ComputeHash(byte[] previousHash, DateTimeOffset createdAt, string heads)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        var time = createdAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var content = Encoding.UTF8.GetBytes(AuditJson.Serialize(new[] { time, heads }));
        return SHA256.HashData([.. previousHash, .. content]);
    }

    public IReadOnlyList<AnchoredHead> ReadHeads() => AnchoredHead.Parse(Heads);
}

/// <summary>One partition's head in an anchor; <see cref="LegacyPartition"/> names the legacy chain (position = its last row's id).</summary>
public sealed record AnchoredHead(short Partition, long Position, byte[] Hash)
{
    public const short LegacyPartition = -1;

    public static string Format(IEnumerable<AnchoredHead> heads) =>
        AuditJson.Serialize(heads.OrderBy(h => h.Partition).Select(h => new object[] { h.Partition, h.Position, Convert.ToHexString(h.Hash) }));

    public static IReadOnlyList<AnchoredHead> Parse(string heads)
    {
        using var document = JsonDocument.Parse(heads);
        return document.RootElement.EnumerateArray()
            .Select(e => new AnchoredHead(e[0].GetInt16(), e[1].GetInt64(), Convert.FromHexString(e[2].GetString()!)))
            .ToList();
    }
}
