using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>
/// Streams the partitioned rows in (partition, sequence) order, holding only the current partition's last row: each
/// row's hash recomputed, sequences 1, 2, 3… without gap or duplicate, each row linked to its predecessor's hash, the
/// latest anchor's heads found with their anchored hash, and no row older than the grace period left unanchored.
/// </summary>
internal static class PartitionChainCheck
{
    public static async Task<long> RunAsync(
        DbContext db, AuditAnchor? latest, DateTimeOffset anchoredBefore, List<AuditChainProblem> problems, CancellationToken cancellationToken)
    {
        var anchored = (latest?.ReadHeads() ?? []).Where(h => h.Partition >= 0).ToDictionary(h => h.Partition);
        var found = new HashSet<short>();
        var unanchoredReported = new HashSet<short>();
        short? partition = null;
        long expected = 1;
        var previous = AuditCanonicalForm.GenesisHash;
        long count = 0;

        await foreach (var entry in db.Set<AuditEntry>().AsNoTracking().Where(e => e.Partition != null)
                           .OrderBy(e => e.Partition).ThenBy(e => e.Sequence).ThenBy(e => e.Id)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (entry.Partition != partition)
            {
                partition = entry.Partition;
                expected = 1;
                previous = AuditCanonicalForm.GenesisHash;
            }

            var lane = partition!.Value;
            var sequence = entry.Sequence!.Value;
            if (!AuditCanonicalForm.ComputeHash(entry.PreviousHash, entry).AsSpan().SequenceEqual(entry.Hash))
            {
                problems.Add(new AuditChainProblem(entry.Id, AuditChainProblemKind.ContentChanged, Where(lane, sequence)));
            }

            if (sequence < expected)
            {
                problems.Add(new AuditChainProblem(entry.Id, AuditChainProblemKind.Fork, Where(lane, sequence)));
            }
            else
            {
                if (sequence > expected)
                {
                    problems.Add(new AuditChainProblem(entry.Id, AuditChainProblemKind.SequenceGap,
                        string.Create(CultureInfo.InvariantCulture, $"partition {lane}: sequence {expected}..{sequence - 1} missing")));
                }

                if (!entry.PreviousHash.AsSpan().SequenceEqual(previous))
                {
                    problems.Add(new AuditChainProblem(entry.Id, AuditChainProblemKind.PredecessorMissing, Where(lane, sequence)));
                }

                expected = sequence + 1;
            }

            previous = entry.Hash;
            if (anchored.TryGetValue(lane, out var head))
            {
                if (head.Position == sequence && found.Add(lane) && !head.Hash.AsSpan().SequenceEqual(entry.Hash))
                {
                    problems.Add(new AuditChainProblem(entry.Id, AuditChainProblemKind.AnchoredEntryChanged, Where(lane, sequence)));
                }
            }

            if ((head is null || sequence > head.Position) && entry.OccurredAt < anchoredBefore && unanchoredReported.Add(lane))
            {
                problems.Add(new AuditChainProblem(entry.Id, AuditChainProblemKind.NotAnchored, Where(lane, sequence)));
            }
        }

        foreach (var head in anchored.Values.Where(h => !found.Contains(h.Partition)))
        {
            problems.Add(new AuditChainProblem(latest!.Id, AuditChainProblemKind.AnchoredEntryMissing, Where(head.Partition, head.Position)));
        }

        return count;
    }

    private static string Where(short partition, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"partition {partition}, sequence {sequence}");
}
