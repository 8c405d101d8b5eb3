using Microsoft.EntityFrameworkCore;

namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>What is wrong with a row of the audit chain (entry kinds name an entry's id, anchor kinds an anchor's id).</summary>
public enum AuditChainProblemKind
{
    /// <summary>The row's stored hash does not match its content (including its partition and sequence): the row was changed or moved.</summary>
    ContentChanged,

    /// <summary>The row points to a previous hash that is not its predecessor's: a row before it was removed or replaced.</summary>
    PredecessorMissing,

    /// <summary>Two rows claim the same predecessor or the same position: rows were inserted or re-chained by hand.</summary>
    Fork,

    /// <summary>More than one row starts the legacy chain.</summary>
    ExtraGenesis,

    /// <summary>Sequence numbers are missing right before this row in its partition: rows were removed.</summary>
    SequenceGap,

    /// <summary>Rows of the legacy chain appeared after it was sealed, or its anchored last row is gone or changed.</summary>
    LegacyChainChanged,

    /// <summary>(Anchor) The anchor's hash does not match its content.</summary>
    AnchorChanged,

    /// <summary>(Anchor) The anchor does not chain to the anchor before it: an anchor was removed or inserted.</summary>
    AnchorChainBroken,

    /// <summary>(Anchor) A partition's head went backwards or vanished between two anchors.</summary>
    AnchorRegressed,

    /// <summary>(Anchor) The latest anchor names a row that no longer exists: the partition's tail was cut off or the row removed.</summary>
    AnchoredEntryMissing,

    /// <summary>The row at an anchored position has another hash than anchored: the chain was rewritten from an earlier row.</summary>
    AnchoredEntryChanged,

    /// <summary>(Anchor) The anchor recorded outside the database (<c>--anchor ID:HASH</c>) is missing or differs: the anchors were rewritten.</summary>
    AnchorNotAsRecorded,

    /// <summary>The row is older than the grace period and no anchor covers it: the anchor job is not running or anchors were removed.</summary>
    NotAnchored,
}

public sealed record AuditChainProblem(long EntryId, AuditChainProblemKind Kind, string Detail = "");

public sealed record AuditChainReport(long EntriesChecked, long AnchorsChecked, AuditAnchor? LatestAnchor, IReadOnlyList<AuditChainProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}

/// <summary>An anchor's id and hash recorded outside the database, checked to still be there unchanged.</summary>
public sealed record RecordedAnchor(long Id, byte[] Hash);

/// <summary>
/// Recomputes every row's hash and checks that the legacy chain is one unbroken chain from the genesis hash, that
/// each partition is an unbroken chain with sequence numbers 1, 2, 3… and no gap or duplicate, that the anchors form
/// an unbroken chain whose heads never go back, and that the latest anchor's heads are still there with the same hash.
/// </summary>
public static class AuditChainVerifier
{
    /// <summary>How long a row may stay unanchored before it counts as a problem (the job anchors every minute).</summary>
    public static readonly TimeSpan DefaultUnanchoredGrace = TimeSpan.FromMinutes(15);

    /// <summary>Everything but the anchors' freshness (a copied or restored database may be old without being tampered with).</summary>
    public static Task<AuditChainReport> VerifyAsync(DbContext db, CancellationToken cancellationToken = default) =>
        VerifyAsync(db, DateTimeOffset.UtcNow, null, null, cancellationToken);

    /// <summary>
    /// Reads the chain from the application's context (a plain <see cref="DbContext"/> here, so Auditing does not depend
    /// on Persistence). With <paramref name="unanchoredGrace"/>, rows older than that (at <paramref name="now"/>) must be anchored.
    /// </summary>
    public static async Task<AuditChainReport> VerifyAsync(
        DbContext db, DateTimeOffset now, TimeSpan? unanchoredGrace, RecordedAnchor? recorded, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var problems = new List<AuditChainProblem>();
        var anchors = await AnchorChainCheck.RunAsync(db, recorded, problems, cancellationToken);
        var latestHeads = anchors.Latest?.ReadHeads() ?? [];
        var legacy = await LegacyChainCheck.RunAsync(db, latestHeads, problems, cancellationToken);
        var anchoredBefore = unanchoredGrace is { } grace ? now - grace : DateTimeOffset.MinValue;
        var partitioned = await PartitionChainCheck.RunAsync(db, anchors.Latest, anchoredBefore, problems, cancellationToken);
        return new AuditChainReport(legacy + partitioned, anchors.Count, anchors.Latest, problems.OrderBy(p => p.Kind >= AuditChainProblemKind.AnchorChanged).ThenBy(p => p.EntryId).ToList());
    }
}
