using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>
/// The anchors: each one's hash recomputed, each chained to the one before (the first to the genesis hash), no
/// partition's head going back or vanishing from one anchor to the next, and the anchor recorded outside the database
/// (if given) still there with the same hash. Returns the latest anchor, whose heads pin the partitions' prefixes.
/// </summary>
internal static class AnchorChainCheck
{
    public static async Task<(long Count, AuditAnchor? Latest)> RunAsync(
        DbContext db, RecordedAnchor? recorded, List<AuditChainProblem> problems, CancellationToken cancellationToken)
    {
        var previousHash = AuditCanonicalForm.GenesisHash;
        Dictionary<short, long>? previousHeads = null;
        AuditAnchor? latest = null;
        var recordedFound = false;
        long count = 0;

        await foreach (var anchor in db.Set<AuditAnchor>().AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            latest = anchor;
            if (!AuditAnchor.ComputeHash(anchor.PreviousHash, anchor.CreatedAt, anchor.Heads).AsSpan().SequenceEqual(anchor.Hash))
            {
                problems.Add(new AuditChainProblem(anchor.Id, AuditChainProblemKind.AnchorChanged, "anchor"));
            }

            if (!anchor.PreviousHash.AsSpan().SequenceEqual(previousHash))
            {
                problems.Add(new AuditChainProblem(anchor.Id, AuditChainProblemKind.AnchorChainBroken, "anchor"));
            }

            var heads = anchor.ReadHeads().ToDictionary(h => h.Partition, h => h.Position);
            foreach (var (partition, position) in previousHeads ?? [])
            {
                if (!heads.TryGetValue(partition, out var now) || now < position)
                {
                    problems.Add(new AuditChainProblem(anchor.Id, AuditChainProblemKind.AnchorRegressed,
                        string.Create(CultureInfo.InvariantCulture, $"anchor: partition {partition} was at {position}")));
                }
            }

            if (recorded is not null && anchor.Id == recorded.Id)
            {
                recordedFound = true;
                if (!anchor.Hash.AsSpan().SequenceEqual(recorded.Hash))
                {
                    problems.Add(new AuditChainProblem(anchor.Id, AuditChainProblemKind.AnchorNotAsRecorded, "anchor"));
                }
            }

            previousHash = anchor.Hash;
            previousHeads = heads;
        }

        if (recorded is not null && !recordedFound)
        {
            problems.Add(new AuditChainProblem(recorded.Id, AuditChainProblemKind.AnchorNotAsRecorded, "anchor missing"));
        }

        return (count, latest);
    }
}
