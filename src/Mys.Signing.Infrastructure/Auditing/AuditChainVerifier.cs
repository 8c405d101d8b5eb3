using Microsoft.EntityFrameworkCore;

namespace Mys.Signing.Infrastructure.Auditing;

/// <summary>What is wrong with a row of the audit chain.</summary>
public enum AuditChainProblemKind
{
    /// <summary>The row's stored hash does not match its content: the row was changed.</summary>
    ContentChanged,

    /// <summary>The row points to a previous hash no row has: a row before it was removed.</summary>
    PredecessorMissing,

    /// <summary>Two rows claim the same predecessor: rows were inserted or re-chained by hand.</summary>
    Fork,

    /// <summary>More than one row starts the chain.</summary>
    ExtraGenesis,
}

public sealed record AuditChainProblem(long EntryId, AuditChainProblemKind Kind);

public sealed record AuditChainReport(long EntriesChecked, IReadOnlyList<AuditChainProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}

/// <summary>Recomputes every row's hash and checks that the rows form one unbroken chain from the genesis hash.</summary>
public static class AuditChainVerifier
{
    /// <summary>Reads the chain from the application's context (a plain <see cref="DbContext"/> here, so Auditing does not depend on Persistence).</summary>
    public static async Task<AuditChainReport> VerifyAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var problems = new List<AuditChainProblem>();
        var hashes = new Dictionary<string, long>(StringComparer.Ordinal);
        var links = new List<(long Id, string Previous)>();
        long count = 0;

        await foreach (var entry in db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            var recomputed = AuditCanonicalForm.ComputeHash(entry.PreviousHash, entry);
            if (!recomputed.AsSpan().SequenceEqual(entry.Hash))
            {
                problems.Add(new AuditChainProblem(entry.Id, AuditChainProblemKind.ContentChanged));
            }

            hashes.TryAdd(Convert.ToHexString(entry.Hash), entry.Id);
            links.Add((entry.Id, Convert.ToHexString(entry.PreviousHash)));
        }

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

        if (count > 0 && !genesisSeen)
        {
            problems.Add(new AuditChainProblem(links[0].Id, AuditChainProblemKind.PredecessorMissing));
        }

        return new AuditChainReport(count, problems.OrderBy(p => p.EntryId).ToList());
    }
}
