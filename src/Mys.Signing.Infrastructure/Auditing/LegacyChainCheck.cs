using Microsoft.EntityFrameworkCore;

namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>
/// The rows written before the partitions (no partition): one chain from the genesis hash, linked by hash only, as
/// it was verified then; sealed by the anchors, which record its last row.
/// </summary>
internal static class LegacyChainCheck
{
    public static async Task<long> RunAsync(DbContext db, IReadOnlyList<AnchoredHead> latestHeads, List<AuditChainProblem> problems, CancellationToken cancellationToken)
    {
        var hashes = new Dictionary<string, long>(StringComparer.Ordinal);
        var links = new List<(long Id, string Previous)>();
        AuditEntry? last = null;
        long count = 0;

        await foreach (var entry in db.Set<AuditEntry>().AsNoTracking().Where(e => e.Partition == null).OrderBy(e => e.Id)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            last = entry;
            if (!AuditCanonicalForm.ComputeHash(entry.PreviousHash, entry).AsSpan().SequenceEqual(entry.Hash))
            {
                problems.Add(new AuditChainProblem(entry.Id, AuditChainProblemKind.ContentChanged));
            }

            hashes.TryAdd(Convert.ToHexString(entry.Hash), entry.Id);
            links.Add((entry.Id, Convert.ToHexString(entry.PreviousHash)));
        }

        CheckLinks(hashes, links, problems);
        CheckSeal(last, latestHeads, problems);
        return count;
    }

    private static void CheckLinks(Dictionary<string, long> hashes, List<(long Id, string Previous)> links, List<AuditChainProblem> problems)
    {
        var genesis = Convert.ToHexString(AuditCanonicalForm.GenesisHash);
        var successors = new HashSet<string>(StringComparer.Ordinal);
        var genesisSeen = false;
        foreach (var (id, previous) in links)
        {
            if (previous == genesis)
            {
                if (genesisSeen)
                {
                    problems.Add(new AuditChainProblem(id, AuditChainProblemKind.ExtraGenesis));
                }

                genesisSeen = true;
                continue;
            }

            if (!hashes.ContainsKey(previous))
            {
                problems.Add(new AuditChainProblem(id, AuditChainProblemKind.PredecessorMissing));
            }
            else if (!successors.Add(previous))
            {
                problems.Add(new AuditChainProblem(id, AuditChainProblemKind.Fork));
            }
        }

        if (links.Count > 0 && !genesisSeen)
        {
            problems.Add(new AuditChainProblem(links[0].Id, AuditChainProblemKind.PredecessorMissing));
        }
    }

    /// <summary>Once anchored, the legacy chain never grows: its last row must be the anchored one, with the anchored hash.</summary>
    private static void CheckSeal(AuditEntry? last, IReadOnlyList<AnchoredHead> latestHeads, List<AuditChainProblem> problems)
    {
        if (latestHeads.Count == 0)
        {
            return;
        }

        var sealedHead = latestHeads.FirstOrDefault(h => h.Partition == AnchoredHead.LegacyPartition);
        var intact = sealedHead is null
            ? last is null
            : last is not null && last.Id == sealedHead.Position && last.Hash.AsSpan().SequenceEqual(sealedHead.Hash);
        if (!intact)
        {
            problems.Add(new AuditChainProblem(last?.Id ?? sealedHead!.Position, AuditChainProblemKind.LegacyChainChanged,
                $"anchored last legacy row {sealedHead?.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, found {last?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"));
        }
    }
}
